/*
** layout.c — text setting, block layout and pagination.
**
** Every block becomes one or more pieces whose operations are built in a shared pool with
** coordinates relative to the piece's top-left corner; pagination copies them onto pages.
*/
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "bib.h"
#include "cache.h"
#include "parcache.h"
#include "hyph.h"
#include "linebreak.h"
#include "markup.h"
#include "utf8.h"

/* {====================================================== state */

typedef struct piece {
    double h, before;        /* height; space wanted above (dropped at the top of a page) */
    int op0, nop;            /* operations in L.pool */
    unsigned char keep_next; /* must sit on the same page as the next piece */
    unsigned char force_break;
    unsigned char span;      /* two-column body: across both columns (title, charts, wide tables) */
    int header;              /* piece to repeat at the top of a new page (tables), or -1 */
    int outline_level;       /* > 0 for headings */
    const char *outline_title;
    const char *dest[2];     /* link destinations at the top of this piece */
    int section;             /* the section it belongs to (messages) */
    int para;                /* > 0: the paragraph this line belongs to … */
    short line, nlines;      /* … its index and the paragraph's line count */
} piece;

typedef struct L {
    const bc_doc *doc;
    const bc_theme *th;
    const bc_meta *meta;
    bc_fontset *fs;
    bc_layout *out;
    bc_arena *a;
    bc_error *err;
    int failed;
    bc_ops pool;
    piece *pieces;
    int np, cap;
    double measure;          /* text width of what is being laid out: the body or a column */
    double full;             /* text width of the page body */
    int section;             /* section of the block being laid out */
    uint32_t warned[64];     /* code points already warned about */
    int nwarned;
    int no_fallback;         /* the fallback font is not installed: do not look again */
    bc_buf key;              /* the paragraph cache key being looked up (reused) */
    int nveto;               /* warnings and missing glyphs so far: text set meanwhile is not
                                kept on disk (a warning is given once, by whoever sets first) */
    bc_hyph *hyph;           /* hyphenation patterns for the brief's language, or NULL */
    int nheadings;           /* headings laid out so far (their order numbers dests h-N) */
    int nparas;              /* paragraphs laid out (ids for widow and orphan counts) */
    const char *pending_dest;/* a label for the next piece (tables and charts: the caption) */
    struct fline *fl;        /* footnote lines, set once, placed by pagination */
    int nfl;
    int *note_line0;         /* per footnote: its first line in fl */
    int *note_nlines;
    unsigned char *note_queued; /* per footnote: already at the foot of a page */
    int se;                  /* structure element of the block being laid out (tags.h) */
    int se_title;            /* the H1 of a contents or references block's title, or 0 */
} L;

/* One line of a footnote: ops in L.pool, at x 0 and y from the line's top. */
typedef struct fline {
    int op0, nop;
    double h;
    int note;                /* 1-based */
} fline;

typedef struct tstyle {
    int family;        /* BC_FONT_SERIF or BC_FONT_SANS */
    unsigned style;    /* base style bits added to each run's */
    double size;
    double leading;    /* line height in points */
    uint32_t color;
    int justify;
    char align;        /* 'l', 'c', 'r' when not justified */
    int hyphenate;     /* break words at hyphenation points */
} tstyle;

#define FOOT_RULE 9.0        /* space taken by the rule above a page's footnotes */

/* Height of footnote n (1-based) at the foot of a page, once set (lay_notes). */
static double note_height(const L *l, int n)
{
    if (!l->note_line0 || n < 1 || n > l->doc->nnotes) return 0;
    return l->note_nlines[n - 1] * l->fl[l->note_line0[n - 1]].h;
}

static bc_font *font_for(L *l, int slot)
{
    if (l->failed) return NULL;
    bc_font *f = bc_fontset_get(l->fs, slot, l->err);
    if (!f) l->failed = 1;
    return f;
}

static piece *new_piece_raw(L *l, double h, double before);

static piece *new_piece(L *l, double h, double before)
{
    piece *p = new_piece_raw(l, h, before);
    if (l->pending_dest) {
        p->dest[1] = l->pending_dest;
        l->pending_dest = NULL;
    }
    return p;
}

static piece *new_piece_raw(L *l, double h, double before)
{
    if (l->np == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 128;
        l->pieces = bc_xrealloc(l->pieces, (size_t)l->cap * sizeof *l->pieces);
    }
    piece *p = &l->pieces[l->np++];
    memset(p, 0, sizeof *p);
    p->h = h;
    p->before = before;
    p->op0 = l->pool.n;
    p->header = -1;
    p->section = l->section;
    return p;
}

static void close_piece(L *l, piece *p) { p->nop = l->pool.n - p->op0; }

/* Marks the pieces made since from as spanning both columns. */
static void mark_span(L *l, int from)
{
    for (int i = from; i < l->np; i++) l->pieces[i].span = 1;
}

static void shift_ops(L *l, int op0, int n, double dx, double dy)
{
    for (int i = op0; i < op0 + n; i++) {
        l->pool.v[i].x += (float)dx;
        l->pool.v[i].y += (float)dy;
    }
}

static void warn(L *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(L *l, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    l->nveto++;
    const bc_doc_section *s = l->section >= 0 && l->section < l->doc->nsections
                                  ? &l->doc->sections[l->section] : NULL;
    if (s && s->file[0])
        bc_buf_printf(&l->out->warnings, "%s:%d: warning: section '%s': %s\n", s->file, s->line,
                      s->name, msg);
    else
        bc_buf_printf(&l->out->warnings, "warning: %s\n", msg);
}

/* }====================================================== */

/* {====================================================== text setting */

typedef struct frag {
    const char *text;
    size_t len;
    int font;
    double w;
    const char *link;
    float size;      /* the fragment's font size (superscripts are smaller) */
    float rise;      /* raised above the baseline by this much */
    int note;        /* > 0: this fragment is the marker of that footnote */
} frag;

typedef struct word {
    int f0, nf;      /* fragments */
    double w;
    double space;    /* natural space after the word (0 inside a split word) */
    double hyphen;   /* > 0: a hyphenation point after this piece; the hyphen's width */
} word;

typedef struct words {
    frag *f;
    int nf, capf;
    word *w;
    int nw, capw;
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

static void check_glyphs(L *l, bc_font *f, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        if ((unsigned char)*p < 0x80) { p++; continue; }
        uint32_t cp = bc_utf8_next(&p);
        if (bc_font_has(f, cp)) continue;
        l->nveto++;
        int seen = 0;
        for (int i = 0; i < l->nwarned; i++) seen |= l->warned[i] == cp;
        if (seen) continue;
        if (l->nwarned < 64) l->warned[l->nwarned++] = cp;
        warn(l, "font %s has no glyph for U+%04X; it will show as a blank", bc_font_path(f), cp);
    }
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The fallback font, opened on first need; NULL (and no error) when it is not installed. */
static bc_font *fallback_font(L *l)
{
    if (l->no_fallback) return NULL;
    bc_error e;
    bc_font *f = bc_fontset_get(l->fs, BC_FONT_FALLBACK, &e);
    if (!f) l->no_fallback = 1;
    return f;
}

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
    check_glyphs(l, f, s, len);
    cur->nf++;
    cur->w += fr->w;
}

/* Appends [s, s + len) to the current word as fragments: characters the slot's font lacks but
   the fallback font has are set in the fallback font. */
static void add_text(L *l, words *ws, word *cur, bc_font *f, int slot, const char *s, size_t len,
                     double fsize, double rise, const char *link)
{
    bc_font *fb = NULL;
    const char *seg = s, *p = s, *end = s + len;
    int seg_fb = 0;
    while (p < end) {
        const char *q = p;
        uint32_t cp = bc_utf8_next(&q);
        int use_fb = cp >= 0x80 && !bc_font_has(f, cp) && (fb || (fb = fallback_font(l))) &&
                     bc_font_has(fb, cp);
        if (p > seg && use_fb != seg_fb) {
            push_frag(l, ws, cur, seg_fb ? fb : f, seg_fb ? BC_FONT_FALLBACK : slot, seg,
                      (size_t)(p - seg), fsize, rise, link);
            seg = p;
        }
        seg_fb = use_fb;
        p = q;
    }
    if (p > seg || len == 0)
        push_frag(l, ws, cur, seg_fb ? fb : f, seg_fb ? BC_FONT_FALLBACK : slot, seg,
                  (size_t)(p - seg), fsize, rise, link);
}

/* Splits inline runs into words of fragments with measured widths. */
static void build_words(L *l, const bc_inline *in, const tstyle *st, words *ws)
{
    word *cur = NULL;
    for (int r = 0; r < in->n && !l->failed; r++) {
        const bc_run *run = &in->runs[r];
        unsigned style = run->style | st->style;
        int slot = st->family + (style & BC_STYLE_BOLD ? 1 : 0) + (style & BC_STYLE_ITALIC ? 2 : 0);
        if (style & BC_STYLE_CODE) slot = BC_FONT_MONO;
        double fsize = style & BC_STYLE_SUP ? st->size * 0.65 : style & BC_STYLE_CODE ? st->size * 0.9 : st->size;
        double rise = style & BC_STYLE_SUP ? st->size * 0.36 : 0;
        bc_font *f = font_for(l, slot);
        if (!f) return;
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
            size_t j = i;
            while (j < run->len && !is_space(run->text[j])) j++;
            if (!cur) cur = add_word(ws);
            size_t len = j - i;
            const char *text = bc_font_substitute(f, run->text + i, &len, l->a);
            add_text(l, ws, cur, f, slot, text, len, fsize, rise, run->link);
            if (run->kind == BC_RUN_NOTE) ws->f[ws->nf - 1].note = run->note_no;
            i = j;
        }
    }
}

/* Splits words wider than the measure at character boundaries (long URLs, numbers). */
static void split_long_words(L *l, words *ws, double measure, const tstyle *st)
{
    int need = 0;
    for (int i = 0; i < ws->nw; i++) need |= ws->w[i].w > measure;
    if (!need) return;
    words out = {0};
    for (int i = 0; i < ws->nw; i++) {
        word src = ws->w[i];
        if (src.w <= measure) {
            word *w = add_word(&out);
            for (int k = 0; k < src.nf; k++) *add_frag(&out) = ws->f[src.f0 + k];
            w->nf = src.nf;
            w->w = src.w;
            w->space = src.space;
            continue;
        }
        word *w = add_word(&out);
        for (int k = 0; k < src.nf; k++) {
            frag fr = ws->f[src.f0 + k];
            bc_font *f = bc_fontset_peek(l->fs, fr.font);
            const char *p = fr.text, *end = fr.text + fr.len, *start = p;
            double acc = 0;
            while (p < end) {
                const char *q = p;
                double cw = bc_font_advance(f, bc_utf8_next(&q)) * fr.size / 1000.0;
                if (w->w + acc + cw > measure && (w->nf > 0 || p > start)) {
                    if (p > start) {
                        frag *nf = add_frag(&out);
                        *nf = fr;
                        nf->text = start;
                        nf->len = (size_t)(p - start);
                        nf->w = bc_font_width(f, nf->text, nf->len, fr.size);
                        w->nf++;
                        w->w += nf->w;
                    }
                    w->space = 0;
                    w = add_word(&out);
                    start = p;
                    acc = 0;
                }
                acc += cw;
                p = q;
            }
            if (p > start) {
                frag *nf = add_frag(&out);
                *nf = fr;
                nf->text = start;
                nf->len = (size_t)(p - start);
                nf->w = bc_font_width(f, nf->text, nf->len, fr.size); /* with its kerning */
                w->nf++;
                w->w += nf->w;
            }
        }
        w->space = src.space;
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
        if (src.nf == 1 && i < ws->nw - 1 && fr.len >= 5 && fr.len < sizeof brk && !fr.link)
            points = bc_hyph_points(l->hyph, fr.text, fr.len, brk);
        if (!points) {
            word *w = add_word(&out);
            for (int k = 0; k < src.nf; k++) *add_frag(&out) = ws->f[src.f0 + k];
            w->nf = src.nf;
            w->w = src.w;
            w->space = src.space;
            w->hyphen = src.hyphen;
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
            }
            start = k;
        }
    }
    words_free(ws);
    *ws = out;
}

typedef bc_par_line tline; /* a set line: its ops, and its natural width */

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
        stretch_total += ws->w[k].space * 0.5;
        shrink_total += ws->w[k].space * 0.33;
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
    const char *open_link = NULL;
    for (int k = ln->first; k < ln->end; k++) {
        const word *w = &ws->w[k];
        for (int fi = 0; fi < w->nf; fi++) {
            const frag *fr = &ws->f[w->f0 + fi];
            if (open_font != fr->font || open_link != fr->link || open_size != fr->size ||
                open_rise != fr->rise || kerned_joint(l, &text, fr)) {
                if (open_font >= 0) {
                    bc_ops_text(&l->pool, open_font, open_size, open_link ? l->th->accent : st->color,
                                open_x, baseline - open_rise,
                                bc_arena_strndup(l->a, text.data, text.len), text.len);
                }
                text.len = 0;
                open_font = fr->font;
                open_x = x;
                open_link = fr->link;
                open_size = fr->size;
                open_rise = fr->rise;
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
            if (justify && ln->ratio > 0 && stretch_total > 0) gap += ln->ratio * w->space * 0.5;
            else if (justify && ln->ratio < 0 && shrink_total > 0)
                gap += ln->ratio * w->space * 0.33;
            if (w->space == 0) {
                /* inside a split word: keep the same op */
            } else if (!justify && open_font >= 0 && open_link == NULL &&
                       (k + 1 < ln->end && ws->f[ws->w[k + 1].f0].font == open_font &&
                        ws->f[ws->w[k + 1].f0].link == NULL &&
                        ws->f[ws->w[k + 1].f0].size == open_size &&
                        ws->f[ws->w[k + 1].f0].rise == open_rise)) {
                bc_buf_addc(&text, ' ');
                bc_font_use(bc_fontset_peek(l->fs, open_font), " ", 1);
            } else {
                if (open_font >= 0)
                    bc_ops_text(&l->pool, open_font, open_size,
                                open_link ? l->th->accent : st->color, open_x, baseline - open_rise,
                                bc_arena_strndup(l->a, text.data, text.len), text.len);
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
    if (open_font >= 0 && text.len)
        bc_ops_text(&l->pool, open_font, open_size, open_link ? l->th->accent : st->color, open_x,
                    baseline - open_rise,
                    bc_arena_strndup(l->a, text.data, text.len), text.len);
    bc_buf_free(&text);
}

/* Baseline offset from the top of a line box. */
static double baseline_offset(L *l, const tstyle *st)
{
    bc_font *f = font_for(l, st->family);
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
static int set_text_fresh(L *l, const bc_inline *in, const tstyle *st, double measure,
                          tline **lines)
{
    words ws = {0};
    *lines = NULL;
    build_words(l, in, st, &ws);
    if (l->failed || ws.nw == 0) {
        words_free(&ws);
        return 0;
    }
    split_long_words(l, &ws, measure, st);
    hyphenate_words(l, &ws, st);
    bc_lb_word *lw = bc_xmalloc((size_t)ws.nw * sizeof *lw);
    for (int i = 0; i < ws.nw; i++) {
        lw[i].width = ws.w[i].w;
        lw[i].hyphen = ws.w[i].hyphen;
        lw[i].space = ws.w[i].space;
        /* Ragged text is set at natural spacing: no stretch, no shrink. */
        lw[i].stretch = st->justify ? ws.w[i].space * 0.5 : 0;
        lw[i].shrink = st->justify ? ws.w[i].space * 0.33 : 0;
    }
    bc_lb_line *ll = bc_xmalloc((size_t)ws.nw * sizeof *ll);
    int n = bc_linebreak(lw, ws.nw, measure, st->justify, ll);
    tline *out = bc_xmalloc((size_t)n * sizeof *out);
    double base = baseline_offset(l, st);
    for (int i = 0; i < n; i++) {
        out[i].op0 = l->pool.n;
        emit_line(l, &ws, &ll[i], i == n - 1, measure, st, base);
        out[i].nop = l->pool.n - out[i].op0;
        out[i].width = ll[i].natural;
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

/* {====================================================== the paragraph cache */

/*
** Set text is kept (parcache.h), keyed by everything that decides it (the runs' bytes,
** styles, links and notes, the text style, the measure, the section), and compared in full
** on a hit:
**  - in memory between the layout passes page references need, so the second pass does not
**    set every paragraph again;
**  - on disk between builds of the same brief, when the caller names the document
**    (doc->layout_cache_name), so a rebuild sets only what changed: an analyst's new
**    parameters, an author's edited paragraph.
** Text holding a page reference is never kept: its number changes. Text set while a warning
** was given is kept in memory only, so that the warning is given again next time. What the
** key does not hold is checked as a context: the briefc executable and the hyphenation
** patterns (for the whole file), the link colour, and the file of every font the text used
** (per entry, when it is first hit).
*/
#define PAR_FORMAT 1u

/* The running executable's identity; 0 when unknown. The link is read rather than followed
   by stat: tools that run briefc under themselves (valgrind) answer for it, not for them. */
static uint64_t exe_key(void)
{
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    return bc_cache_file_key(path, PAR_FORMAT);
}

/* Everything the file of set text depends on besides its keys and fonts; 0 when unknown. */
static uint64_t par_context(const L *l)
{
    uint64_t v[4] = {exe_key(), bc_hyph_id(l->hyph),
                     l->th->accent, sizeof(bc_op) | (uint64_t)sizeof(tline) << 16};
    return v[0] ? bc_parcache_hash(v, sizeof v) : 0;
}

static void free_parcache(void *p) { bc_parcache_free(p); }

static bc_parcache *parcache_of(L *l)
{
    bc_doc *d = (bc_doc *)l->doc;
    if (!d->layout_cache) {
        bc_parcache *c = bc_parcache_new();
        if (d->layout_cache_name) bc_parcache_attach(c, d->layout_cache_name, par_context(l));
        d->layout_cache = c;
        d->cache_free = free_parcache;
    }
    return d->layout_cache;
}

void bc_layout_cache_save(bc_doc *doc) { bc_parcache_save(doc->layout_cache); }

static void key_add(bc_buf *k, const void *p, size_t n) { bc_buf_add(k, p, n); }

/* The key of setting in with st at measure; 0 when the text must not be kept. */
static int par_key(L *l, const bc_inline *in, const tstyle *st, double measure, bc_buf *k)
{
    k->len = 0;
    key_add(k, &measure, sizeof measure);
    key_add(k, &st->family, sizeof st->family);
    key_add(k, &st->style, sizeof st->style);
    key_add(k, &st->size, sizeof st->size);
    key_add(k, &st->leading, sizeof st->leading);
    key_add(k, &st->color, sizeof st->color);
    key_add(k, &st->justify, sizeof st->justify);
    key_add(k, &st->align, sizeof st->align);
    key_add(k, &st->hyphenate, sizeof st->hyphenate);
    key_add(k, &l->section, sizeof l->section);
    for (int i = 0; i < in->n; i++) {
        const bc_run *r = &in->runs[i];
        if (r->kind == BC_RUN_XREF_PAGE) return 0;
        size_t ll = r->link ? strlen(r->link) : (size_t)-1;
        key_add(k, &r->kind, sizeof r->kind);
        key_add(k, &r->style, sizeof r->style);
        key_add(k, &r->note_no, sizeof r->note_no);
        key_add(k, &r->len, sizeof r->len);
        key_add(k, r->text, r->len);
        key_add(k, &ll, sizeof ll);
        if (r->link) key_add(k, r->link, ll);
    }
    return 1;
}

static void stats_add(bc_layout_stats *to, const bc_layout_stats *d)
{
    to->lines += d->lines;
    to->overfull += d->overfull;
    to->hyphenated += d->hyphenated;
    to->loose += d->loose;
    if (d->max_ratio > to->max_ratio) to->max_ratio = d->max_ratio;
}

/* The slots whose fonts decided text set with st into ops, with their file keys; 0 when a
   font's file is of unknown identity. */
static unsigned fonts_of(L *l, const tstyle *st, const bc_op *ops, int n, uint64_t *keys)
{
    unsigned fonts = 1u << st->family; /* its metrics place the baseline */
    for (int i = 0; i < n; i++)
        if (ops[i].kind == BC_OP_TEXT) fonts |= 1u << ops[i].font;
    for (int s = 0; s < BC_FONT_SLOTS; s++) {
        bc_font *f = fonts >> s & 1 ? bc_fontset_peek(l->fs, s) : NULL;
        keys[s] = f ? bc_font_file_key(f) : 0;
        if (fonts >> s & 1 && !keys[s]) return 0;
    }
    return fonts;
}

/* Whether an entry read from disk was made with the font files this document has. */
static int fonts_match(L *l, const bc_par *e)
{
    for (int s = 0; s < BC_FONT_SLOTS; s++) {
        if (!(e->fonts >> s & 1)) continue;
        bc_error err;
        bc_font *f = bc_fontset_get(l->fs, s, &err);
        if (!f || bc_font_file_key(f) != e->fontkey[s]) return 0;
    }
    return 1;
}

/* The kept text for this key, checked on its first hit, or NULL. */
static bc_par *par_find(L *l, bc_parcache *c, uint64_t h, const bc_buf *key)
{
    bc_par *e;
    while ((e = bc_parcache_find(c, h, key->data, key->len))) {
        if (!e->from_disk || e->checked) return e;
        e->checked = 1;
        if (fonts_match(l, e)) return e;
        bc_parcache_reject(e);
    }
    return NULL;
}

static int set_text(L *l, const bc_inline *in, const tstyle *st, double measure, tline **lines)
{
    *lines = NULL;
    /* only a document laid out more than once, or kept on disk, gains from keeping text */
    if (!l->doc->page_refs && !l->doc->layout_cache_name)
        return set_text_fresh(l, in, st, measure, lines);
    bc_parcache *c = parcache_of(l);
    if (!l->doc->page_refs && !bc_parcache_on_disk(c))
        return set_text_fresh(l, in, st, measure, lines);
    if (!par_key(l, in, st, measure, &l->key)) return set_text_fresh(l, in, st, measure, lines);
    uint64_t h = bc_parcache_hash(l->key.data, l->key.len);
    bc_par *e = par_find(l, c, h, &l->key);
    if (e) { /* a hit: the ops again, the fonts' usage marked, the stats and warnings repeated */
        l->out->par_reused++;
        l->out->par_from_disk += e->from_disk;
        int base = l->pool.n;
        for (int i = 0; i < e->nops; i++) {
            bc_op *op = bc_ops_push(&l->pool);
            *op = e->ops[i];
            op->se = 0; /* the block stamps its own element (a cache file's is not trusted) */
            if (op->kind == BC_OP_NOTE) continue;
            op->text = bc_par_text(e, &e->ops[i]);
            if (op->kind == BC_OP_TEXT) {
                bc_font *f = font_for(l, op->font); /* open: fonts_match saw to it */
                if (!f) return 0;
                bc_font_use(f, op->text, op->len);
            }
        }
        stats_add(&l->out->stats, &e->stats);
        if (e->nwarnings) bc_buf_add(&l->out->warnings, e->warnings, e->nwarnings);
        if (!e->nlines) return 0;
        *lines = bc_xmalloc((size_t)e->nlines * sizeof **lines);
        for (int i = 0; i < e->nlines; i++) {
            (*lines)[i] = e->lines[i];
            (*lines)[i].op0 += base;
        }
        return e->nlines;
    }
    /* a miss: set it, and keep what it made */
    l->out->par_set++;
    bc_layout_stats before = l->out->stats;
    l->out->stats.max_ratio = 0; /* this text's own, then the larger of the two */
    size_t warn0 = l->out->warnings.len;
    int veto0 = l->nveto, op0 = l->pool.n;
    int n = set_text_fresh(l, in, st, measure, lines);
    double own_ratio = l->out->stats.max_ratio;
    if (before.max_ratio > l->out->stats.max_ratio) l->out->stats.max_ratio = before.max_ratio;
    if (l->failed) return n;
    bc_par made;
    memset(&made, 0, sizeof made);
    tline *rel = bc_xmalloc((size_t)(n ? n : 1) * sizeof *rel);
    for (int i = 0; i < n; i++) {
        rel[i] = (*lines)[i];
        rel[i].op0 -= op0;
    }
    made.nlines = n;
    made.lines = rel;
    made.nops = l->pool.n - op0;
    made.ops = l->pool.v + op0;
    made.stats.lines = l->out->stats.lines - before.lines;
    made.stats.overfull = l->out->stats.overfull - before.overfull;
    made.stats.hyphenated = l->out->stats.hyphenated - before.hyphenated;
    made.stats.loose = l->out->stats.loose - before.loose;
    made.stats.max_ratio = own_ratio;
    made.nwarnings = l->out->warnings.len - warn0;
    made.warnings = made.nwarnings ? l->out->warnings.data + warn0 : NULL;
    int keep = l->nveto == veto0 && bc_parcache_on_disk(c);
    if (keep) keep = (made.fonts = fonts_of(l, st, made.ops, made.nops, made.fontkey)) != 0;
    bc_parcache_add(c, h, l->key.data, l->key.len, &made, keep);
    free(rel);
    return n;
}

/* }====================================================== */

/* Natural single-line width and widest word of inline text (table column sizing). */
static void measure_inline(L *l, const bc_inline *in, const tstyle *st, double *maxw, double *minw)
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
static double decimal_tail(L *l, const bc_inline *in, const tstyle *st)
{
    words ws = {0};
    build_words(l, in, st, &ws);
    double tail = 0, after_digit = -1;
    for (int i = ws.nw - 1; i >= 0; i--) {
        const word *w = &ws.w[i];
        for (int fi = w->nf - 1; fi >= 0; fi--) {
            const frag *fr = &ws.f[w->f0 + fi];
            bc_font *f = font_for(l, fr->font);
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

/* }====================================================== */

/* {====================================================== blocks */

static tstyle body_style(L *l)
{
    tstyle s = {BC_FONT_SERIF, 0, l->th->body_size, l->th->body_size * l->th->leading,
                l->th->text, l->th->justify, 'l', 1};
    return s;
}

static tstyle sans_style(L *l, double size, uint32_t color, unsigned style)
{
    tstyle s = {BC_FONT_SANS, style, size, size * 1.3, color, 0, 'l', 0};
    return s;
}

/* Lays text as one piece per line with widow/orphan protection. */
static void lay_lines(L *l, const bc_inline *in, const tstyle *st, double indent, double before,
                      int keep_all)
{
    tline *lines;
    int n = set_text(l, in, st, l->measure - indent, &lines);
    int para = ++l->nparas;
    for (int i = 0; i < n; i++) {
        piece *p = new_piece(l, st->leading, i == 0 ? before : 0);
        p->op0 = lines[i].op0;
        p->nop = lines[i].nop;
        p->para = para;
        p->line = (short)(i < 32767 ? i : 32767);
        p->nlines = (short)(n < 32767 ? n : 32767);
        shift_ops(l, p->op0, p->nop, indent, 0);
        /* At least two lines on each side of a page break. */
        p->keep_next = keep_all || (i == 0 && n >= 2) || (i == n - 2 && n >= 3);
        if (keep_all && i == n - 1) p->keep_next = 0;
    }
    free(lines);
}

static void lay_title(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    piece *p = new_piece(l, 0, 0);
    double y = 0;
    tline *lines;
    int n;
    if (l->meta->series && l->meta->series[0]) {
        tstyle s = sans_style(l, 8.5, th->accent, BC_STYLE_BOLD);
        bc_inline in;
        const char *series = bc_markup_smarten(l->a, l->meta->series, strlen(l->meta->series));
        bc_markup_plain(l->a, series, strlen(series), 0, &in);
        n = set_text(l, &in, &s, l->measure, &lines);
        for (int i = 0; i < n; i++) shift_ops(l, lines[i].op0, lines[i].nop, 0, y + i * s.leading);
        y += n * s.leading + 6;
        free(lines);
    }
    tstyle ts = sans_style(l, th->title_size, th->accent, BC_STYLE_BOLD);
    ts.leading = th->title_size * 1.15;
    n = set_text(l, &b->u.title.title, &ts, l->measure, &lines);
    for (int i = 0; i < n; i++) shift_ops(l, lines[i].op0, lines[i].nop, 0, y + i * ts.leading);
    y += n * ts.leading + 4;
    free(lines);
    if (b->u.title.subtitle.n) {
        tstyle ss = sans_style(l, th->title_size * 0.56, th->muted, 0);
        n = set_text(l, &b->u.title.subtitle, &ss, l->measure, &lines);
        for (int i = 0; i < n; i++) shift_ops(l, lines[i].op0, lines[i].nop, 0, y + i * ss.leading);
        y += n * ss.leading + 4;
        free(lines);
    }
    if (b->u.title.meta.n) {
        tstyle ms = sans_style(l, 8.5, th->muted, 0);
        y += 2;
        n = set_text(l, &b->u.title.meta, &ms, l->measure, &lines);
        for (int i = 0; i < n; i++) shift_ops(l, lines[i].op0, lines[i].nop, 0, y + i * ms.leading);
        y += n * ms.leading;
        free(lines);
    }
    y += 8;
    bc_ops_line(&l->pool, 0, y, l->measure, y, th->accent, 1.6, 0);
    y += 4;
    p->h = y;
    close_piece(l, p);
}

static void lay_heading(L *l, const bc_block *b)
{
    l->nheadings++;
    const bc_theme *th = l->th;
    int level = b->u.heading.level;
    double size = th->h_size[level - 1];
    tstyle st = sans_style(l, size, level == 1 ? th->accent : th->text, BC_STYLE_BOLD);
    st.leading = size * 1.25;
    /* Number then text, as one inline. */
    bc_inline in;
    in.n = b->u.heading.text.n + 1;
    in.runs = bc_arena_alloc(l->a, (size_t)in.n * sizeof(bc_run));
    char *num = bc_arena_printf(l->a, "%s ", b->u.heading.number);
    in.runs[0].text = num;
    in.runs[0].len = strlen(num);
    memcpy(in.runs + 1, b->u.heading.text.runs, (size_t)b->u.heading.text.n * sizeof(bc_run));
    double before = level == 1 ? th->body_size * 1.6 : th->body_size * 1.1;
    int first = l->np;
    lay_lines(l, &in, &st, 0, before, 1);
    if (l->np > first) {
        l->pieces[l->np - 1].keep_next = 1; /* never stranded at the bottom of a page */
        l->pieces[first].dest[0] = bc_arena_printf(l->a, "h-%d", l->nheadings - 1);
        if (b->label) l->pieces[first].dest[1] = bc_arena_printf(l->a, "lbl-%s", b->label);
        l->pieces[first].outline_level = level;
        l->pieces[first].outline_title = bc_arena_printf(
            l->a, "%s %s", b->u.heading.number, bc_inline_text(l->a, &b->u.heading.text));
        /* a little air under the heading */
        l->pieces[l->np - 1].h += level == 1 ? 3 : 1.5;
    }
}

static void lay_para(L *l, const bc_block *b)
{
    tstyle st = body_style(l);
    if (b->u.para.style == BC_PARA_LEAD) {
        st.size = l->th->body_size * 1.12;
        st.leading = st.size * 1.4;
        st.style = BC_STYLE_ITALIC;
        st.color = l->th->muted;
    } else if (b->u.para.style == BC_PARA_NOTE) {
        st = sans_style(l, l->th->small_size, l->th->muted, 0);
    }
    lay_lines(l, &b->u.para.text, &st, 0, l->th->body_size * 0.6, 0);
}

static void lay_list(L *l, const bc_block *b)
{
    tstyle st = body_style(l);
    st.justify = 0;
    double indent = st.size * 1.6;
    for (int i = 0; i < b->u.list.n; i++) {
        int first = l->np, li0 = l->pool.n;
        lay_lines(l, &b->u.list.items[i], &st, indent, i == 0 ? st.size * 0.6 : st.size * 0.25,
                  0);
        if (l->np == first) continue;
        piece *p = &l->pieces[first];
        const char *marker = b->u.list.numbered ? bc_arena_printf(l->a, "%d.", i + 1) : "\u2022";
        bc_font *f = font_for(l, BC_FONT_SERIF);
        if (!f) return;
        double mw = bc_font_width(f, marker, strlen(marker), st.size);
        /* A piece's ops must be contiguous: copy the first line to the end of the pool and
           add the marker after it. */
        int op0 = l->pool.n;
        for (int k = p->op0; k < p->op0 + p->nop; k++) {
            bc_op copy = l->pool.v[k]; /* the push may move the pool */
            *bc_ops_push(&l->pool) = copy;
        }
        bc_ops_text(&l->pool, BC_FONT_SERIF, st.size, b->u.list.numbered ? st.color : l->th->accent,
                    indent - mw - st.size * 0.5, baseline_offset(l, &st), marker, strlen(marker));
        bc_font_use(f, marker, strlen(marker));
        p->op0 = op0;
        p->nop = l->pool.n - op0;
        if (l->se) { /* LI: the marker (Lbl), then the item's text (LBody) */
            int li = bc_tags_add(&l->out->tags, l->se, "LI");
            l->pool.v[l->pool.n - 1].se = bc_tags_add(&l->out->tags, li, "Lbl");
            bc_tags_stamp(&l->pool, li0, bc_tags_add(&l->out->tags, li, "LBody"));
        }
    }
}

/* Caption "Table 1 — …" above a table or figure; kept with what follows. */
static void lay_caption(L *l, const char *label, int number, const bc_inline *caption)
{
    tstyle st = sans_style(l, l->th->body_size * 0.92, l->th->text, 0);
    bc_inline in;
    in.n = caption->n + 1;
    in.runs = bc_arena_alloc(l->a, (size_t)in.n * sizeof(bc_run));
    char *lab = bc_arena_printf(l->a, "%s %d \u2014 ", label, number);
    in.runs[0].text = lab;
    in.runs[0].len = strlen(lab);
    in.runs[0].style = BC_STYLE_BOLD;
    memcpy(in.runs + 1, caption->runs, (size_t)caption->n * sizeof(bc_run));
    lay_lines(l, &in, &st, 0, l->th->body_size * 1.1, 1);
    if (l->np) l->pieces[l->np - 1].keep_next = 1;
    if (l->np) l->pieces[l->np - 1].h += 3;
}

static void lay_source(L *l, const bc_inline *source)
{
    if (!source->n) return;
    tstyle st = sans_style(l, l->th->small_size * 0.95, l->th->muted, 0);
    bc_inline in;
    in.n = source->n + 1;
    in.runs = bc_arena_alloc(l->a, (size_t)in.n * sizeof(bc_run));
    in.runs[0].text = "Source: ";
    in.runs[0].len = 8;
    in.runs[0].style = BC_STYLE_BOLD;
    memcpy(in.runs + 1, source->runs, (size_t)source->n * sizeof(bc_run));
    lay_lines(l, &in, &st, 0, 3, 0);
}

static void lay_table(L *l, const bc_block *b)
{
    const bc_table *t = b->u.table;
    const bc_theme *th = l->th;
    double pad_h = 4, pad_v = 2.6;
    tstyle cs = sans_style(l, th->small_size, th->text, 0);
    cs.leading = th->small_size * 1.3;
    cs.hyphenate = 1; /* narrow columns need it most */
    tstyle hs = cs;
    hs.style = BC_STYLE_BOLD;
    int nc = t->ncols;
    double *maxw = bc_xcalloc((size_t)nc, sizeof(double));
    double *minw = bc_xcalloc((size_t)nc, sizeof(double));
    double *colw = bc_xcalloc((size_t)nc, sizeof(double));
    /* decimal columns: each cell's width after its point, and the widest such tail */
    double *tails = bc_xcalloc((size_t)(t->nrows ? t->nrows : 1) * (size_t)nc, sizeof(double));
    double *maxtail = bc_xcalloc((size_t)nc, sizeof(double));
    for (int c = 0; c < nc; c++) {
        double mx, mn, head = 0;
        int dec = t->align && t->align[c] == 'd';
        measure_inline(l, &t->header[c], &hs, &mx, &mn);
        maxw[c] = mx;
        minw[c] = mn;
        for (int r = 0; r < t->nrows; r++) {
            tstyle s = t->row_strong && t->row_strong[r] ? hs : cs;
            measure_inline(l, &t->cells[r * nc + c], &s, &mx, &mn);
            if (dec) {
                double tl = tails[r * nc + c] = decimal_tail(l, &t->cells[r * nc + c], &s);
                if (tl > maxtail[c]) maxtail[c] = tl;
                if (mx - tl > head) head = mx - tl;
            }
            if (mx > maxw[c]) maxw[c] = mx;
            if (mn > minw[c]) minw[c] = mn;
        }
        if (dec && head + maxtail[c] > maxw[c]) maxw[c] = head + maxtail[c];
        maxw[c] += 2 * pad_h + 0.5;
        minw[c] += 2 * pad_h + 0.5;
    }
    double sum_max = 0, sum_min = 0, sum_w = 0;
    for (int c = 0; c < nc; c++) {
        sum_max += maxw[c];
        sum_min += minw[c];
        sum_w += t->weights ? t->weights[c] : 0;
    }
    /* a table wider than a column of a two-column body spans the page */
    int wide = l->measure < l->full && sum_max > l->measure;
    int first_piece = l->np;
    double column = l->measure;
    if (wide) l->measure = l->full;
    double W = l->measure;
    if (sum_w > 0) {
        for (int c = 0; c < nc; c++) colw[c] = W * (t->weights[c] > 0 ? t->weights[c] : 0) / sum_w;
    } else if (sum_max <= W) {
        /* Everything fits on one line: share the spare width in proportion to content. */
        for (int c = 0; c < nc; c++) colw[c] = maxw[c] + (W - sum_max) * maxw[c] / sum_max;
    } else if (sum_min >= W) {
        for (int c = 0; c < nc; c++) colw[c] = W * minw[c] / sum_min;
    } else {
        /* Columns whose longest content fits a fair share of what is left are set whole (a
           name column is never wrapped to feed a column of long text); the others share the
           rest, each at least its widest word, beyond that in proportion to content. */
        unsigned char *whole = bc_xcalloc((size_t)nc, 1);
        double left = W;
        int open = nc;
        for (int changed = 1; changed && open > 1;) {
            changed = 0;
            for (int c = 0; c < nc; c++)
                if (!whole[c] && maxw[c] <= left / open) {
                    whole[c] = 1;
                    colw[c] = maxw[c];
                    left -= maxw[c];
                    open--;
                    changed = 1;
                }
        }
        double rest_min = 0, rest_max = 0;
        for (int c = 0; c < nc; c++)
            if (!whole[c]) {
                rest_min += minw[c];
                rest_max += maxw[c];
            }
        for (int c = 0; c < nc; c++) {
            if (whole[c]) continue;
            if (rest_min >= left) colw[c] = left * minw[c] / rest_min;
            else colw[c] = minw[c] + (left - rest_min) * (maxw[c] - minw[c]) /
                                         (rest_max - rest_min > 0 ? rest_max - rest_min : 1);
        }
        free(whole);
    }
    int tbl = l->se, cap0 = l->pool.n;
    int rowheads = nc > 1 && t->align && t->align[0] != 'r' && t->align[0] != 'd';
    for (int c = 1; c < nc && rowheads; c++) rowheads = t->align[c] == 'r' || t->align[c] == 'd';
    if (t->caption.n) lay_caption(l, "Table", t->number, &t->caption);
    if (tbl) bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, tbl, "Caption"));
    int thead = tbl ? bc_tags_add(&l->out->tags, tbl, "THead") : 0;
    int tbody = tbl ? bc_tags_add(&l->out->tags, tbl, "TBody") : 0;
    /* One row: each cell set into its column, the row as tall as its tallest cell. */
    int header_piece = -1;
    for (int r = -1; r < t->nrows; r++) {
        const bc_inline *cells = r < 0 ? t->header : &t->cells[r * nc];
        int strong = r >= 0 && t->row_strong && t->row_strong[r];
        tstyle s = (r < 0 || strong) ? hs : cs;
        piece *p = new_piece(l, 0, r < 0 ? 2 : 0);
        int op0 = l->pool.n;
        int tr = tbl ? bc_tags_add(&l->out->tags, r < 0 ? thead : tbody, "TR") : 0;
        /* zebra background first so text draws over it */
        int bg = l->pool.n;
        if (r >= 0 && ((r % 2 == 1 && th->table_zebra) || strong))
            bc_ops_rect(&l->pool, 0, 0, W, 0, th->fill, BC_NO_COLOR, 0);
        double x = 0, h = 0;
        tline *cl[64];
        int cn[64], maxn = 0;
        for (int c = 0; c < nc; c++) {
            tstyle cst = s;
            cst.align = t->align ? t->align[c] : 'l';
            double dx = 0;
            if (cst.align == 'd') {
                cst.align = 'r';
                if (r >= 0) dx = tails[r * nc + c] - maxtail[c];
            }
            int cell0 = l->pool.n;
            cn[c] = set_text(l, &cells[c], &cst, colw[c] - 2 * pad_h, &cl[c]);
            if (tr) {
                /* the first column names the row when the others hold numbers */
                int rowhead = r >= 0 && c == 0 && rowheads;
                int se = bc_tags_add(&l->out->tags, tr, r < 0 || rowhead ? "TH" : "TD");
                if (r < 0 || rowhead) l->out->tags.v[se].scope = r < 0 ? 1 : 2;
                bc_tags_stamp(&l->pool, cell0, se);
            }
            if (cn[c] != 1) dx = 0; /* a wrapped cell stays right-aligned */
            else if (cl[c][0].width - dx > colw[c] - 2 * pad_h) /* never past the column's left */
                dx = cl[c][0].width - (colw[c] - 2 * pad_h);
            if (dx > 0) dx = 0;
            for (int i = 0; i < cn[c]; i++)
                shift_ops(l, cl[c][i].op0, cl[c][i].nop, x + pad_h + dx, pad_v + i * s.leading);
            if (cn[c] * s.leading > h) h = cn[c] * s.leading;
            if (cn[c] > maxn) maxn = cn[c];
            x += colw[c];
        }
        /* A row taller than a page is split inside its cells, a page's worth of lines at a
           time, each part under the repeated header. */
        double page_room = th->page_h - th->margin_t - th->margin_b - 60;
        if (r >= 0 && h + 2 * pad_v > page_room && page_room > 2 * pad_v + s.leading) {
            l->np--; /* drop the piece started above: the parts replace it */
            for (int from = 0, to; from < maxn; from = to) {
                /* as many lines as fit with the footnotes they reference, at least one */
                double used = 2 * pad_v, notes = 0;
                for (to = from; to < maxn; to++) {
                    double more = 0;
                    for (int c = 0; c < nc; c++)
                        for (int o = to < cn[c] ? cl[c][to].op0 : 0;
                             to < cn[c] && o < cl[c][to].op0 + cl[c][to].nop; o++)
                            if (l->pool.v[o].kind == BC_OP_NOTE)
                                more += note_height(l, (int)l->pool.v[o].len);
                    double rule = notes + more > 0 ? FOOT_RULE : 0;
                    if (to > from && used + s.leading + notes + more + rule > page_room) break;
                    used += s.leading;
                    notes += more;
                }
                piece *part = new_piece(l, 0, 0);
                int start = l->pool.n;
                double ph = (to - from) * s.leading + 2 * pad_v;
                if ((r % 2 == 1 && th->table_zebra) || strong)
                    bc_ops_rect(&l->pool, 0, 0, W, ph, th->fill, BC_NO_COLOR, 0);
                for (int c = 0; c < nc; c++)
                    for (int i = from; i < to && i < cn[c]; i++)
                        for (int o = cl[c][i].op0; o < cl[c][i].op0 + cl[c][i].nop; o++) {
                            bc_op copy = l->pool.v[o];
                            copy.y -= (float)(from * s.leading);
                            *bc_ops_push(&l->pool) = copy;
                        }
                if (to == maxn && r == t->nrows - 1) bc_ops_line(&l->pool, 0, ph, W, ph, th->accent, 0.9, 0);
                else bc_ops_line(&l->pool, 0, ph, W, ph, th->rule, 0.4, 2);
                part->op0 = start;
                part->h = ph;
                close_piece(l, part);
                part->header = header_piece;
            }
            for (int c = 0; c < nc; c++) free(cl[c]);
            continue;
        }
        for (int c = 0; c < nc; c++) free(cl[c]);
        h += 2 * pad_v;
        if (bg < l->pool.n && l->pool.v[bg].kind == BC_OP_RECT) l->pool.v[bg].h = (float)h;
        if (r < 0) {
            bc_ops_line(&l->pool, 0, 0, W, 0, th->accent, 0.9, 0);
            bc_ops_line(&l->pool, 0, h, W, h, th->accent, 0.6, 0);
        } else if (r == t->nrows - 1) {
            bc_ops_line(&l->pool, 0, h, W, h, th->accent, 0.9, 0);
        } else if (strong) {
            bc_ops_line(&l->pool, 0, 0, W, 0, th->rule, 0.5, 0);
        }
        p->op0 = op0;
        p->h = h;
        close_piece(l, p);
        if (r < 0) {
            header_piece = (int)(p - l->pieces);
            p->keep_next = 1;
        } else {
            p->header = header_piece;
            /* keep the last two rows together, and the last row with the source note (only:
               without one the table ends its chain, it does not pull the next block along) */
            p->keep_next = (r == t->nrows - 2 && t->nrows > 2) || (r == t->nrows - 1 && t->source.n);
            if (r == 0 && t->nrows > 1) p->keep_next = 1;
        }
    }
    if (t->nrows > 0 && t->source.n) l->pieces[l->np - 1].keep_next = 1;
    int src0 = l->pool.n;
    lay_source(l, &t->source);
    if (tbl) bc_tags_stamp(&l->pool, src0, bc_tags_add(&l->out->tags, 1, "P"));
    if (wide) {
        l->measure = column;
        mark_span(l, first_piece);
    }
    free(maxw);
    free(minw);
    free(colw);
    free(tails);
    free(maxtail);
}

/* A callout's content line by line (title lines, item lines and their bullets): where each
   sits, so a callout taller than a page can be cut between lines. */
typedef struct cline {
    int op0, nop;
    double y, h;
} cline;

static void push_cline(cline **v, int *n, int *cap, int op0, int nop, double y, double h)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *v = bc_xrealloc(*v, (size_t)*cap * sizeof **v);
    }
    (*v)[(*n)++] = (cline){op0, nop, y, h};
}

static void lay_callout(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    double pad = 10, bar = 3;
    double inner = l->measure - 2 * pad - bar;
    piece *p = new_piece(l, 0, th->body_size * 1.2);
    int op0 = l->pool.n;
    bc_ops_rect(&l->pool, 0, 0, l->measure, 0, th->fill, BC_NO_COLOR, 0);
    bc_ops_rect(&l->pool, 0, 0, bar, 0, th->accent, BC_NO_COLOR, 0);
    double y = pad;
    tline *lines;
    int n;
    cline *cl = NULL;
    int ncl = 0, capcl = 0;
    if (b->u.callout.title.n) {
        tstyle ts = sans_style(l, th->body_size * 1.05, th->accent, BC_STYLE_BOLD);
        n = set_text(l, &b->u.callout.title, &ts, inner, &lines);
        for (int i = 0; i < n; i++) {
            shift_ops(l, lines[i].op0, lines[i].nop, bar + pad, y + i * ts.leading);
            push_cline(&cl, &ncl, &capcl, lines[i].op0, lines[i].nop, y + i * ts.leading,
                       ts.leading);
        }
        y += n * ts.leading + 3;
        free(lines);
    }
    tstyle is = sans_style(l, th->body_size * 0.92, th->text, 0);
    is.leading = is.size * 1.38;
    is.hyphenate = 1;
    double indent = is.size * 1.1;
    for (int k = 0; k < b->u.callout.n && !l->failed; k++) {
        n = set_text(l, &b->u.callout.items[k], &is, inner - indent, &lines);
        for (int i = 0; i < n; i++)
            shift_ops(l, lines[i].op0, lines[i].nop, bar + pad + indent, y + i * is.leading);
        if (n) {
            double sq = is.size * 0.36;
            bc_ops_rect(&l->pool, bar + pad + 1, y + baseline_offset(l, &is) - is.size * 0.34 - sq / 2,
                        sq, sq, th->accent, BC_NO_COLOR, 0);
            /* the bullet first, at its line's y: entries of one y stay together */
            push_cline(&cl, &ncl, &capcl, l->pool.n - 1, 1, y, 0);
        }
        for (int i = 0; i < n; i++)
            push_cline(&cl, &ncl, &capcl, lines[i].op0, lines[i].nop, y + i * is.leading,
                       is.leading + (i == n - 1 ? 3 : 0));
        y += n * is.leading + 3;
        free(lines);
    }
    y += pad - 3;
    l->pool.v[op0].h = (float)y;
    l->pool.v[op0 + 1].h = (float)y;
    p->op0 = op0;
    p->h = y;
    close_piece(l, p);
    /* A callout taller than a page is cut between lines into boxes that follow each other
       across pages, rather than run past the foot of the page. */
    double room = th->page_h - th->margin_t - th->margin_b - 40;
    if (y > room && ncl > 1 && !l->failed) {
        l->np--; /* the parts replace the whole box */
        int from = 0;
        double before = th->body_size * 1.2;
        while (from < ncl) {
            double top = cl[from].y;
            int to = from;
            while (to < ncl && (to == from || cl[to].y + cl[to].h - top + 2 * pad <= room ||
                                cl[to].y == cl[to - 1].y))
                to++;
            double part_h = (to < ncl ? cl[to].y : y - pad + 3) - top + 2 * pad - 3;
            piece *q = new_piece(l, part_h, before);
            q->op0 = l->pool.n;
            bc_ops_rect(&l->pool, 0, 0, l->measure, part_h, th->fill, BC_NO_COLOR, 0);
            bc_ops_rect(&l->pool, 0, 0, bar, part_h, th->accent, BC_NO_COLOR, 0);
            for (int k = from; k < to; k++)
                for (int o = cl[k].op0; o < cl[k].op0 + cl[k].nop; o++) {
                    bc_op copy = l->pool.v[o];
                    copy.y -= (float)(top - pad);
                    *bc_ops_push(&l->pool) = copy;
                }
            close_piece(l, q);
            before = 0;
            from = to;
        }
    }
    free(cl);
}

static void lay_chart(L *l, const bc_block *b)
{
    bc_chart local = *b->u.chart; /* the theme decides mono unless the chart says */
    if (local.mono < 0) local.mono = l->th->chart_mono;
    const bc_chart *ch = &local;
    int cap0 = l->pool.n;
    if (ch->caption.n) lay_caption(l, "Figure", ch->number, &ch->caption);
    if (l->se) bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, 1, "Caption"));
    double h = l->measure * (ch->aspect > 0 ? ch->aspect : 0.5);
    /* a horizontal chart grows with its bars, so 40 labels never overprint */
    if (h < bc_chart_min_height(ch)) h = bc_chart_min_height(ch);
    /* never taller than a page leaves room for (a tall aspect across a wide page would be) */
    double room = l->th->page_h - l->th->margin_t - l->th->margin_b - 60;
    if (h > room) h = room;
    piece *p = new_piece(l, h, 0);
    bc_chart_ctx cx = {l->th, l->fs, l->a, l->err};
    if (bc_chart_draw(ch, &cx, &l->pool, 0, 0, l->measure, h) != BC_OK) {
        l->failed = 1;
        return;
    }
    close_piece(l, p);
    p->keep_next = ch->source.n > 0;
    int src0 = l->pool.n;
    lay_source(l, &ch->source);
    if (l->se) bc_tags_stamp(&l->pool, src0, bc_tags_add(&l->out->tags, 1, "P"));
}

static void lay_toc(L *l, const bc_block *b);
static void lay_bib(L *l, const bc_block *b);
static void lay_block_in(L *l, const bc_block *b);

/* The structure element of a block (0 for space and page breaks), under the Document. */
static int tag_block(L *l, const bc_block *b)
{
    static const char *roles[] = {
        [BC_BLOCK_TITLE] = "H1", [BC_BLOCK_PARA] = "P", [BC_BLOCK_LIST] = "L",
        [BC_BLOCK_TABLE] = "Table", [BC_BLOCK_CALLOUT] = "Div", [BC_BLOCK_CHART] = "Figure",
        [BC_BLOCK_TOC] = "TOC", [BC_BLOCK_BIB] = "Div"};
    char h[4] = "H1";
    const char *role = (unsigned)b->kind < sizeof roles / sizeof roles[0] ? roles[b->kind] : NULL;
    if (b->kind == BC_BLOCK_HEADING) {
        int lv = b->u.heading.level;
        h[1] = (char)('0' + (lv < 1 ? 1 : lv > 6 ? 6 : lv));
        role = h;
    }
    if (!role) return 0;
    /* contents and references: their title is an H1 before them */
    l->se_title = b->kind == BC_BLOCK_TOC || b->kind == BC_BLOCK_BIB
                      ? bc_tags_add(&l->out->tags, 1, "H1") : 0;
    int se = bc_tags_add(&l->out->tags, 1, role);
    if (b->kind == BC_BLOCK_CHART) l->out->tags.v[se].alt = bc_tags_chart_alt(l->a, b->u.chart);
    return se;
}

static void lay_block(L *l, const bc_block *b)
{
    /* In a two-column body the title block, the lead paragraph under it and charts span the
       page (tables decide for themselves, by their natural width). */
    int span = l->measure < l->full &&
               (b->kind == BC_BLOCK_TITLE || b->kind == BC_BLOCK_CHART ||
                (b->kind == BC_BLOCK_PARA && b->u.para.style == BC_PARA_LEAD));
    int first = l->np;
    double column = l->measure;
    if (span) l->measure = l->full;
    int op0 = l->pool.n;
    l->se = tag_block(l, b);
    lay_block_in(l, b);
    bc_tags_stamp(&l->pool, op0, l->se);
    if (span) {
        l->measure = column;
        mark_span(l, first);
    }
}

static void lay_block_in(L *l, const bc_block *b)
{
    l->section = b->section;
    if (b->label && (b->kind == BC_BLOCK_TABLE || b->kind == BC_BLOCK_CHART))
        l->pending_dest = bc_arena_printf(l->a, "lbl-%s", b->label);
    switch (b->kind) {
    case BC_BLOCK_TITLE: lay_title(l, b); break;
    case BC_BLOCK_HEADING: lay_heading(l, b); break;
    case BC_BLOCK_PARA: lay_para(l, b); break;
    case BC_BLOCK_LIST: lay_list(l, b); break;
    case BC_BLOCK_TABLE: lay_table(l, b); break;
    case BC_BLOCK_CALLOUT: lay_callout(l, b); break;
    case BC_BLOCK_CHART: lay_chart(l, b); break;
    case BC_BLOCK_SPACE: {
        piece *p = new_piece(l, 0, b->u.space);
        close_piece(l, p);
        break;
    }
    case BC_BLOCK_PAGEBREAK: {
        piece *p = new_piece(l, 0, 0);
        p->force_break = 1;
        close_piece(l, p);
        break;
    }
    case BC_BLOCK_TOC: lay_toc(l, b); break;
    case BC_BLOCK_BIB: lay_bib(l, b); break;
    }
}

/* An unnumbered section title (contents, references) in the level-1 heading style. */
static void lay_unnumbered(L *l, const bc_inline *title)
{
    const bc_theme *th = l->th;
    tstyle st = sans_style(l, th->h_size[0], th->accent, BC_STYLE_BOLD);
    st.leading = th->h_size[0] * 1.25;
    int first = l->np, t0 = l->pool.n;
    lay_lines(l, title, &st, 0, th->body_size * 1.6, 1);
    if (l->se_title) bc_tags_stamp(&l->pool, t0, l->se_title);
    if (l->np > first) {
        l->pieces[l->np - 1].keep_next = 1;
        l->pieces[l->np - 1].h += 3;
        l->pieces[first].outline_level = 1;
        l->pieces[first].outline_title = bc_inline_text(l->a, title);
    }
}

/* Contents: one line per heading up to depth, dot leaders, page numbers from the last
   layout ("?" on the first pass), each line a link to its heading. */
static void lay_toc(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    lay_unnumbered(l, &b->u.toc.title);
    bc_font *f = font_for(l, BC_FONT_SERIF), *fb = font_for(l, BC_FONT_SERIF_B);
    if (!f || !fb) return;
    double size = th->body_size, lead = size * 1.55;
    int idx = 0;
    for (const bc_block *h = l->doc->first; h; h = h->next) {
        if (h->kind != BC_BLOCK_HEADING) continue;
        int n = idx++;
        if (h->u.heading.level > b->u.toc.depth) continue;
        int lv = h->u.heading.level, bold = lv == 1;
        bc_font *ff = bold ? fb : f;
        int slot = bold ? BC_FONT_SERIF_B : BC_FONT_SERIF;
        piece *p = new_piece(l, lead, lv == 1 ? size * 0.35 : 0);
        int e0 = l->pool.n;
        double indent = (lv - 1) * size * 1.6, base = lead * 0.72;
        const char *num = h->u.heading.number;
        char *title = bc_inline_text(l->a, &h->u.heading.text);
        size_t tl = strlen(title);
        title = (char *)bc_font_substitute(ff, title, &tl, l->a);
        const char *page = n < l->doc->nheading_pages && l->doc->heading_pages[n]
                               ? bc_arena_printf(l->a, "%d", l->doc->heading_pages[n]) : "?";
        double nw = bc_font_width(ff, num, strlen(num), size) + size * 0.8;
        double pw = bc_font_width(ff, page, strlen(page), size);
        double tw = bc_font_width(ff, title, tl, size);
        double room = l->measure - indent - nw - pw - size * 1.5;
        if (tw > room) { /* shorten an over-long title with an ellipsis */
            while (tl > 4 && bc_font_width(ff, title, tl, size) > room - size) {
                tl--;
                while (tl && ((unsigned char)title[tl] & 0xC0) == 0x80) tl--;
            }
            title = bc_arena_printf(l->a, "%.*s\xE2\x80\xA6", (int)tl, title);
            tl = strlen(title);
            tw = bc_font_width(ff, title, tl, size);
        }
        bc_ops_text(&l->pool, slot, size, th->text, indent, base, bc_arena_strdup(l->a, num), strlen(num));
        bc_ops_text(&l->pool, slot, size, th->text, indent + nw, base, title, tl);
        bc_ops_text(&l->pool, slot, size, th->text, l->measure - pw, base, bc_arena_strdup(l->a, page),
                    strlen(page));
        bc_font_use(ff, num, strlen(num));
        bc_font_use(ff, title, tl);
        bc_font_use(ff, page, strlen(page));
        /* dot leaders */
        double dw = bc_font_advance(f, '.') * size / 1000.0 * 2.2;
        double from = indent + nw + tw + size * 0.6, to = l->measure - pw - size * 0.6;
        int dots = to > from ? (int)((to - from) / dw) : 0;
        if (dots > 0) {
            char *lead_text = bc_arena_alloc(l->a, (size_t)dots * 2 + 1);
            for (int k = 0; k < dots; k++) {
                lead_text[2 * k] = '.';
                lead_text[2 * k + 1] = ' ';
            }
            bc_ops_text(&l->pool, BC_FONT_SERIF, size, th->muted, to - dots * dw, base, lead_text,
                        (size_t)dots * 2 - 1);
            bc_font_use(f, ". ", 2);
        }
        bc_ops_link(&l->pool, indent, base - size, l->measure - indent, size * 1.3,
                    bc_arena_printf(l->a, "#h-%d", n));
        if (l->se) bc_tags_stamp(&l->pool, e0, bc_tags_add(&l->out->tags, l->se, "TOCI"));
        close_piece(l, p);
    }
}

/* The reference list: the bibliography's cited entries, each a destination for its
   citations, with a hanging indent. */
static void lay_bib(L *l, const bc_block *b)
{
    lay_unnumbered(l, &b->u.bib.title);
    bc_bib *bib = l->doc->bib;
    if (!bib) return;
    bc_bib_entry **es = bc_xmalloc((size_t)(bib->n ? bib->n : 1) * sizeof *es);
    int n = bc_bib_cited(bib, es, bib->n);
    tstyle st = body_style(l);
    st.justify = 0;
    st.size = l->th->body_size * 0.95;
    st.leading = st.size * 1.4;
    for (int i = 0; i < n; i++) {
        const char *text = bib->style == BC_CITE_NUMERIC
                               ? bc_arena_printf(l->a, "[%d] %s", es[i]->cited, es[i]->reference)
                               : es[i]->reference;
        bc_inline in;
        bc_error err;
        if (bc_markup_parse(l->a, text, strlen(text), &in, &err) != BC_OK) continue;
        int first = l->np;
        double hang = st.size * 1.6;
        tline *lines;
        int b0 = l->pool.n;
        int nl = set_text(l, &in, &st, l->measure - hang, &lines);
        if (l->se) bc_tags_stamp(&l->pool, b0, bc_tags_add(&l->out->tags, l->se, "BibEntry"));
        for (int k = 0; k < nl; k++) {
            piece *p = new_piece(l, st.leading, k == 0 ? st.size * 0.45 : 0);
            p->op0 = lines[k].op0;
            p->nop = lines[k].nop;
            shift_ops(l, p->op0, p->nop, k == 0 ? 0 : hang, 0);
            p->keep_next = nl <= 3 ? k < nl - 1 : (k == 0 || k == nl - 2);
        }
        free(lines);
        if (l->np > first) l->pieces[first].dest[0] = bc_arena_printf(l->a, "ref-%s", es[i]->id);
    }
    free(es);
}

/* }====================================================== */

/* {====================================================== footnotes */

static tstyle note_style(L *l)
{
    tstyle s = body_style(l);
    s.size = l->th->body_size * 0.8;
    s.leading = s.size * 1.3;
    return s;
}

/* Sets every footnote's text once, its number hanging in the margin of its first line. */
static void lay_notes(L *l)
{
    int n = l->doc->nnotes;
    if (n == 0) return;
    tstyle st = note_style(l);
    bc_font *f = font_for(l, BC_FONT_SERIF);
    if (!f) return;
    char widest[16];
    int wn = snprintf(widest, sizeof widest, "%d", n);
    double gap = st.size * 0.5;
    double hang = bc_font_width(f, widest, (size_t)wn, st.size) + gap;
    double base = baseline_offset(l, &st);
    l->note_line0 = bc_xmalloc((size_t)n * sizeof *l->note_line0);
    l->note_nlines = bc_xmalloc((size_t)n * sizeof *l->note_nlines);
    l->note_queued = bc_xcalloc((size_t)n, 1);
    int cap = 0;
    for (int i = 0; i < n && !l->failed; i++) {
        char *num = bc_arena_printf(l->a, "%d", i + 1);
        size_t len = strlen(num);
        int num_op = l->pool.n; /* the number opens the note's first line */
        bc_ops_text(&l->pool, BC_FONT_SERIF, st.size, st.color,
                    hang - gap - bc_font_width(f, num, len, st.size), base, num, len);
        bc_font_use(f, num, len);
        tline *lines = NULL;
        int k = l->doc->notes[i] ? set_text(l, l->doc->notes[i], &st, l->measure - hang, &lines) : 0;
        if (k == 0) { /* an empty note still shows its number */
            free(lines);
            lines = bc_xmalloc(sizeof *lines);
            lines[0].op0 = l->pool.n;
            lines[0].nop = 0;
            k = 1;
        }
        l->note_line0[i] = l->nfl;
        l->note_nlines[i] = k;
        for (int j = 0; j < k; j++) {
            if (l->nfl == cap) {
                cap = cap ? cap * 2 : 64;
                l->fl = bc_xrealloc(l->fl, (size_t)cap * sizeof *l->fl);
            }
            shift_ops(l, lines[j].op0, lines[j].nop, hang, 0);
            fline *fl = &l->fl[l->nfl++];
            fl->op0 = j == 0 ? num_op : lines[j].op0;
            fl->nop = j == 0 ? lines[j].op0 + lines[j].nop - num_op : lines[j].nop;
            fl->h = st.leading;
            fl->note = i + 1;
        }
        bc_tags_stamp(&l->pool, num_op, bc_tags_add(&l->out->tags, 1, "Note"));
        free(lines);
    }
}

/* The foot of the page being filled: footnote lines in order, and lines carried over. */
typedef struct foot {
    int *q, n, cap;
    int *carry, ncarry, capcarry;
    double h;                /* height of q with the rule above it; 0 when q is empty */
} foot;

static void foot_push(int **v, int *n, int *cap, int x)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *v = bc_xrealloc(*v, (size_t)*cap * sizeof **v);
    }
    (*v)[(*n)++] = x;
}

/* Height of the footnotes first referenced in pieces [i, j] that no page holds yet. */
static double notes_needed(L *l, int i, int j)
{
    double h = 0;
    for (int k = i; k <= j; k++) {
        const piece *p = &l->pieces[k];
        for (int o = p->op0; o < p->op0 + p->nop; o++) {
            const bc_op *op = &l->pool.v[o];
            if (op->kind != BC_OP_NOTE) continue;
            int n = (int)op->len;
            if (n >= 1 && n <= l->doc->nnotes && l->note_line0 && !l->note_queued[n - 1])
                h += note_height(l, n);
        }
    }
    return h;
}

/* Queues the new footnotes of piece p for this page's foot, in numeric order (a piece such
   as a table row draws its cells' markers column by column). */
static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void foot_add_notes(L *l, foot *f, const piece *p)
{
    int nn = 0, *ns = NULL;
    for (int o = p->op0; o < p->op0 + p->nop; o++)
        nn += l->pool.v[o].kind == BC_OP_NOTE;
    if (nn == 0 || !l->note_line0) return;
    ns = bc_xmalloc((size_t)nn * sizeof *ns);
    nn = 0;
    for (int o = p->op0; o < p->op0 + p->nop; o++)
        if (l->pool.v[o].kind == BC_OP_NOTE) ns[nn++] = (int)l->pool.v[o].len - 1;
    qsort(ns, (size_t)nn, sizeof *ns, cmp_int);
    for (int i = 0; i < nn; i++) {
        int n = ns[i];
        if (n < 0 || n >= l->doc->nnotes || l->note_queued[n]) continue;
        l->note_queued[n] = 1;
        if (f->n == 0) f->h = FOOT_RULE;
        for (int k = 0; k < l->note_nlines[n]; k++) {
            foot_push(&f->q, &f->n, &f->cap, l->note_line0[n] + k);
            f->h += l->fl[l->note_line0[n] + k].h;
        }
    }
    free(ns);
}

/* Moves lines from the end of the foot to the carry-over until body and foot fit. */
static void foot_fit(L *l, foot *f, double y, double bottom)
{
    while (f->n > 0 && y + f->h > bottom + 0.01) {
        int line = f->q[--f->n];
        f->h -= l->fl[line].h;
        foot_push(&f->carry, &f->ncarry, &f->capcarry, 0);
        memmove(f->carry + 1, f->carry, (size_t)(f->ncarry - 1) * sizeof *f->carry);
        f->carry[0] = line;
    }
    if (f->n == 0) f->h = 0;
}

/* A new page's foot starts with the lines carried over, up to half the text area. */
static void foot_take_carry(L *l, foot *f, double room)
{
    if (f->ncarry == 0) return;
    int k = 0;
    while (k < f->ncarry && (f->n == 0 ? FOOT_RULE : f->h) + l->fl[f->carry[k]].h <= room / 2) {
        if (f->n == 0) f->h = FOOT_RULE;
        foot_push(&f->q, &f->n, &f->cap, f->carry[k]);
        f->h += l->fl[f->carry[k]].h;
        k++;
    }
    if (k == 0 && f->ncarry) { /* a line taller than half the page: place it anyway */
        f->h = FOOT_RULE + l->fl[f->carry[0]].h;
        foot_push(&f->q, &f->n, &f->cap, f->carry[0]);
        k = 1;
    }
    memmove(f->carry, f->carry + k, (size_t)(f->ncarry - k) * sizeof *f->carry);
    f->ncarry -= k;
}

/* Draws the foot at the bottom of the text area: a short rule, then the lines. */
static void foot_draw(L *l, bc_ops *pg, foot *f, double x, double bottom)
{
    if (f->n == 0) return;
    double y = bottom - f->h;
    double rule = l->full * 0.3 < 120 ? l->full * 0.3 : 120;
    bc_ops_line(pg, x, y + FOOT_RULE / 2, x + rule, y + FOOT_RULE / 2, l->th->rule, 0.5, 0);
    y += FOOT_RULE;
    bc_layout *o = l->out;
    for (int i = 0; i < f->n; i++) {
        const fline *fl = &l->fl[f->q[i]];
        for (int k = fl->op0; k < fl->op0 + fl->nop; k++) {
            bc_op *op = bc_ops_push(pg);
            *op = l->pool.v[k];
            op->x += (float)x;
            op->y += (float)y;
        }
        if (f->q[i] == l->note_line0[fl->note - 1]) { /* the note's first line: its link target */
            o->dests = bc_xrealloc(o->dests, (size_t)(o->ndests + 1) * sizeof *o->dests);
            o->dests[o->ndests].name = bc_arena_printf(l->a, "fn-%d", fl->note);
            o->dests[o->ndests].page = o->npages - 1;
            o->dests[o->ndests].y = y;
            o->ndests++;
        }
        y += fl->h;
    }
    f->n = 0;
    f->h = 0;
}

/* }====================================================== */

/* {====================================================== pagination */

/* A new page, or past the brief's page limit an error and the last page again (cleared), so
   that pagination winds down without growing. */
static bc_ops *new_page(L *l)
{
    bc_layout *o = l->out;
    int limit = l->doc->page_limit;
    if (limit > 0 && o->npages >= limit) {
        if (!l->failed) {
            const bc_doc_section *s = l->section >= 0 && l->section < l->doc->nsections
                                          ? &l->doc->sections[l->section] : NULL;
            bc_error_set(l->err, s ? s->file : NULL, s ? s->line : 0,
                         "the brief has more than %d pages%s%s%s; raise limits.pages in "
                         "brief.lua", limit, s ? " (section '" : "", s ? s->name : "",
                         s ? "' was being laid out)" : "");
            l->failed = 1;
        }
        bc_ops *pg = &o->pages[o->npages - 1];
        bc_ops_free(pg);
        memset(pg, 0, sizeof *pg);
        return pg;
    }
    o->pages = bc_xrealloc(o->pages, (size_t)(o->npages + 1) * sizeof *o->pages);
    bc_ops *pg = &o->pages[o->npages++];
    memset(pg, 0, sizeof *pg);
    return pg;
}

/* Ends the page (its footnotes drawn at the foot) and starts the next, whose foot begins
   with the note lines carried over. */
static bc_ops *turn_page(L *l, bc_ops *pg, foot *f, double x, double top, double bottom)
{
    foot_draw(l, pg, f, x, bottom);
    pg = new_page(l);
    foot_take_carry(l, f, bottom - top);
    return pg;
}

static void place(L *l, bc_ops *pg, const piece *p, double x, double y)
{
    l->section = p->section;
    for (int i = p->op0; i < p->op0 + p->nop; i++) {
        if (l->pool.v[i].kind == BC_OP_NOTE) continue; /* pagination's, not the page's */
        bc_op *op = bc_ops_push(pg);
        *op = l->pool.v[i];
        op->x += (float)x;
        op->y += (float)y;
    }
    for (int k = 0; k < 2; k++) {
        if (!p->dest[k]) continue;
        bc_layout *o = l->out;
        o->dests = bc_xrealloc(o->dests, (size_t)(o->ndests + 1) * sizeof *o->dests);
        o->dests[o->ndests].name = p->dest[k];
        o->dests[o->ndests].page = o->npages - 1;
        o->dests[o->ndests].y = y;
        o->ndests++;
    }
    if (p->outline_level) {
        bc_layout *o = l->out;
        o->outline = bc_xrealloc(o->outline, (size_t)(o->noutline + 1) * sizeof *o->outline);
        bc_outline_entry *e = &o->outline[o->noutline++];
        e->level = p->outline_level;
        e->title = p->outline_title;
        e->page = o->npages - 1;
        e->y = y;
    }
}

/*
** Places pieces top to bottom. A piece that references footnotes needs room for them too:
** they go to the foot of the page the reference lands on (a rule, then the notes), and lines
** of a note that cannot fit there are carried to the next page's foot.
*/
/* A table's header row again at the top of a page: drawn, but an artifact (its cells are
   in the structure tree once, where the table starts). */
static void place_repeat(L *l, bc_ops *pg, const piece *p, double x, double y)
{
    int from = pg->n;
    place(l, pg, p, x, y);
    for (int i = from; i < pg->n; i++) pg->v[i].se = 0;
}

static void paginate(L *l)
{
    const bc_theme *th = l->th;
    double top = th->margin_t, bottom = th->page_h - th->margin_b, x = th->margin_l;
    double y = top;
    foot f = {0};
    bc_ops *pg = new_page(l);
    for (int i = 0; i < l->np && !l->failed; i++) {
        const piece *p = &l->pieces[i];
        if (p->force_break) {
            if (y > top) {
                pg = turn_page(l, pg, &f, x, top, bottom);
                y = top;
            }
            continue;
        }
        double before = y > top ? p->before : 0;
        /* Height of the chain of pieces that must share this one's page. */
        double chain = before + p->h;
        int last = i;
        for (int j = i; l->pieces[j].keep_next && j + 1 < l->np && !l->pieces[j + 1].force_break; j++) {
            chain += l->pieces[j + 1].before + l->pieces[j + 1].h;
            last = j + 1;
        }
        /* and the footnotes they bring, with the rule when the foot is still empty */
        double rule = f.n ? 0 : FOOT_RULE;
        double own = l->note_line0 ? notes_needed(l, i, i) : 0;
        double all = l->note_line0 && last > i ? notes_needed(l, i, last) : own;
        double avail = bottom - f.h;
        int fits = y + chain + (all > 0 ? all + rule : 0) <= avail + 0.01;
        int fits_alone = y + before + p->h + (own > 0 ? own + rule : 0) <= avail + 0.01;
        if (y > top && (!fits || !fits_alone) && (chain <= bottom - top || !fits_alone)) {
            /* a paragraph broken here: count a lone line left behind or carried over */
            const piece *prev = i > 0 ? &l->pieces[i - 1] : NULL;
            if (prev && p->para && prev->para == p->para) {
                if (prev->line + 1 == 1) l->out->stats.orphans++;
                if (p->nlines - p->line == 1) l->out->stats.widows++;
            }
            if (prev && prev->outline_level > 0) l->out->stats.orphans++; /* a heading left behind */
            pg = turn_page(l, pg, &f, x, top, bottom);
            y = top;
            before = 0;
            if (p->header >= 0 && p->header != i) {
                const piece *hp = &l->pieces[p->header];
                place_repeat(l, pg, hp, x, y);
                y += hp->h;
            }
        }
        place(l, pg, p, x, y + before);
        y += before + p->h;
        if (l->note_line0) {
            foot_add_notes(l, &f, p);
            foot_fit(l, &f, y, bottom);
        }
    }
    foot_draw(l, pg, &f, x, bottom);
    while (f.ncarry) { /* notes longer than the pages that hold their references */
        pg = new_page(l);
        foot_take_carry(l, &f, 2 * (bottom - top)); /* no body text left: the whole page */
        foot_draw(l, pg, &f, x, bottom);
    }
    free(f.q);
    free(f.carry);
}

/* {====================================================== two columns */

/*
** A two-column body is laid out in segments: the column pieces between two spanning pieces
** (title, charts, wide tables) or page breaks. A segment fills the left column, then the
** right; it ends when the next piece would not fit on the page (the columns then run to the
** foot), or at a spanning piece, a forced break or the end, where it is balanced: the two
** columns made as even as the pieces allow, and what spans goes below them. Keep-with-next
** chains, widow and orphan rules and repeated table headers work at column breaks as they
** do at page breaks. Footnotes go across the foot of the page.
*/
typedef struct colstate {
    int *col;       /* per piece of the segment: 0 or 1 */
    double *y;      /* its top, from the segment's top */
    unsigned char *hdr; /* a repeated table header goes above it */
    int cap;
} colstate;

/* Height of the chain starting at piece i (with before at its top) within column pieces. */
static double col_chain(L *l, int i, double before)
{
    double h = before + l->pieces[i].h;
    for (int j = i; l->pieces[j].keep_next && j + 1 < l->np && !l->pieces[j + 1].span &&
                    !l->pieces[j + 1].force_break; j++)
        h += l->pieces[j + 1].before + l->pieces[j + 1].h;
    return h;
}

/* Places pieces [a, b) greedily in two columns of height H; returns how many fit. A chain
   of pieces kept together may only be split when it is taller than room (the page's room). */
static int col_fill(L *l, int a, int b, double H, double room, colstate *cs)
{
    if (b - a > cs->cap) {
        cs->cap = (b - a) * 2;
        cs->col = bc_xrealloc(cs->col, (size_t)cs->cap * sizeof *cs->col);
        cs->y = bc_xrealloc(cs->y, (size_t)cs->cap * sizeof *cs->y);
        cs->hdr = bc_xrealloc(cs->hdr, (size_t)cs->cap);
    }
    int c = 0;
    double y = 0;
    for (int i = a; i < b; i++) {
        const piece *p = &l->pieces[i];
        double before = y > 0 ? p->before : 0;
        double chain = col_chain(l, i, before);
        int fits = y + chain <= H + 0.01, fits_alone = y + before + p->h <= H + 0.01;
        cs->hdr[i - a] = 0;
        /* as at a page break: a chain that would fit a fresh column moves whole */
        if (y > 0 && (!fits || !fits_alone) && (chain - before <= H || !fits_alone)) {
            if (c == 1) return i - a; /* the page is full */
            c = 1;
            y = 0;
            before = 0;
            if (p->header >= 0 && p->header != i) {
                cs->hdr[i - a] = 1;
                y = l->pieces[p->header].h;
            }
        }
        if (i > a && y + before + p->h > H + 0.01) return i - a; /* taller than a column */
        if (y == 0 && chain > H + 0.01 && chain <= room + 0.01) return i - a; /* H too short */
        /* a chain that fits neither column here but would fit a fresh page goes there whole:
           a heading is never left alone under a chart with its text in the next column */
        if (y == 0 && chain > H + 0.01 && chain <= l->th->page_h - l->th->margin_t - l->th->margin_b)
            return i - a;
        cs->col[i - a] = c;
        cs->y[i - a] = y + before;
        y += before + p->h;
    }
    return b - a;
}

/* Room for pieces [a, b) below the segment top: the foot as it is, and their footnotes. */
static double col_room(L *l, foot *f, int a, int b, double seg_top, double bottom)
{
    double notes = l->note_line0 && b > a ? notes_needed(l, a, b - 1) : 0;
    return bottom - seg_top - f->h - (notes > 0 ? notes + (f->n ? 0 : FOOT_RULE) : 0);
}

/* Places [a, b) from seg_top, balanced when asked; returns the y below the columns. */
static double col_place(L *l, bc_ops *pg, foot *f, colstate *cs, int a, int b, double seg_top,
                        double bottom, int balance)
{
    if (a >= b) return seg_top;
    double room = col_room(l, f, a, b, seg_top, bottom);
    double H = room;
    if (balance) {
        double lo = 0, hi = room;
        if (col_fill(l, a, b, hi, room, cs) == b - a) {
            for (int k = 0; k < 40 && hi - lo > 0.25; k++) { /* the shortest height that holds all */
                double mid = (lo + hi) / 2;
                if (col_fill(l, a, b, mid, room, cs) == b - a) hi = mid;
                else lo = mid;
            }
            H = hi;
        }
    }
    int n = col_fill(l, a, b, H, room, cs);
    /* nothing fits below what spans: the page is full (-0.25: none placed) */
    if (n == 0 && seg_top > l->th->margin_t + 0.01) return -0.25;
    if (n == 0) n = 1; /* a piece taller than the page: it goes anyway */
    double colw = l->measure, gap = l->th->column_gap, x0 = l->th->margin_l, end = seg_top;
    for (int k = 0; k < n; k++) {
        const piece *p = &l->pieces[a + k];
        double x = x0 + (k < b - a ? cs->col[k] : 0) * (colw + gap);
        double y = seg_top + cs->y[k];
        if (k > 0 && cs->col[k] != cs->col[k - 1]) { /* a column break inside a paragraph */
            const piece *prev = &l->pieces[a + k - 1];
            if (p->para && prev->para == p->para) {
                if (prev->line == 0) l->out->stats.orphans++;
                if (p->nlines - p->line == 1) l->out->stats.widows++;
            }
            if (prev->outline_level > 0) l->out->stats.orphans++; /* a heading left behind */
        }
        if (cs->hdr[k]) place_repeat(l, pg, &l->pieces[p->header], x, y - l->pieces[p->header].h);
        place(l, pg, p, x, y);
        if (y + p->h > end) end = y + p->h;
        if (l->note_line0) foot_add_notes(l, f, p);
    }
    return n < b - a ? -(double)n : end; /* negative: only n fitted */
}

static void paginate_columns(L *l)
{
    const bc_theme *th = l->th;
    double top = th->margin_t, bottom = th->page_h - th->margin_b, x = th->margin_l;
    colstate cs = {0};
    foot f = {0};
    bc_ops *pg = new_page(l);
    double seg_top = top, span_end = top;
    int a = 0;
    for (int i = 0; i < l->np && !l->failed;) {
        const piece *p = &l->pieces[i];
        if (!p->span && !p->force_break) {
            /* does the segment still fit on this page with piece i? */
            double room = col_room(l, &f, a, i + 1, seg_top, bottom);
            double sum = 0;
            for (int k = a; k <= i; k++) sum += l->pieces[k].before + l->pieces[k].h;
            if (sum + (l->pieces[i].keep_next ? col_chain(l, i, 0) : 0) <= room ||
                col_fill(l, a, i + 1, room, room, &cs) == i + 1 - a) {
                i++;
                continue;
            }
            /* no: fill this page's columns with what fits, and go on on the next page */
            double r = col_place(l, pg, &f, &cs, a, i + 1, seg_top, bottom, 0);
            int placed = r < 0 ? (int)-r : i + 1 - a;
            if (placed > 0 && l->pieces[a + placed - 1].outline_level > 0)
                l->out->stats.orphans++; /* a heading at the foot of the page */
            pg = turn_page(l, pg, &f, x, top, bottom);
            seg_top = span_end = top;
            a += placed;
            if (a > i) i = a;
            continue;
        }
        /* a spanning piece or a break ends the segment: balance it. Column pieces kept with
           the spanning piece (a heading above a chart or wide table) go across with it. */
        int first = i;
        while (!p->force_break && first > a && l->pieces[first - 1].keep_next) first--;
        double y = span_end; /* right below what spanned before, when no columns came between */
        if (a < first) {
            double end = col_place(l, pg, &f, &cs, a, first, seg_top, bottom, 1);
            if (end < 0) end = bottom; /* cannot happen: the segment was checked piece by piece */
            y = end + th->body_size;
        }
        if (p->force_break) {
            if (y > top) {
                pg = turn_page(l, pg, &f, x, top, bottom);
            }
            seg_top = span_end = top;
            a = ++i;
            continue;
        }
        /* the spanning piece, with what is kept with it, as on a one-column page */
        p = &l->pieces[first];
        double before = y > top ? p->before : 0;
        double chain = before + p->h;
        int last = first;
        for (int j = first; l->pieces[j].keep_next && j + 1 < l->np &&
                            (j + 1 <= i || l->pieces[j + 1].span); j++) {
            chain += l->pieces[j + 1].before + l->pieces[j + 1].h;
            last = j + 1;
        }
        if (last < i) last = i;
        double notes = l->note_line0 ? notes_needed(l, first, last) : 0;
        double avail = bottom - f.h - (notes > 0 ? notes + (f.n ? 0 : FOOT_RULE) : 0);
        if (y > top && y + chain > avail + 0.01) {
            pg = turn_page(l, pg, &f, x, top, bottom);
            y = top;
            before = 0;
            if (p->header >= 0 && p->header != first) { /* a table going on: its header again */
                place_repeat(l, pg, &l->pieces[p->header], x, y);
                y += l->pieces[p->header].h;
            }
        }
        for (int j = first; j <= last; j++) {
            const piece *q = &l->pieces[j];
            double b = j == first ? before : q->before;
            if (j > first && y + b + q->h > bottom - f.h + 0.01 && y > top) { /* a long chain */
                pg = turn_page(l, pg, &f, x, top, bottom);
                y = top;
                b = 0;
                if (q->header >= 0 && q->header != j) {
                    place_repeat(l, pg, &l->pieces[q->header], x, y);
                    y += l->pieces[q->header].h;
                }
            }
            place(l, pg, q, x, y + b);
            y += b + q->h;
            if (l->note_line0) {
                foot_add_notes(l, &f, q);
                foot_fit(l, &f, y, bottom);
            }
        }
        span_end = y;
        seg_top = y + th->body_size; /* columns start a line below what spans */
        a = i = last + 1;
    }
    double end = col_place(l, pg, &f, &cs, a, l->np, seg_top, bottom, 1);
    (void)end;
    foot_draw(l, pg, &f, x, bottom);
    while (f.ncarry) {
        pg = new_page(l);
        foot_take_carry(l, &f, 2 * (bottom - top));
        foot_draw(l, pg, &f, x, bottom);
    }
    free(f.q);
    free(f.carry);
    free(cs.col);
    free(cs.y);
    free(cs.hdr);
}

/* }====================================================== */

/* Running header (from page 2) and "N / M" footer. */
static void decorate(L *l)
{
    const bc_theme *th = l->th;
    bc_layout *o = l->out;
    bc_font *f = font_for(l, BC_FONT_SANS);
    if (!f) return;
    double size = 7.5;
    double left = th->margin_l, right = th->page_w - th->margin_r;
    /* the title and date with the typography of the page ("--" as a dash, curly quotes) */
    const char *head = l->meta->title ? bc_markup_smarten(l->a, l->meta->title, strlen(l->meta->title)) : "";
    const char *date = l->meta->date ? bc_markup_smarten(l->a, l->meta->date, strlen(l->meta->date)) : "";
    for (int i = 0; i < o->npages; i++) {
        bc_ops *pg = &o->pages[i];
        if (i > 0) {
            double y = th->margin_t - 22;
            if (head[0]) {
                bc_ops_text(pg, BC_FONT_SANS, size, th->muted, left, y, head, strlen(head));
                bc_font_use(f, head, strlen(head));
            }
            if (date[0]) {
                double w = bc_font_width(f, date, strlen(date), size);
                bc_ops_text(pg, BC_FONT_SANS, size, th->muted, right - w, y, date, strlen(date));
                bc_font_use(f, date, strlen(date));
            }
            bc_ops_line(pg, left, y + 5, right, y + 5, th->rule, 0.5, 0);
        }
        char *num = bc_arena_printf(l->a, "%d / %d", i + 1, o->npages);
        double w = bc_font_width(f, num, strlen(num), size);
        bc_ops_text(pg, BC_FONT_SANS, size, th->muted, (left + right - w) / 2,
                    th->page_h - th->margin_b + 30, num, strlen(num));
        bc_font_use(f, num, strlen(num));
    }
}

/* }====================================================== */

/* Gathers the document's hyphenation candidates (alphabetic runs of five letters or more). */
typedef struct wordlist {
    const char **w;
    size_t *len;
    int n, cap;
} wordlist;

static void gather_words(bc_inline *in, void *ud)
{
    wordlist *wl = ud;
    for (int r = 0; r < in->n; r++) {
        const char *s = in->runs[r].text, *end = s + in->runs[r].len;
        while (s < end) {
            while (s < end && !((*s | 32) >= 'a' && (*s | 32) <= 'z')) s++;
            const char *a = s;
            while (s < end && ((*s | 32) >= 'a' && (*s | 32) <= 'z')) s++;
            if (s - a >= 5) {
                if (wl->n == wl->cap) {
                    wl->cap = wl->cap ? wl->cap * 2 : 1024;
                    wl->w = bc_xrealloc(wl->w, (size_t)wl->cap * sizeof *wl->w);
                    wl->len = bc_xrealloc(wl->len, (size_t)wl->cap * sizeof *wl->len);
                }
                wl->w[wl->n] = a;
                wl->len[wl->n++] = (size_t)(s - a);
            }
        }
    }
}

/* Patterns cut down to this document's words (see hyph.h): exact, and far cheaper to load
   than the whole pattern file. */
static bc_hyph *doc_hyphenation(bc_doc *doc, const char *language)
{
    wordlist wl = {0};
    bc_doc_each_inline(doc, gather_words, &wl);
    bc_hyph *h = wl.n ? bc_hyph_for_words(language, wl.w, wl.len, wl.n) : NULL;
    doc->hyph_none = wl.n > 0 && !h;
    free(wl.w);
    free(wl.len);
    return h;
}

bc_status bc_layout_run(const bc_doc *doc, const bc_theme *th, const bc_meta *meta,
                        bc_fontset *fs, bc_layout **out, bc_error *err)
{
    bc_layout *o = bc_xcalloc(1, sizeof *o);
    o->arena = bc_arena_new();
    L l = {0};
    l.doc = doc;
    l.th = th;
    l.meta = meta;
    l.fs = fs;
    l.out = o;
    l.a = o->arena;
    l.err = err;
    l.measure = l.full = th->page_w - th->margin_l - th->margin_r;
    l.section = -1;
    if (!doc->hyph_ready) { /* once per document, whatever the number of layout passes */
        bc_doc *d = (bc_doc *)doc;
        d->hyph = bc_hyph_loaded(meta->language); /* a batch worker's full patterns */
        d->hyph_shared = d->hyph != NULL;
        if (!d->hyph) d->hyph = doc_hyphenation(d, meta->language);
        d->hyph_ready = 1;
    }
    l.hyph = doc->hyph;
    l.se = bc_tags_add(&o->tags, 0, "Document");
    /* every pass warns: only the last pass's warnings are shown */
    if (doc->hyph_none && th->justify)
        warn(&l, "the brief's language '%s' has no hyphenation patterns in " BC_HYPHEN_DIR ", so justified "
             "lines stretch their word spaces; install its patterns (Debian: hyphen-%.2s), set "
             "language to one that has them, or set theme.justify = false",
             meta->language ? meta->language : "", meta->language ? meta->language : "");
    lay_notes(&l); /* first: a table row split across pages makes room for its notes */
    if (th->columns == 2) l.measure = (l.full - th->column_gap) / 2; /* footnotes span */
    for (const bc_block *b = doc->first; b && !l.failed; b = b->next) lay_block(&l, b);
    if (!l.failed && th->columns == 2) paginate_columns(&l);
    else if (!l.failed) paginate(&l);
    if (!l.failed) decorate(&l);
    bc_ops_free(&l.pool);
    bc_buf_free(&l.key);
    free(l.pieces);
    free(l.fl);
    free(l.note_line0);
    free(l.note_nlines);
    free(l.note_queued);
    if (l.failed) {
        bc_layout_free(o);
        *out = NULL;
        return BC_ERR;
    }
    *out = o;
    return BC_OK;
}

static unsigned dest_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The first destination of the name, through a hash index built on first use (and again when
   destinations were added), so that many links and labels stay linear. */
const bc_dest *bc_layout_dest(const bc_layout *l, const char *name)
{
    if (l->ndests < 32) {
        for (int i = 0; i < l->ndests; i++)
            if (!strcmp(l->dests[i].name, name)) return &l->dests[i];
        return NULL;
    }
    bc_layout *m = (bc_layout *)l; /* the index is a cache: every layout is made writable */
    if (m->dest_indexed != l->ndests) {
        int cap = 64;
        while (cap < 2 * l->ndests) cap *= 2;
        free(m->dest_slots);
        m->dest_slots = bc_xcalloc((size_t)cap, sizeof(int));
        m->dest_cap = cap;
        for (int i = 0; i < l->ndests; i++) {
            unsigned k = dest_hash(l->dests[i].name) & (unsigned)(cap - 1);
            int dup = 0;
            for (; m->dest_slots[k] && !dup; k = (k + 1) & (unsigned)(cap - 1))
                dup = !strcmp(l->dests[m->dest_slots[k] - 1].name, l->dests[i].name);
            if (!dup) m->dest_slots[k] = i + 1; /* the first of a name wins, as before */
        }
        m->dest_indexed = l->ndests;
    }
    unsigned k = dest_hash(name) & (unsigned)(m->dest_cap - 1);
    for (; m->dest_slots[k]; k = (k + 1) & (unsigned)(m->dest_cap - 1)) {
        const bc_dest *d = &l->dests[m->dest_slots[k] - 1];
        if (!strcmp(d->name, name)) return d;
    }
    return NULL;
}

void bc_layout_free(bc_layout *l)
{
    if (!l) return;
    for (int i = 0; i < l->npages; i++) bc_ops_free(&l->pages[i]);
    free(l->pages);
    free(l->outline);
    free(l->dests);
    free(l->dest_slots);
    bc_buf_free(&l->warnings);
    bc_tags_free(&l->tags);
    bc_arena_free(l->arena);
    free(l);
}
