/*
** inline.c — text setting: inline runs into words and fragments in their fonts (the fallback
** font for missing glyphs, kerning at fragment joints), each fragment of one bidi level
** (text/bidi.h) and, when its script needs it, shaped (text/shape.h); long words split,
** hyphenation points, optimal-fit line breaking (text/linebreak.c) in logical order, and each
** set line as drawing operations, its fragments reordered for display (UAX #9 rule L2) after
** the line is broken. Part of layout (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "text/bidi.h"
#include "text/hyph.h"
#include "text/linebreak.h"
#include "text/shape.h"
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
    unsigned char level; /* bidi embedding level (0 in a left-to-right paragraph's Latin) */
    unsigned char dir;   /* BC_TEXT_PLAIN, or shaped in that direction (ops.h) */
    unsigned char lig;   /* shaped only for the font's ligatures (plain text otherwise): it may
                            share an op with plain text, which is then shaped as a whole */
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
    int rtl;         /* the paragraph is right to left */
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

/* Width in points of text in f at size, shaped when dir says so in language lang (the run's,
   else the brief's: pdf.c shapes with the same). A font HarfBuzz cannot shape with fails the
   layout. */
static double text_width(L *l, bc_font *f, const char *s, size_t len, double size, int dir,
                         const char *lang)
{
    if (dir == BC_TEXT_PLAIN) return bc_font_width(f, s, len, size);
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    bc_shaped sh;
    bc_error e;
    if (bc_shape(&sf, s, len, dir == BC_TEXT_RTL, lang ? lang : l->meta ? l->meta->language : NULL, &sh,
                 &e) !=
        BC_OK) {
        if (!l->failed) *l->err = e;
        l->failed = 1;
        return 0;
    }
    return sh.width * size / 1000.0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* How text at a bidi level in font f is set (ops.h): right to left, shaped when its script
   needs it or when it holds a ligature of the font (bc_shape_ligates: "office" with its ffi;
   text/shape.c sets such Latin without HarfBuzz), else plain, by the cmap and pair kerning,
   which is what shaping would give (unit_shape checks every word of the sample brief). */
static unsigned char frag_dir(bc_font *f, const char *s, size_t len, int level)
{
    if (level & 1) return BC_TEXT_RTL;
    if (bc_shape_needed(s, len)) return BC_TEXT_LTR;
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    return bc_shape_ligates(&sf, s, len) ? BC_TEXT_LTR : BC_TEXT_PLAIN;
}

static void push_frag(L *l, words *ws, word *cur, bc_font *f, int slot, const char *s,
                      size_t len, double fsize, double rise, const char *link, const char *lang,
                      int level)
{
    frag *fr = add_frag(ws);
    fr->text = s;
    fr->len = len;
    fr->font = slot;
    fr->size = (float)fsize;
    fr->rise = (float)rise;
    fr->level = (unsigned char)level;
    fr->dir = frag_dir(f, s, len, level);
    fr->lig = fr->dir == BC_TEXT_LTR && !bc_shape_needed(s, len);
    fr->lang = lang;
    fr->w = text_width(l, f, s, len, fsize, fr->dir, lang);
    fr->link = link;
    fr->note = 0;
    check_glyphs(l, ws->par, f, s, len);
    cur->nf++;
    cur->w += fr->w;
}

/* Appends [s, s + len) to the current word as fragments, one per run of the fallback chain
   (fontset.h): characters the slot's font lacks are set in the chain's font that has them, and
   a change of bidi level inside a run starts a new fragment. lv holds the level of each byte of
   s, or (one_level) one level for all; NULL: 0. lang is the run's language (NULL: the brief's
   is used to pick fonts and to shape). */
static void add_text(L *l, words *ws, word *cur, bc_font *f, int slot, const char *s, size_t len,
                     double fsize, double rise, const char *link, const char *lang,
                     const unsigned char *lv, int one_level)
{
    const char *doc_lang = lang ? lang : l->meta ? l->meta->language : NULL;
    if (len == 0) {
        push_frag(l, ws, cur, f, slot, s, 0, fsize, rise, link, lang, lv ? lv[0] : 0);
        return;
    }
    for (size_t at = 0; at < len && !l->failed;) {
        int rs;
        size_t n = bc_fontset_run(l->fs, slot, doc_lang, s + at, len - at, &rs);
        bc_font *rf = rs == slot ? f : bc_lay_font_for(l, rs);
        if (!rf) return;
        /* the run, cut where the bidi level changes */
        const char *seg = s + at, *p = seg, *end = s + at + n;
        int seg_lv = lv ? (one_level ? lv[0] : lv[at]) : 0;
        while (p < end) {
            int level = lv && !one_level ? lv[p - s] : seg_lv;
            if (p > seg && level != seg_lv) {
                push_frag(l, ws, cur, rf, rs, seg, (size_t)(p - seg), fsize, rise, link, lang,
                          seg_lv);
                seg = p;
            }
            seg_lv = level;
            bc_utf8_next(&p);
        }
        if (p > seg) push_frag(l, ws, cur, rf, rs, seg, (size_t)(p - seg), fsize, rise, link,
                               lang, seg_lv);
        at += n;
    }
}

/* The bidi levels of a paragraph's runs, one per byte of each run's text, from offset
   at[r] for run r; NULL when every level is 0 (no right-to-left text, a left-to-right
   language). ws->rtl is the paragraph's direction: from its first strong character, else from
   the brief's language. Caller frees both. */
static unsigned char *run_levels(L *l, const bc_inline *in, words *ws, size_t **at)
{
    int rtl_lang = l->meta && bc_bidi_rtl_language(l->meta->language);
    int need = rtl_lang;
    size_t total = 0;
    for (int r = 0; r < in->n; r++) {
        need = need || bc_bidi_needed(in->runs[r].text, in->runs[r].len);
        total += in->runs[r].len;
    }
    *at = NULL;
    if (!need) return NULL;
    *at = bc_xmalloc((size_t)(in->n ? in->n : 1) * sizeof **at);
    char *text = bc_xmalloc(total ? total : 1);
    unsigned char *lv = bc_xmalloc(total ? total : 1);
    size_t k = 0;
    for (int r = 0; r < in->n; r++) {
        (*at)[r] = k;
        memcpy(text + k, in->runs[r].text, in->runs[r].len);
        k += in->runs[r].len;
    }
    int par = bc_bidi_levels(text, total, rtl_lang ? BC_BIDI_AUTO_RTL : BC_BIDI_AUTO, lv);
    free(text);
    if (par < 0) memset(lv, 0, total ? total : 1); /* FriBidi refused it: left to right */
    ws->rtl = par > 0;
    return lv;
}

int bc_lay_text_rtl(L *l, const bc_inline *in)
{
    words ws = {0};
    size_t *at;
    free(run_levels(l, in, &ws, &at));
    free(at);
    return ws.rtl;
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
    size_t *lat; /* each run's offset, as bidi counts it: the same as at */
    unsigned char *lv = run_levels(l, in, ws, &lat);
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
        if (!f) break;
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
            add_text(l, ws, cur, f, slot, text, len, fsize, rise, run->link, lang,
                     lv ? lv + lat[r] + i : NULL, text != run->text + i);
            if (run->kind == BC_RUN_NOTE) ws->f[ws->nf - 1].note = run->note_no;
            i = j;
        }
    }
    free(brk);
    free(lv);
    free(lat);
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
                nf->w = text_width(l, f, nf->text, nf->len, fr.size, fr.dir, fr.lang); /* shaped */
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

/* Drops the hyphenation points of brk (brk[k - 1]: a point before byte k of s) that fall
   between two letters the font joins ("of|fice" keeps its ffi as "offi-ce"): each piece is
   set on its own, so a point there would cost the word its ligature on every line, broken
   there or not. Returns the points left. */
static int keep_ligatures(bc_font *f, const char *s, size_t len, unsigned char *brk)
{
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    int points = 0;
    for (size_t k = 1; k < len; k++) {
        if (!brk[k - 1]) continue;
        size_t a = k - 1, b = k;
        while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80) a--;
        const char *q = s + b;
        bc_utf8_next(&q);
        if (bc_shape_ligates(&sf, s + a, (size_t)(q - (s + a)))) brk[k - 1] = 0;
        else points++;
    }
    return points;
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
        if (src.nf == 1 && i < ws->nw - 1 && fr.len >= 5 && fr.len < sizeof brk && !fr.link &&
            !compound && (fr.dir == BC_TEXT_PLAIN ||
                          (fr.dir == BC_TEXT_LTR && !bc_shape_needed(fr.text, fr.len))))
            points = bc_hyph_points(l->hyph, fr.text, fr.len, brk);
        if (points && fr.dir == BC_TEXT_LTR)
            points = keep_ligatures(bc_fontset_peek(l->fs, fr.font), fr.text, fr.len, brk);
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
            nf->dir = frag_dir(f, nf->text, nf->len, nf->level); /* "dif-" "fer-" "ent" */
            nf->lig = nf->dir == BC_TEXT_LTR;
            nf->w = text_width(l, f, nf->text, nf->len, fr.size, nf->dir, nf->lang);
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
static int kerned_joint(L *l, const bc_buf *text, const frag *fr)
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

/* The gap after word k of a line as set: its space, stretched or shrunk when justified. */
static double line_gap(const word *w, const bc_lb_line *ln, int justify, double stretch_total,
                       double shrink_total)
{
    double gap = w->space;
    if (justify && ln->ratio > 0 && stretch_total > 0) gap += ln->ratio * w->space * LAY_STRETCH;
    else if (justify && ln->ratio < 0 && shrink_total > 0) gap += ln->ratio * w->space * LAY_SHRINK;
    return gap;
}

/* Whether a line must be reordered for display: a right-to-left paragraph, or a fragment at an
   odd level. */
static int line_is_bidi(const words *ws, const bc_lb_line *ln)
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
static int continues_piece(const words *ws, int e, int q)
{
    const frag *a = &ws->f[e], *b = &ws->f[q];
    return q == e + 1 && a->dir != BC_TEXT_PLAIN && a->dir == b->dir && a->font == b->font &&
           a->size == b->size && a->rise == b->rise && a->link == b->link &&
           a->lang == b->lang && a->level == b->level && !a->note && a->text + a->len == b->text;
}

/* Emits one set line holding right-to-left text (see line_is_bidi): its fragments, the gaps
   between words and a line-end hyphen are pieces with levels (a gap takes the lower level of
   its two neighbours), put in display order by rule L2 and placed from the left. A
   right-to-left paragraph's ragged and last lines are aligned right (its start).
   Each fragment is an op of its own, except shaped ones that continue each other
   (continues_piece); its text stays in logical order. */
static void emit_line_bidi(L *l, const words *ws, const bc_lb_line *ln, int last, double measure,
                           const tstyle *st, double baseline)
{
    double stretch_total = 0, shrink_total = 0;
    for (int k = ln->first; k < ln->end - 1; k++) {
        stretch_total += ws->w[k].space * LAY_STRETCH;
        shrink_total += ws->w[k].space * LAY_SHRINK;
    }
    int justify = st->justify && (!last || ln->ratio < 0) && ln->end - ln->first > 1;
    int cap = 2;
    for (int k = ln->first; k < ln->end; k++) cap += ws->w[k].nf + 1;
    int *pc = bc_xmalloc((size_t)cap * sizeof *pc); /* frag index; -1 gap; -2 hyphen */
    int *pn = bc_xmalloc((size_t)cap * sizeof *pn); /* fragments in the piece */
    double *pw = bc_xmalloc((size_t)cap * sizeof *pw);
    unsigned char *plv = bc_xmalloc((size_t)cap);
    int *order = bc_xmalloc((size_t)cap * sizeof *order);
    int n = 0, last_frag = -1;
    for (int k = ln->first; k < ln->end; k++) {
        const word *w = &ws->w[k];
        for (int fi = 0; fi < w->nf; fi++) {
            if (n > 0 && pc[n - 1] >= 0 && continues_piece(ws, pc[n - 1] + pn[n - 1] - 1, w->f0 + fi)) {
                const frag *a = &ws->f[pc[n - 1]], *b = &ws->f[w->f0 + fi];
                pn[n - 1]++;
                pw[n - 1] = text_width(l, bc_fontset_peek(l->fs, a->font), a->text,
                                       (size_t)(b->text + b->len - a->text), a->size, a->dir, a->lang);
                last_frag = w->f0 + fi;
                continue;
            }
            pc[n] = w->f0 + fi;
            pn[n] = 1;
            pw[n] = ws->f[w->f0 + fi].w;
            plv[n++] = ws->f[w->f0 + fi].level;
            last_frag = w->f0 + fi;
        }
        if (k < ln->end - 1 && w->space > 0) {
            unsigned char a = ws->f[w->f0 + w->nf - 1].level, b = ws->f[ws->w[k + 1].f0].level;
            pc[n] = -1;
            pw[n] = line_gap(w, ln, justify, stretch_total, shrink_total);
            plv[n++] = a < b ? a : b;
        }
    }
    if (ln->hyphenated && last_frag >= 0) {
        const frag *fr = &ws->f[last_frag];
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
        if (align == 'r') x0 = measure - natural;
        else if (align == 'c') x0 = (measure - natural) / 2;
    }
    /* each piece's place from the display order; the ops then in logical order, which is the
       order readers that follow the content stream (pdf.js, a screen reader) give the words */
    double *px = bc_xmalloc((size_t)(n ? n : 1) * sizeof *px);
    for (int i = 0; i < n; i++) {
        px[order[i]] = x0;
        x0 += pw[order[i]];
    }
    int link_op = -1;
    for (int i = 0; i < n; i++) {
        int p = pc[i];
        double x = px[i];
        if (p == -1) {
            /* a word space as a space glyph where the gap is, so readers that follow the
               content stream see the words apart */
            const frag *pf = i > 0 && pc[i - 1] >= 0 ? &ws->f[pc[i - 1]] : NULL;
            if (pf) {
                put_text(l, pf->font, pf->size, st->color, x, baseline - pf->rise, " ", 1,
                         BC_TEXT_PLAIN, pf->lang);
                bc_font_use(bc_fontset_peek(l->fs, pf->font), " ", 1);
            }
            continue;
        }
        const frag *fr = &ws->f[p >= 0 ? p : last_frag];
        const frag *fe = p >= 0 ? &ws->f[p + pn[i] - 1] : fr; /* the piece's last fragment */
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
                prev->x <= x + pw[i] + fr->size) {
                double a = prev->x < x ? prev->x : x;
                double b = prev->x + prev->w > x + pw[i] ? prev->x + prev->w : x + pw[i];
                prev->x = (float)a;
                prev->w = (float)(b - a);
            } else {
                bc_ops_link(&l->pool, x, baseline - st->size * 0.85, pw[i], st->size * 1.15,
                            fr->link);
                link_op = l->pool.n - 1;
            }
        }
    }
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
static double start_with_space(L *l, bc_buf *text, const frag *fr, double x)
{
    if (fr->link || fr->lang || fr->rise != 0 || !space_glyph(l, fr->font)) return x;
    bc_font *f = bc_fontset_peek(l->fs, fr->font);
    bc_buf_addc(text, ' ');
    bc_font_use(f, " ", 1);
    return x - bc_font_advance(f, ' ') * fr->size / 1000.0;
}

static void end_with_space(L *l, bc_buf *text, int font, int latin)
{
    if (!latin || !text->len || text->data[text->len - 1] == ' ' || !space_glyph(l, font))
        return;
    bc_buf_addc(text, ' ');
    bc_font_use(bc_fontset_peek(l->fs, font), " ", 1);
}

/* Emits one set line: ops at x offset 0..measure, baseline at y. */
static void emit_line(L *l, const words *ws, const bc_lb_line *ln, int last, double measure,
                      const tstyle *st, double baseline)
{
    if (line_is_bidi(ws, ln)) {
        emit_line_bidi(l, ws, ln, last, measure, st, baseline);
        return;
    }
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
    int open_font = -1, link_op = -1, open_dir = BC_TEXT_PLAIN;
    int open_latin = 1; /* the op holds plain text and words with ligatures only: Latin text
                           that is drawn shaped as a whole once it holds a ligature */
    double open_x = 0;
    float open_size = (float)st->size, open_rise = 0;
    const char *open_link = NULL, *open_lang = NULL;
    int space_owed = 0; /* the op before ended at a word space it could not hold */
    for (int k = ln->first; k < ln->end; k++) {
        const word *w = &ws->w[k];
        for (int fi = 0; fi < w->nf; fi++) {
            const frag *fr = &ws->f[w->f0 + fi];
            if (open_font != fr->font || open_link != fr->link || open_size != fr->size ||
                open_rise != fr->rise || open_lang != fr->lang || !open_latin ||
                (fr->dir != BC_TEXT_PLAIN && !fr->lig) || kerned_joint(l, &text, fr)) {
                if (open_font >= 0)
                    put_text(l, open_font, open_size, open_link ? l->th->accent : st->color,
                             open_x, baseline - open_rise, text.data, text.len, open_dir,
                             open_lang);
                text.len = 0;
                open_dir = fr->dir;
                open_latin = fr->dir == BC_TEXT_PLAIN || fr->lig;
                open_font = fr->font;
                open_x = x;
                open_link = fr->link;
                open_size = fr->size;
                open_rise = fr->rise;
                open_lang = fr->lang;
                if (space_owed && open_latin) open_x = start_with_space(l, &text, fr, x);
                space_owed = 0;
            }
            bc_buf_add(&text, fr->text, fr->len);
            if (fr->lig) open_dir = BC_TEXT_LTR;
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
                       open_latin && same_space(l, open_font, st->size, w->space) &&
                       (k + 1 < ln->end && ws->f[ws->w[k + 1].f0].font == open_font &&
                        (ws->f[ws->w[k + 1].f0].dir == BC_TEXT_PLAIN ||
                         ws->f[ws->w[k + 1].f0].lig) &&
                        ws->f[ws->w[k + 1].f0].link == NULL &&
                        ws->f[ws->w[k + 1].f0].size == open_size &&
                        ws->f[ws->w[k + 1].f0].rise == open_rise &&
                        ws->f[ws->w[k + 1].f0].lang == open_lang)) {
                bc_buf_addc(&text, ' ');
                bc_font_use(bc_fontset_peek(l->fs, open_font), " ", 1);
            } else {
                if (open_link || open_lang || open_rise != 0) space_owed = open_font >= 0;
                else end_with_space(l, &text, open_font, open_latin);
                if (open_font >= 0)
                    put_text(l, open_font, open_size, open_link ? l->th->accent : st->color,
                             open_x, baseline - open_rise, text.data, text.len, open_dir,
                             open_lang);
                text.len = 0;
                open_font = -1;
            }
            x += gap;
        }
    }
    if (ln->hyphenated && open_font >= 0) {
        bc_buf_addc(&text, '-');
        bc_font_use(bc_fontset_peek(l->fs, open_font), "-", 1);
    } else if (!last && !open_link && !open_lang && open_rise == 0) {
        end_with_space(l, &text, open_font, open_latin);
    }
    if (open_font >= 0 && text.len)
        put_text(l, open_font, open_size, open_link ? l->th->accent : st->color, open_x,
                 baseline - open_rise, text.data, text.len, open_dir, open_lang);
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
    tline *out = bc_xcalloc((size_t)(n ? n : 1), sizeof *out); /* padding too: it is cached */
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
