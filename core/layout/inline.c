/*
** inline.c — text setting: inline runs into words and fragments in their fonts (the fallback
** font for missing glyphs, kerning at fragment joints), long words split, hyphenation points,
** optimal-fit line breaking (text/linebreak.c), and each set line as drawing operations.
** Part of layout (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "text/hyph.h"
#include "text/linebreak.h"
#include "text/uax14.h"
#include "base/utf8.h"

typedef struct frag {
    const char *text;
    size_t len;
    int font;
    double w;
    const char *link;
    float size;      /* the fragment's font size (superscripts are smaller) */
    float rise;      /* raised above the baseline by this much */
    int note;        /* > 0: this fragment is the marker of that footnote */
    const char *lang;/* its run's language (bc_run.lang), or NULL */
} frag;

typedef struct word {
    int f0, nf;      /* fragments */
    double w;
    double space;    /* natural space after the word (0 inside a split word) */
    double hyphen;   /* > 0: a hyphenation point after this piece; the hyphen's width */
    double penalty;  /* a line ending after this piece costs this (bc_lb_word.penalty) */
} word;

typedef struct words {
    frag *f;
    int nf, capf;
    word *w;
    int nw, capw;
    const bc_inline *par; /* the paragraph, named in warnings */
} words;

static void words_free(words *ws)
{
    free(ws->f);
    free(ws->w);
}

static frag *add_frag(words *ws)
{
    if (ws->nf == ws->capf) {
        ws->capf = ws->capf ? ws->capf * 2 : 64;
        ws->f = bc_xrealloc(ws->f, (size_t)ws->capf * sizeof *ws->f);
    }
    return &ws->f[ws->nf++];
}

static word *add_word(words *ws)
{
    if (ws->nw == ws->capw) {
        ws->capw = ws->capw ? ws->capw * 2 : 32;
        ws->w = bc_xrealloc(ws->w, (size_t)ws->capw * sizeof *ws->w);
    }
    word *w = &ws->w[ws->nw++];
    memset(w, 0, sizeof *w);
    w->f0 = ws->nf;
    return w;
}

/* Whether cp may be shown in a message as it is: no controls, no bidirectional or other
   format characters that would reorder or hide the rest of a terminal line. */
static int showable(uint32_t cp)
{
    return cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0) && !(cp >= 0x200B && cp <= 0x200F) &&
           !(cp >= 0x2028 && cp <= 0x202E) && !(cp >= 0x2060 && cp <= 0x206F) && cp != 0xFEFF &&
           !(cp >= 0xFFF9 && cp <= 0xFFFB) && !(cp >= 0xE0000 && cp <= 0xE007F);
}

/* The start of the paragraph, at most about 40 bytes of whole characters, for a warning. */
static void par_start(const bc_inline *in, char *buf, size_t size)
{
    size_t k = 0;
    for (int r = 0; in && r < in->n && k + 5 < size; r++) {
        const char *p = in->runs[r].text, *end = p + in->runs[r].len;
        while (p < end && k < 40) {
            const char *q = p;
            uint32_t cp = bc_utf8_next(&q);
            if ((size_t)(q - p) + k + 4 >= size) break;
            if (!showable(cp)) buf[k++] = *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : '?';
            else {
                memcpy(buf + k, p, (size_t)(q - p));
                k += (size_t)(q - p);
            }
            p = q;
        }
        if (p < end) {
            memcpy(buf + k, "…", 3);
            k += 3;
            break;
        }
    }
    buf[k] = 0;
}

/* One warning per character no font of the chain has, naming it, the paragraph, and an
   installed font that has it when there is one. */
static void check_glyphs(L *l, const bc_inline *par, bc_font *f, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        if ((unsigned char)*p < 0x80) { p++; continue; }
        const char *start = p;
        uint32_t cp = bc_utf8_next(&p);
        if (bc_font_has(f, cp)) continue;
        l->nveto++;
        int seen = 0;
        for (int i = 0; i < l->nwarned; i++) seen |= l->warned[i] == cp;
        if (seen) continue;
        if (l->nwarned < 64) l->warned[l->nwarned++] = cp;
        char para[64], has[128] = "", shown[8] = "";
        par_start(par, para, sizeof para);
        if (showable(cp) && p - start < 8) /* never a control or a bidi override */
            memcpy(shown, start, (size_t)(p - start)), shown[p - start] = 0;
        char fam[80];
        int outline = 0;
        if (bc_fontset_suggest(l->fs, cp, fam, sizeof fam, &outline))
            snprintf(has, sizeof has, outline ? "the installed font '%s' has it"
                                              : "only '%s' has it, as bitmaps briefc cannot embed",
                     fam);
        bc_lay_warn(l, "font %s has no glyph for U+%04X '%s' in the paragraph \"%s\"; it will "
                    "show as a blank: %s",
                    bc_font_path(f), cp, shown, para,
                    has[0] ? has : "no installed font has it; add one to the brief's fonts/ folder");
    }
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void push_frag(L *l, words *ws, word *cur, bc_font *f, int slot, const char *s,
                      size_t len, double fsize, double rise, const char *link)
{
    frag *fr = add_frag(ws);
    fr->text = s;
    fr->len = len;
    fr->font = slot;
    fr->size = (float)fsize;
    fr->rise = (float)rise;
    fr->w = bc_font_width(f, s, len, fsize);
    fr->link = link;
    fr->note = 0;
    check_glyphs(l, ws->par, f, s, len);
    cur->nf++;
    cur->w += fr->w;
}

/* Appends [s, s + len) to the current word as fragments, one per run of the fallback chain
   (fontset.h): characters the slot's font lacks are set in the chain's font that has them. */
static void add_text(L *l, words *ws, word *cur, bc_font *f, int slot, const char *s, size_t len,
                     double fsize, double rise, const char *link)
{
    if (len == 0) {
        push_frag(l, ws, cur, f, slot, s, 0, fsize, rise, link);
        return;
    }
    for (size_t at = 0; at < len && !l->failed;) {
        int rs;
        size_t n = bc_fontset_run(l->fs, slot, NULL, s + at, len - at, &rs);
        bc_font *rf = rs == slot ? f : bc_lay_font_for(l, rs);
        if (!rf) return;
        push_frag(l, ws, cur, rf, rs, s + at, n, fsize, rise, link);
        at += n;
    }
}

/* Splits inline runs into words of fragments with measured widths: at white space, and at
   every other break opportunity of the paragraph (text/uax14.h: after a dash, between
   ideographs), where the word before gets no space and the penalty of its kind. */
static void build_words(L *l, const bc_inline *in, const tstyle *st, words *ws)
{
    ws->par = in;
    word *cur = NULL;
    size_t at = 0; /* the run's offset in the paragraph's text */
    in = bc_lay_language_spacing(l, in);
    unsigned char *brk = bc_lay_break_opportunities(l, in);
    for (int r = 0; r < in->n && !l->failed; at += in->runs[r].len, r++) {
        const bc_run *run = &in->runs[r];
        unsigned style = run->style | st->style;
        int slot = st->family + (style & BC_STYLE_BOLD ? 1 : 0) + (style & BC_STYLE_ITALIC ? 2 : 0);
        if (style & BC_STYLE_CODE) slot = BC_FONT_MONO;
        double fsize = style & (BC_STYLE_SUP | BC_STYLE_SUB) ? st->size * 0.65
                       : style & BC_STYLE_CODE ? st->size * 0.9
                       : style & BC_STYLE_SMALL ? st->size * 0.8 : st->size;
        double rise = style & BC_STYLE_SUP ? st->size * 0.36 : style & BC_STYLE_SUB ? -st->size * 0.14 : 0;
        bc_font *f = bc_lay_font_for(l, slot);
        if (!f) return;
        const char *lang = run->lang ? bc_arena_strdup(l->a, run->lang) : NULL; /* ops keep it */
        size_t i = 0;
        while (i < run->len) {
            if (is_space(run->text[i])) {
                if (cur) {
                    cur->space = bc_font_advance(f, ' ') * st->size / 1000.0;
                    cur = NULL;
                }
                i++;
                continue;
            }
            size_t j = i; /* to white space or a break opportunity (none inside a URL) */
            while (j < run->len && !is_space(run->text[j]) && (j == i || run->link || !brk[at + j]))
                j++;
            if (cur && brk[at + i] && !(i == 0 && (run->kind == BC_RUN_NOTE || run->link))) {
                cur->penalty = bc_lay_break_penalty(ws->f[ws->nf - 1].text, ws->f[ws->nf - 1].len);
                cur = NULL;
            }
            if (!cur) cur = add_word(ws);
            size_t len = j - i;
            const char *text = bc_font_substitute(f, run->text + i, &len, l->a);
            int f0 = ws->nf;
            add_text(l, ws, cur, f, slot, text, len, fsize, rise, run->link);
            for (int k = f0; k < ws->nf; k++) ws->f[k].lang = lang;
            if (run->kind == BC_RUN_NOTE) ws->f[ws->nf - 1].note = run->note_no;
            i = j;
        }
    }
    free(brk);
}

/* Splits words wider than the measure between grapheme clusters (long URLs, numbers, German
   compounds, Urdu): every boundary may end a line at BC_LB_EMERGENCY, so the breaker fills the
   line the word starts on rather than sending the words before it onto lines of their own. */
static void split_long_words(L *l, words *ws, double measure, const tstyle *st)
{
    (void)st;
    int need = 0;
    for (int i = 0; i < ws->nw; i++) need |= ws->w[i].w > measure;
    if (!need) return;
    words out = {0};
    for (int i = 0; i < ws->nw; i++) {
        word src = ws->w[i];
        word *w = add_word(&out);
        if (src.w <= measure) {
            for (int k = 0; k < src.nf; k++) *add_frag(&out) = ws->f[src.f0 + k];
            *w = src;
            w->f0 = out.nf - src.nf;
            continue;
        }
        for (int k = 0; k < src.nf; k++) {
            frag fr = ws->f[src.f0 + k];
            bc_font *f = bc_fontset_peek(l->fs, fr.font);
            unsigned char *gb = bc_xmalloc(fr.len + 1);
            bc_grapheme_bounds(fr.text, fr.len, gb);
            for (size_t a = 0, b = 1; b <= fr.len; b++) {
                if (!gb[b]) continue;
                if (w->nf > 0) { /* a cluster boundary: the piece so far may end a line */
                    w->penalty = BC_LB_EMERGENCY;
                    w = add_word(&out);
                }
                frag *nf = add_frag(&out);
                *nf = fr;
                nf->text = fr.text + a;
                nf->len = b - a;
                nf->w = bc_font_width(f, nf->text, nf->len, fr.size);
                nf->note = b == fr.len ? fr.note : 0;
                w->nf++;
                w->w += nf->w;
                a = b;
            }
            free(gb);
        }
        w->space = src.space;
        w->hyphen = src.hyphen;
        w->penalty = src.penalty;
    }
    words_free(ws);
    *ws = out;
}

/* Splits single-fragment words at their hyphenation points into pieces a line may end on
   (with a hyphen). The paragraph's last word is never hyphenated. */
static void hyphenate_words(L *l, words *ws, const tstyle *st)
{
    if (!l->hyph || !st->hyphenate || ws->nw < 2) return;
    words out = {0};
    unsigned char brk[512];
    for (int i = 0; i < ws->nw; i++) {
        word src = ws->w[i];
        int points = 0;
        frag fr = ws->f[src.f0];
        int compound = src.penalty > 0 || (i > 0 && ws->w[i - 1].penalty > 0); /* "co-|operation" */
        if (src.nf == 1 && i < ws->nw - 1 && fr.len >= 5 && fr.len < sizeof brk && !fr.link && !compound)
            points = bc_hyph_points(l->hyph, fr.text, fr.len, brk);
        if (!points) {
            word *w = add_word(&out);
            for (int k = 0; k < src.nf; k++) *add_frag(&out) = ws->f[src.f0 + k];
            w->nf = src.nf;
            w->w = src.w;
            w->space = src.space;
            w->hyphen = src.hyphen;
            w->penalty = src.penalty;
            continue;
        }
        bc_font *f = bc_fontset_peek(l->fs, fr.font);
        double hw = bc_font_advance(f, '-') * fr.size / 1000.0;
        size_t start = 0;
        for (size_t k = 0; k <= fr.len; k++) {
            if (k < fr.len && !(k > 0 && brk[k - 1])) continue;
            if (k == start) continue;
            /* piece [start, k) */
            word *w = add_word(&out);
            frag *nf = add_frag(&out);
            *nf = fr;
            nf->text = fr.text + start;
            nf->len = k - start;
            nf->w = bc_font_width(f, nf->text, nf->len, fr.size);
            w->nf = 1;
            w->w = nf->w;
            if (k < fr.len) {
                w->space = 0;
                w->hyphen = hw;
            } else {
                w->space = src.space;
                w->penalty = src.penalty;
            }
            start = k;
        }
    }
    words_free(ws);
    *ws = out;
}

/* Whether appending fragment fr to the open text would kern the pair at the joint: fragments
   are measured apart (hyphenation pieces, split words), so such a joint starts a new op and
   the PDF, which kerns within an op, draws exactly what was measured. */
static int kerned_joint(L *l, const bc_buf *text, const frag *fr)
{
    if (!text->len || !fr->len) return 0;
    size_t i = text->len - 1;
    while (i > 0 && ((unsigned char)text->data[i] & 0xC0) == 0x80) i--;
    const char *a = text->data + i, *b = fr->text;
    uint32_t ca = bc_utf8_next(&a), cb = bc_utf8_next(&b);
    return bc_font_kern(bc_fontset_peek(l->fs, fr->font), ca, cb) != 0;
}

/* Emits one set line: ops at x offset 0..measure, baseline at y. */
static void emit_line(L *l, const words *ws, const bc_lb_line *ln, int last, double measure,
                      const tstyle *st, double baseline)
{
    double stretch_total = 0, shrink_total = 0;
    for (int k = ln->first; k < ln->end - 1; k++) {
        stretch_total += ws->w[k].space * LAY_STRETCH;
        shrink_total += ws->w[k].space * LAY_SHRINK;
    }
    /* A last line is set at natural spacing unless it had to shrink to fit. */
    int justify = st->justify && (!last || ln->ratio < 0) && ln->end - ln->first > 1;
    double x = 0;
    if (!st->justify || last) {
        if (st->align == 'r') x = measure - ln->natural;
        else if (st->align == 'c') x = (measure - ln->natural) / 2;
    }
    /* Merge adjacent fragments of one font (and no link) into one text op when their gap is
       the natural space: fewer operators, cleaner extraction. */
    bc_buf text = {0};
    int open_font = -1, link_op = -1;
    double open_x = 0;
    float open_size = (float)st->size, open_rise = 0;
    const char *open_link = NULL, *open_lang = NULL;
    for (int k = ln->first; k < ln->end; k++) {
        const word *w = &ws->w[k];
        for (int fi = 0; fi < w->nf; fi++) {
            const frag *fr = &ws->f[w->f0 + fi];
            if (open_font != fr->font || open_link != fr->link || open_size != fr->size ||
                open_rise != fr->rise || open_lang != fr->lang || kerned_joint(l, &text, fr)) {
                if (open_font >= 0) {
                    bc_ops_text(&l->pool, open_font, open_size, open_link ? l->th->accent : st->color,
                                open_x, baseline - open_rise,
                                bc_arena_strndup(l->a, text.data, text.len), text.len);
                    l->pool.v[l->pool.n - 1].lang = open_lang;
                }
                text.len = 0;
                open_font = fr->font;
                open_x = x;
                open_link = fr->link;
                open_size = fr->size;
                open_rise = fr->rise;
                open_lang = fr->lang;
            }
            bc_buf_add(&text, fr->text, fr->len);
            bc_font_use(bc_fontset_peek(l->fs, fr->font), fr->text, fr->len);
            if (fr->note) { /* pagination puts the note at the foot of this line's page */
                bc_op *nop = bc_ops_push(&l->pool);
                nop->kind = BC_OP_NOTE;
                nop->len = (size_t)fr->note;
                nop->x = (float)x;
                nop->y = (float)baseline;
            }
            if (fr->link) {
                /* one clickable area per link per line, not one per word */
                bc_op *prev = l->pool.n > link_op && link_op >= 0 ? &l->pool.v[link_op] : NULL;
                if (prev && prev->kind == BC_OP_LINK && prev->text == fr->link)
                    prev->w = (float)(x + fr->w - prev->x);
                else {
                    bc_ops_link(&l->pool, x, baseline - st->size * 0.85, fr->w, st->size * 1.15,
                                fr->link);
                    link_op = l->pool.n - 1;
                }
            }
            x += fr->w;
        }
        if (k < ln->end - 1) {
            double gap = w->space;
            if (justify && ln->ratio > 0 && stretch_total > 0)
                gap += ln->ratio * w->space * LAY_STRETCH;
            else if (justify && ln->ratio < 0 && shrink_total > 0)
                gap += ln->ratio * w->space * LAY_SHRINK;
            if (w->space == 0) {
                /* inside a split word: keep the same op */
            } else if (!justify && open_font >= 0 && open_link == NULL &&
                       (k + 1 < ln->end && ws->f[ws->w[k + 1].f0].font == open_font &&
                        ws->f[ws->w[k + 1].f0].link == NULL &&
                        ws->f[ws->w[k + 1].f0].size == open_size &&
                        ws->f[ws->w[k + 1].f0].rise == open_rise &&
                        ws->f[ws->w[k + 1].f0].lang == open_lang)) {
                bc_buf_addc(&text, ' ');
                bc_font_use(bc_fontset_peek(l->fs, open_font), " ", 1);
            } else {
                if (open_font >= 0) {
                    bc_ops_text(&l->pool, open_font, open_size,
                                open_link ? l->th->accent : st->color, open_x, baseline - open_rise,
                                bc_arena_strndup(l->a, text.data, text.len), text.len);
                    l->pool.v[l->pool.n - 1].lang = open_lang;
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
    }
    if (open_font >= 0 && text.len) {
        bc_ops_text(&l->pool, open_font, open_size, open_link ? l->th->accent : st->color, open_x,
                    baseline - open_rise,
                    bc_arena_strndup(l->a, text.data, text.len), text.len);
        l->pool.v[l->pool.n - 1].lang = open_lang;
    }
    bc_buf_free(&text);
}

/* Baseline offset from the top of a line box. */
double bc_lay_baseline_offset(L *l, const tstyle *st)
{
    bc_font *f = bc_lay_font_for(l, st->family);
    if (!f) return st->size;
    double asc = bc_font_ascender(f) / 1000.0 * st->size;
    double desc = -bc_font_descender(f) / 1000.0 * st->size;
    return (st->leading - (asc + desc)) / 2 + asc;
}

/*
** Sets inline text into lines of the given measure. Each line's ops are emitted into the pool
** with x from 0 and y relative to the line top. Returns the line count; *lines (malloc'd) holds
** each line's op range. Empty text gives zero lines.
*/
int bc_lay_set_text_fresh(L *l, const bc_inline *in, const tstyle *st, double measure,
                          tline **lines)
{
    words ws = {0};
    *lines = NULL;
    build_words(l, in, st, &ws);
    if (l->failed || ws.nw == 0) {
        words_free(&ws);
        return 0;
    }
    hyphenate_words(l, &ws, st); /* first: a long compound breaks at its syllables */
    split_long_words(l, &ws, measure, st);
    bc_lb_word *lw = bc_xmalloc((size_t)ws.nw * sizeof *lw);
    for (int i = 0; i < ws.nw; i++) {
        lw[i].width = ws.w[i].w;
        lw[i].hyphen = ws.w[i].hyphen;
        lw[i].space = ws.w[i].space;
        lw[i].penalty = ws.w[i].penalty;
        /* Ragged text is set at natural spacing: no stretch, no shrink. */
        lw[i].stretch = st->justify ? ws.w[i].space * LAY_STRETCH : 0;
        lw[i].shrink = st->justify ? ws.w[i].space * LAY_SHRINK : 0;
    }
    bc_lb_line *ll = bc_xmalloc((size_t)ws.nw * sizeof *ll);
    int n = bc_linebreak(lw, ws.nw, measure, st->justify, ll);
    tline *out = bc_xmalloc((size_t)n * sizeof *out);
    double base = bc_lay_baseline_offset(l, st);
    for (int i = 0; i < n; i++) {
        out[i].op0 = l->pool.n;
        emit_line(l, &ws, &ll[i], i == n - 1, measure, st, base);
        out[i].nop = l->pool.n - out[i].op0;
        out[i].width = ll[i].natural;
        out[i].pad_ = 0;
        bc_lay_line_extent(l, st, base, &out[i]);
        l->out->stats.lines++;
        if (ll[i].overfull) l->out->stats.overfull++;
        if (ll[i].hyphenated) l->out->stats.hyphenated++;
        if (st->justify && i < n - 1) {
            if (ll[i].ratio > 1) l->out->stats.loose++;
            if (ll[i].ratio > l->out->stats.max_ratio) l->out->stats.max_ratio = ll[i].ratio;
        }
    }
    free(lw);
    free(ll);
    words_free(&ws);
    *lines = out;
    return n;
}

/* Natural single-line width and widest word of inline text (table column sizing). */
void bc_lay_measure_inline(L *l, const bc_inline *in, const tstyle *st, double *maxw, double *minw)
{
    words ws = {0};
    build_words(l, in, st, &ws);
    double total = 0, widest = 0;
    for (int i = 0; i < ws.nw; i++) {
        total += ws.w[i].w + (i < ws.nw - 1 ? ws.w[i].space : 0);
        if (ws.w[i].w > widest) widest = ws.w[i].w;
    }
    words_free(&ws);
    *maxw = total;
    *minw = widest;
}

/* Width of a cell's text from its decimal point to its end: the last '.' before a digit.
   Without one, the text after the last digit ("3 %" gives " %"), so integers end where the
   point would be; text without digits has no tail. */
double bc_lay_decimal_tail(L *l, const bc_inline *in, const tstyle *st)
{
    words ws = {0};
    build_words(l, in, st, &ws);
    double tail = 0, after_digit = -1;
    for (int i = ws.nw - 1; i >= 0; i--) {
        const word *w = &ws.w[i];
        for (int fi = w->nf - 1; fi >= 0; fi--) {
            const frag *fr = &ws.f[w->f0 + fi];
            bc_font *f = bc_lay_font_for(l, fr->font);
            if (!f) goto done;
            for (size_t k = fr->len; k-- > 0;) {
                char ch = fr->text[k];
                if (ch == '.' && k + 1 < fr->len && fr->text[k + 1] >= '0' && fr->text[k + 1] <= '9') {
                    after_digit = tail + bc_font_width(f, fr->text + k, fr->len - k, fr->size);
                    goto done;
                }
                if (ch >= '0' && ch <= '9' && after_digit < 0)
                    after_digit = tail + bc_font_width(f, fr->text + k + 1, fr->len - k - 1, fr->size);
            }
            tail += fr->w;
        }
        if (i > 0) tail += ws.w[i - 1].space;
    }
done:
    words_free(&ws);
    return after_digit > 0 ? after_digit : 0;
}
