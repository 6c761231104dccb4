/*
** setline.c — set lines as drawing operations: each line the breaker chose (text/linebreak.c)
** becomes text ops at x offsets 0..measure, its word gaps stretched or shrunk when justified,
** a new op wherever the font would kern or join letters across a joint measured apart, and a
** line holding right-to-left text with its fragments reordered for display (UAX #9 rule L2).
** Part of layout (layout.c lists the parts); inline.c builds the words it sets.
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <string.h>

#include "text/bidi.h"
#include "text/linebreak.h"
#include "text/shape.h"
#include "base/utf8.h"

/* Whether the last character a[0..na) and the first b[0..nb) join in the font's ligatures. */
static int joined_pair(const char *a, size_t na, const char *b, size_t nb, const bc_shape_font *sf)
{
    char pair[8];
    if (na + nb > sizeof pair) return 0;
    memcpy(pair, a, na);
    memcpy(pair + na, b, nb);
    return bc_shape_ligates(sf, pair, na + nb);
}

/* Whether appending fragment fr to the open text would kern the pair at the joint: fragments
   are measured apart (hyphenation pieces, split words), so such a joint starts a new op and
   the PDF, which kerns within an op, draws exactly what was measured. */
static int kerned_joint(L *l, const bc_buf *text, const tfrag *fr)
{
    if (!text->len || !fr->len) return 0;
    if (fr->dir != BC_TEXT_PLAIN && !fr->lig) return 1; /* a shaped fragment is an op of its own */
    size_t i = text->len - 1;
    while (i > 0 && ((unsigned char)text->data[i] & 0xC0) == 0x80) i--;
    const char *a = text->data + i, *b = fr->text;
    uint32_t ca = bc_utf8_next(&a), cb = bc_utf8_next(&b);
    bc_font *f = bc_fontset_peek(l->fs, fr->font);
    if (bc_font_kern(f, ca, cb) != 0) return 1;
    /* two pieces of a word measured apart whose letters the font joins ("of" "fice", cut at
       a cluster): apart in the PDF too */
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    return joined_pair(text->data + i, text->len - i, fr->text, (size_t)(b - fr->text), &sf);
}

/* A text op, the text copied into the arena. */
static void put_text(L *l, int font, double size, uint32_t color, double x, double y,
                     const char *text, size_t len, int dir, const char *lang)
{
    bc_ops_text(&l->pool, font, size, color, x, y, bc_arena_strndup(l->a, text, len), len);
    l->pool.v[l->pool.n - 1].dir = (unsigned char)dir;
    l->pool.v[l->pool.n - 1].lang = lang;
}

/* Marks the op just put as joined (bc_op.joined) when *joined says so, and clears it. */
static void mark_joined(L *l, int *joined)
{
    if (*joined) l->pool.v[l->pool.n - 1].joined = 1;
    *joined = 0;
}

/* The gap after word k of a line as set: its space, or the glue between two ideographs, or
   the gap between an ideograph and Latin, stretched or shrunk when justified (by the ratio the
   breaker found with the same amounts). */
static double line_gap(const tword *w, const bc_lb_line *ln, int justify, double stretch_total,
                       double shrink_total)
{
    double gap = w->space + w->cjkgap;
    if (justify && ln->ratio > 0 && stretch_total > 0)
        gap += ln->ratio * bc_lay_gap_stretch(w);
    else if (justify && ln->ratio < 0 && shrink_total > 0)
        gap += ln->ratio * bc_lay_gap_shrink(w);
    return gap;
}

/* What the gaps of a line may stretch and shrink by in all. */
static void line_glue(const twords *ws, const bc_lb_line *ln, double *stretch, double *shrink)
{
    *stretch = *shrink = 0;
    for (int k = ln->first; k < ln->end - 1; k++) {
        *stretch += bc_lay_gap_stretch(&ws->w[k]);
        *shrink += bc_lay_gap_shrink(&ws->w[k]);
    }
}

/* Whether a line must be reordered for display: a right-to-left paragraph, or a fragment at an
   odd level. */
static int line_is_bidi(const twords *ws, const bc_lb_line *ln)
{
    if (ws->rtl) return 1;
    for (int k = ln->first; k < ln->end; k++)
        for (int fi = 0; fi < ws->w[k].nf; fi++)
            if (ws->f[ws->w[k].f0 + fi].level & 1) return 1;
    return 0;
}

/* Whether fragment q continues the piece ending with fragment e on a line: both shaped alike,
   and q's text follows e's in the paragraph with no space (a word cut between clusters by
   split_long_words, or at a break opportunity), so the two are shaped as one and join. */
static int continues_piece(const twords *ws, int e, int q)
{
    const tfrag *a = &ws->f[e], *b = &ws->f[q];
    return q == e + 1 && !a->trail && !b->lead && a->dir != BC_TEXT_PLAIN && a->dir == b->dir &&
           a->font == b->font && a->size == b->size && a->rise == b->rise && a->link == b->link &&
           a->lang == b->lang && a->level == b->level && !a->note && a->text + a->len == b->text;
}

/* A bidi line's pieces (bc_lay_emit_line's right-to-left and mixed path): fragment runs, the
   gaps between words and a closing hyphen, each with its width, level and place. */
typedef struct pieces {
    int n, last_frag;
    int *pc;         /* first fragment; -1 a word gap; -2 the hyphen; -3 glue */
    int *pn;         /* fragments in the piece */
    double *pw, *px; /* width and left edge */
    double lead0;    /* the line's first word's lead: its first piece drawn this much left */
} pieces;

/* Draws a bidi line's pieces at their places, in logical order, with word spaces, note marks
   and link areas. */
static void draw_pieces(L *l, const twords *ws, const pieces *P, const tstyle *st, double baseline)
{
    int link_op = -1;
    for (int i = 0; i < P->n; i++) {
        int p = P->pc[i];
        double x = P->px[i] - (p >= 0 ? ws->f[p].lead : 0) - (i == 0 ? P->lead0 : 0);
        if (p == -1) {
            /* a word space as a space glyph where the gap is, so readers that follow the
               content stream see the words apart */
            const tfrag *pf = i > 0 && P->pc[i - 1] >= 0 ? &ws->f[P->pc[i - 1]] : NULL;
            if (pf) {
                put_text(l, pf->font, pf->size, st->color, x, baseline - pf->rise, " ", 1,
                         BC_TEXT_PLAIN, pf->lang);
                bc_font_use(bc_fontset_peek(l->fs, pf->font), " ", 1);
            }
            continue;
        }
        if (p == -3) continue; /* stretched glue between ideographs: blank, no space glyph */
        const tfrag *fr = &ws->f[p >= 0 ? p : P->last_frag];
        const tfrag *fe = p >= 0 ? &ws->f[p + P->pn[i] - 1] : fr; /* the piece's last fragment */
        bc_font *f = bc_fontset_peek(l->fs, fr->font);
        const char *t = p >= 0 ? fr->text : "-";
        size_t tl = p >= 0 ? (size_t)(fe->text + fe->len - fr->text) : 1;
        int dir = p >= 0 ? fr->dir : BC_TEXT_PLAIN;
        put_text(l, fr->font, fr->size, fr->link ? l->th->accent : st->color, x,
                 baseline - fr->rise, t, tl, dir, fr->lang);
        bc_font_use(f, t, tl);
        if (p >= 0 && fe->note) {
            bc_op *nop = bc_ops_push(&l->pool);
            nop->kind = BC_OP_NOTE;
            nop->len = (size_t)fe->note;
            nop->x = (float)x;
            nop->y = (float)baseline;
        }
        if (p >= 0 && fr->link) { /* one area per link and line where its pieces touch */
            bc_op *prev = link_op >= 0 ? &l->pool.v[link_op] : NULL;
            if (prev && prev->text == fr->link && prev->x + prev->w >= x - fr->size &&
                prev->x <= x + P->pw[i] + fr->size) {
                double a = prev->x < x ? prev->x : x;
                double b = prev->x + prev->w > x + P->pw[i] ? prev->x + prev->w : x + P->pw[i];
                prev->x = (float)a;
                prev->w = (float)(b - a);
            } else {
                bc_ops_link(&l->pool, x, baseline - st->size * 0.85, P->pw[i], st->size * 1.15,
                            fr->link);
                link_op = l->pool.n - 1;
            }
        }
    }
}

/* Emits one set line holding right-to-left text (see line_is_bidi): its fragments, the gaps
   between words and a line-end hyphen are pieces with levels (a gap takes the lower level of
   its two neighbours), put in display order by rule L2 and placed from the left. A
   right-to-left paragraph's ragged and last lines are aligned right (its start).
   Each fragment is an op of its own, except shaped ones that continue each other
   (continues_piece); its text stays in logical order. */
static void emit_line_bidi(L *l, const twords *ws, const bc_lb_line *ln, int last, double measure,
                           const tstyle *st, double baseline)
{
    double stretch_total, shrink_total;
    line_glue(ws, ln, &stretch_total, &shrink_total);
    int justify = st->justify && (!last || ln->ratio < 0) && ln->end - ln->first > 1;
    int cap = 2;
    for (int k = ln->first; k < ln->end; k++) cap += ws->w[k].nf + 1;
    int *pc = bc_xmalloc((size_t)cap * sizeof *pc); /* frag index; -1 gap; -2 hyphen; -3 glue */
    int *pn = bc_xmalloc((size_t)cap * sizeof *pn); /* fragments in the piece */
    double *pw = bc_xmalloc((size_t)cap * sizeof *pw);
    unsigned char *plv = bc_xmalloc((size_t)cap);
    int *order = bc_xmalloc((size_t)cap * sizeof *order);
    int n = 0, last_frag = -1;
    for (int k = ln->first; k < ln->end; k++) {
        const tword *w = &ws->w[k];
        for (int fi = 0; fi < w->nf; fi++) {
            if (n > 0 && pc[n - 1] >= 0 &&
                continues_piece(ws, pc[n - 1] + pn[n - 1] - 1, w->f0 + fi)) {
                const tfrag *a = &ws->f[pc[n - 1]], *b = &ws->f[w->f0 + fi];
                pn[n - 1]++;
                pw[n - 1] = bc_lay_text_width(l, bc_fontset_peek(l->fs, a->font), a->text,
                                              (size_t)(b->text + b->len - a->text), a->size, a->dir,
                                              a->lang);
                last_frag = w->f0 + fi;
                continue;
            }
            pc[n] = w->f0 + fi;
            pn[n] = 1;
            pw[n] = ws->f[w->f0 + fi].w - (n == 0 ? ws->w[ln->first].lead : 0);
            plv[n++] = ws->f[w->f0 + fi].level;
            last_frag = w->f0 + fi;
        }
        double gap = k < ln->end - 1 ? line_gap(w, ln, justify, stretch_total, shrink_total) : 0;
        if (k < ln->end - 1 && (w->space > 0 || gap != 0)) {
            unsigned char a = ws->f[w->f0 + w->nf - 1].level, b = ws->f[ws->w[k + 1].f0].level;
            pc[n] = w->space > 0 ? -1 : -3; /* -3: stretched glue between ideographs */
            pw[n] = gap;
            plv[n++] = a < b ? a : b;
        }
    }
    if (ln->hyphenated && last_frag >= 0) {
        const tfrag *fr = &ws->f[last_frag];
        pc[n] = -2;
        pw[n] = bc_font_advance(bc_fontset_peek(l->fs, fr->font), '-') * fr->size / 1000.0;
        plv[n++] = fr->level;
    }
    bc_bidi_reorder(plv, n, order);
    double x0 = 0;
    if (!justify) {
        /* 'l' is where lines start (ragged text): the right in a right-to-left paragraph; an
           explicit 'r' (a column of numbers) or 'c' stays where it is */
        char align = st->justify ? 'l' : st->align;
        if (ws->rtl && align == 'l') align = 'r';
        double natural = 0; /* ln->natural, with joined pieces as shaped */
        for (int i = 0; i < n; i++) natural += pw[i];
        if (align == 'r')
            x0 = measure - natural;
        else if (align == 'c')
            x0 = (measure - natural) / 2;
    }
    /* each piece's place from the display order; the ops then in logical order, which is the
       order readers that follow the content stream (pdf.js, a screen reader) give the words */
    double *px = bc_xmalloc((size_t)(n ? n : 1) * sizeof *px);
    for (int i = 0; i < n; i++) {
        px[order[i]] = x0;
        x0 += pw[order[i]];
    }
    pieces P = {n, last_frag, pc, pn, pw, px, n > 0 && pc[0] >= 0 ? ws->w[ln->first].lead : 0};
    draw_pieces(l, ws, &P, st, baseline);
    free(px);
    free(pc);
    free(pn);
    free(pw);
    free(plv);
    free(order);
}

/* Whether a word space of width space was measured with the font in slot (at the text's size,
   as build_words measures spaces): only then may that font's space glyph stand for it inside
   an op (a word in the fallback font is followed by the body font's space, not its own). */
static int same_space(L *l, int slot, double size, double space)
{
    double w = bc_font_advance(bc_fontset_peek(l->fs, slot), ' ') * size / 1000.0;
    return w - space < 0.001 && space - w < 0.001;
}

/*
** Word spaces as space glyphs where one op ends and the next begins: where the next word is
** in another op (another font, a justified line's next word, the next line), a reader that
** concatenates the text of the ops, as poppler's structure-tree text and screen readers do,
** still sees the words apart. An op of Latin text ends with a space glyph of its own font
** (blank, drawn where the gap is); one that is its own structure element (a link, a language
** span, a raised note marker) keeps its text exact, and the next op, when it is plain Latin
** text, starts with the space instead, drawn a space's width before its first word.
*/
static int space_glyph(L *l, int font)
{
    bc_font *f = font >= 0 ? bc_fontset_peek(l->fs, font) : NULL;
    return f && bc_font_has(f, ' ');
}

/* The x of an op that starts with the space the op before owed, when fr is plain text. */
static double start_with_space(L *l, bc_buf *text, const tfrag *fr, double x)
{
    if (fr->link || fr->lang || fr->rise != 0 || !space_glyph(l, fr->font)) return x;
    bc_font *f = bc_fontset_peek(l->fs, fr->font);
    bc_buf_addc(text, ' ');
    bc_font_use(f, " ", 1);
    return x - bc_font_advance(f, ' ') * fr->size / 1000.0;
}

static void end_with_space(L *l, bc_buf *text, int font, int latin)
{
    if (!latin || !text->len || text->data[text->len - 1] == ' ' || !space_glyph(l, font)) return;
    bc_buf_addc(text, ' ');
    bc_font_use(bc_fontset_peek(l->fs, font), " ", 1);
}

/* Whether a line ends between two characters of Chinese or Japanese text with no space
   there (a break between ideographs, after full-width punctuation): no space glyph is then
   added at its end, so readers that join lines (the structure tree's text) read none. */
static int ends_unspaced(const twords *ws, const bc_lb_line *ln)
{
    const tword *w = &ws->w[ln->end - 1];
    if (w->space > 0 || ln->hyphenated || !w->nf) return 0;
    if (w->cjkgap > 0) return 1; /* between an ideograph and Latin, with no space */
    const tfrag *fr = &ws->f[w->f0 + w->nf - 1];
    if (!fr->len) return 0;
    size_t k = fr->len - 1;
    while (k > 0 && ((unsigned char)fr->text[k] & 0xC0) == 0x80) k--;
    const char *p = fr->text + k;
    return bc_lay_cjk_wide(bc_utf8_next(&p));
}

/* Whether word k+1 of the line starts with a fragment that can join the open text op after a
   natural word space: same font, size, rise and language, plain or ligature text, no link. */
static int next_joins(const twords *ws, const bc_lb_line *ln, int k, int font, float size,
                      float rise, const char *lang)
{
    if (k + 1 >= ln->end) return 0;
    const tfrag *n = &ws->f[ws->w[k + 1].f0];
    return n->font == font && (n->dir == BC_TEXT_PLAIN || n->lig) && n->link == NULL &&
           n->size == size && n->rise == rise && n->lang == lang;
}

/* A fragment's note mark (pagination puts the note at the foot of the line's page) and its
   link area: one clickable area per link and line, not one per word (*link_op: the line's
   last link op, or -1). */
static void note_and_link(L *l, const tfrag *fr, double x, double baseline, const tstyle *st,
                          int *link_op)
{
    if (fr->note) {
        bc_op *nop = bc_ops_push(&l->pool);
        nop->kind = BC_OP_NOTE;
        nop->len = (size_t)fr->note;
        nop->x = (float)x;
        nop->y = (float)baseline;
    }
    if (fr->link) {
        bc_op *prev = l->pool.n > *link_op && *link_op >= 0 ? &l->pool.v[*link_op] : NULL;
        if (prev && prev->kind == BC_OP_LINK && prev->text == fr->link)
            prev->w = (float)(x + fr->w - prev->x);
        else {
            bc_ops_link(&l->pool, x, baseline - st->size * 0.85, fr->w, st->size * 1.15, fr->link);
            *link_op = l->pool.n - 1;
        }
    }
}

/* Emits one set line: ops at x offset 0..measure, baseline at y. */
void bc_lay_emit_line(L *l, const twords *ws, const bc_lb_line *ln, int last, double measure,
                      const tstyle *st, double baseline)
{
    if (line_is_bidi(ws, ln)) {
        emit_line_bidi(l, ws, ln, last, measure, st, baseline);
        return;
    }
    double stretch_total, shrink_total;
    line_glue(ws, ln, &stretch_total, &shrink_total);
    /* A last line is set at natural spacing unless it had to shrink to fit. */
    int justify = st->justify && (!last || ln->ratio < 0) && ln->end - ln->first > 1;
    double x = -ws->w[ln->first].lead; /* an opening bracket's blank half before the line */
    if (!st->justify || last) {
        if (st->align == 'r')
            x += measure - ln->natural;
        else if (st->align == 'c')
            x += (measure - ln->natural) / 2;
    }
    /* Merge adjacent fragments of one font (and no link) into one text op when their gap is
       the natural space: fewer operators, cleaner extraction. */
    bc_buf text = {0};
    int open_font = -1, link_op = -1, open_dir = BC_TEXT_PLAIN;
    int open_latin = 1; /* the op holds plain text and words with ligatures only: Latin text
                           that is drawn shaped as a whole once it holds a ligature */
    double open_x = 0;
    float open_size = (float)st->size, open_rise = 0;
    const char *open_link = NULL, *open_lang = NULL;
    int space_owed = 0; /* the op before ended at a word space it could not hold */
    int open_trail = 0; /* the op ends with a mark set half-width: what follows starts anew */
    int open_joined = 0, joint = 0; /* the op (the next op) follows a CJK-Latin gap */
    for (int k = ln->first; k < ln->end; k++) {
        const tword *w = &ws->w[k];
        for (int fi = 0; fi < w->nf; fi++) {
            const tfrag *fr = &ws->f[w->f0 + fi];
            if (open_font != fr->font || open_link != fr->link || open_size != fr->size ||
                open_rise != fr->rise || open_lang != fr->lang || !open_latin || open_trail ||
                fr->lead > 0 || (fr->dir != BC_TEXT_PLAIN && !fr->lig) ||
                kerned_joint(l, &text, fr)) {
                if (open_font >= 0) {
                    put_text(l, open_font, open_size, open_link ? l->th->accent : st->color, open_x,
                             baseline - open_rise, text.data, text.len, open_dir, open_lang);
                    mark_joined(l, &open_joined);
                }
                text.len = 0;
                open_joined = joint;
                joint = 0;
                open_dir = fr->dir;
                open_latin = fr->dir == BC_TEXT_PLAIN || fr->lig;
                open_font = fr->font;
                open_x = x - fr->lead;
                open_link = fr->link;
                open_size = fr->size;
                open_rise = fr->rise;
                open_lang = fr->lang;
                if (space_owed && open_latin) open_x = start_with_space(l, &text, fr, x);
                space_owed = 0;
            }
            bc_buf_add(&text, fr->text, fr->len);
            if (fr->lig) open_dir = BC_TEXT_LTR;
            open_trail = fr->trail > 0;
            bc_font_use(bc_fontset_peek(l->fs, fr->font), fr->text, fr->len);
            note_and_link(l, fr, x, baseline, st, &link_op);
            x += fr->w;
        }
        if (k < ln->end - 1) {
            double gap = line_gap(w, ln, justify, stretch_total, shrink_total);
            if (w->space == 0 && gap == 0) {
                /* inside a split word, or ideographs at their natural spacing: same op */
            } else if (w->space == 0) {
                /* stretched glue between ideographs: the next one starts an op where it
                   stands, and no space glyph is added (the text has none); after a gap
                   between CJK and Latin it is joined: readers must read none (pdf_text.c) */
                if (open_font >= 0) {
                    put_text(l, open_font, open_size, open_link ? l->th->accent : st->color, open_x,
                             baseline - open_rise, text.data, text.len, open_dir, open_lang);
                    mark_joined(l, &open_joined);
                }
                joint = w->cjkgap > 0;
                text.len = 0;
                open_font = -1;
            } else if (!justify && open_font >= 0 && open_link == NULL && open_latin &&
                       same_space(l, open_font, st->size, w->space) &&
                       next_joins(ws, ln, k, open_font, open_size, open_rise, open_lang)) {
                bc_buf_addc(&text, ' ');
                bc_font_use(bc_fontset_peek(l->fs, open_font), " ", 1);
            } else {
                if (open_link || open_lang || open_rise != 0)
                    space_owed = open_font >= 0;
                else
                    end_with_space(l, &text, open_font, open_latin);
                if (open_font >= 0) {
                    put_text(l, open_font, open_size, open_link ? l->th->accent : st->color, open_x,
                             baseline - open_rise, text.data, text.len, open_dir, open_lang);
                    mark_joined(l, &open_joined);
                }
                text.len = 0;
                open_font = -1;
            }
            x += gap;
        }
    }
    if (ln->hyphenated && open_font >= 0) {
        bc_buf_addc(&text, '-');
        bc_font_use(bc_fontset_peek(l->fs, open_font), "-", 1);
    } else if (!last && !open_link && !open_lang && open_rise == 0 && !ends_unspaced(ws, ln)) {
        end_with_space(l, &text, open_font, open_latin);
    }
    if (open_font >= 0 && text.len) {
        put_text(l, open_font, open_size, open_link ? l->th->accent : st->color, open_x,
                 baseline - open_rise, text.data, text.len, open_dir, open_lang);
        mark_joined(l, &open_joined);
    }
    bc_buf_free(&text);
}
