/*
** langtext.c — what the paragraph's language changes before its words are set: where lines
** may break (UAX #14 over the whole paragraph, through text/uax14.c), what a break there
** costs, and French spacing (a narrow no-break space before ":" ";" "!" "?" and inside
** guillemets). Part of layout (layout.c lists the parts); inline.c calls it.
*/
#include "layout/layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "text/bidi.h"
#include "text/linebreak.h"
#include "text/shape.h"
#include "text/uax14.h"

#define NNBSP "\xE2\x80\xAF" /* U+202F NARROW NO-BREAK SPACE */

unsigned char *bc_lay_break_opportunities(L *l, const bc_inline *in)
{
    size_t total = 0;
    for (int r = 0; r < in->n; r++) total += in->runs[r].len;
    unsigned char *brk = bc_xmalloc(total + 1);
    char *text = bc_xmalloc(total + 1);
    size_t at = 0;
    for (int r = 0; r < in->n; r++) {
        if (in->runs[r].len) memcpy(text + at, in->runs[r].text, in->runs[r].len);
        at += in->runs[r].len;
    }
    bc_uax14_breaks(text, total, l->meta ? l->meta->language : NULL, brk);
    free(text);
    return brk;
}

/* Whether c is set between ideographs with no space: CJK scripts, kana, Hangul, fullwidth
   forms, and the ideographic planes. */
static int is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

double bc_lay_break_penalty(const char *text, size_t len)
{
    if (!len) return 0;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80) i--;
    const char *p = text + i;
    return is_cjk(bc_utf8_next(&p)) ? 0 : BC_LB_EXPLICIT;
}

/* {====================================================== French spacing */

static int is_french(const char *language)
{
    return language && !strncmp(language, "fr", 2) && (language[2] == 0 || language[2] == '-');
}

/* The last code point before byte i of s (0 when i is 0). */
static uint32_t cp_before(const char *s, size_t i)
{
    if (!i) return 0;
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    const char *p = s + k;
    return bc_utf8_next(&p);
}

static int is_ws(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_mark(uint32_t c) { return c == ':' || c == ';' || c == '!' || c == '?'; }

/* The end of b without the spaces (plain, no-break, narrow no-break) it ends with. */
static size_t trim_spaces(const bc_buf *b)
{
    size_t k = b->len;
    for (;;) {
        if (k >= 1 && b->data[k - 1] == ' ')
            k -= 1;
        else if (k >= 2 && !memcmp(b->data + k - 2, "\xC2\xA0", 2))
            k -= 2;
        else if (k >= 3 && !memcmp(b->data + k - 3, NNBSP, 3))
            k -= 3;
        else
            return k;
    }
}

/* Puts one narrow no-break space at the end of b in place of its trailing spaces when a word
   (not a space, not another mark, not an opening guillemet) comes before them; prev is the
   code point before b's text. Returns whether the text changed. */
static int space_before(bc_buf *b, uint32_t prev)
{
    size_t k = trim_spaces(b);
    uint32_t word = k ? cp_before(b->data, k) : prev;
    if (!word || is_ws(word) || is_mark(word) || word == 0xAB || word == 0xA0 || word == 0x202F)
        return 0;
    int same = b->len - k == 3 && !memcmp(b->data + k, NNBSP, 3);
    b->len = k;
    bc_buf_add(b, NNBSP, 3);
    return !same;
}

/* One run's text with French spacing into b: prev is the code point before the run, next the
   one after it (0 at the paragraph's ends). Returns whether anything changed. */
static int french_run(bc_buf *b, const char *s, size_t len, uint32_t prev, uint32_t next)
{
    int changed = 0;
    for (size_t i = 0; i < len;) {
        const char *p = s + i;
        uint32_t c = bc_utf8_next(&p);
        size_t n = (size_t)(p - (s + i));
        uint32_t after = next;
        if (i + n < len) {
            const char *q = s + i + n;
            after = bc_utf8_next(&q);
        }
        if (is_mark(c)) {
            /* a mark ending a word: "12:30", "http://" and "a?b" are left alone */
            if (!after || is_ws(after) || after == 0xBB || after == ')' || is_mark(after) ||
                after == '.' || after == ',')
                changed |= space_before(b, prev);
        } else if (c == 0xBB) { /* » */
            changed |= space_before(b, prev);
        } else if (c == 0xAB) { /* « then its word */
            bc_buf_add(b, s + i, n);
            size_t k = i + n;
            for (;;) {
                if (k < len && s[k] == ' ')
                    k += 1;
                else if (k + 1 < len && !memcmp(s + k, "\xC2\xA0", 2))
                    k += 2;
                else if (k + 2 < len && !memcmp(s + k, NNBSP, 3))
                    k += 3;
                else
                    break;
            }
            uint32_t word = next;
            if (k < len) {
                const char *q = s + k;
                word = bc_utf8_next(&q);
            }
            if (word && !is_ws(word)) {
                changed |= !(k - (i + n) == 3 && !memcmp(s + i + n, NNBSP, 3));
                bc_buf_add(b, NNBSP, 3);
                i = k;
                continue;
            }
            i += n;
            continue;
        }
        bc_buf_add(b, s + i, n);
        i += n;
    }
    return changed;
}

const bc_inline *bc_lay_language_spacing(L *l, const bc_inline *in)
{
    if (!l->meta || !is_french(l->meta->language) || !in || in->n == 0) return in;
    bc_inline *out = NULL;
    bc_buf b = {0};
    for (int r = 0; r < in->n; r++) {
        const bc_run *run = &in->runs[r];
        if (run->style & BC_STYLE_CODE || run->kind == BC_RUN_NOTE) continue;
        uint32_t prev = r > 0 ? cp_before(in->runs[r - 1].text, in->runs[r - 1].len) : 0;
        uint32_t next = 0;
        if (r + 1 < in->n && in->runs[r + 1].len) {
            const char *p = in->runs[r + 1].text;
            next = bc_utf8_next(&p);
        }
        b.len = 0;
        if (!french_run(&b, run->text, run->len, prev, next)) continue;
        if (!out) { /* copy on first change: the document's own text is never written */
            out = bc_arena_alloc(l->a, sizeof *out);
            out->n = in->n;
            out->runs = bc_arena_alloc(l->a, (size_t)in->n * sizeof *out->runs);
            memcpy(out->runs, in->runs, (size_t)in->n * sizeof *out->runs);
        }
        out->runs[r].text = bc_arena_strndup(l->a, b.data, b.len);
        out->runs[r].len = b.len;
    }
    bc_buf_free(&b);
    return out ? out : in;
}

/* }====================================================== */

/* {====================================================== running headers and footers */

/* Whether f has every character of text[0..len). */
static int has_all(bc_font *f, const char *text, size_t len)
{
    for (const char *p = text, *end = text + len; p < end;)
        if (!bc_font_has(f, bc_utf8_next(&p))) return 0;
    return 1;
}

/* Sets text as one line of body text (fallback fonts, shaping, bidi order) into the pool,
   without counting it in the brief's figures: its ops are l->pool.v[op0 ..] (returned; the
   caller takes them out of the pool), *st the style it was set in, *width the line's width. */
static int one_line(L *l, const char *text, size_t len, int style, int family, double size,
                    uint32_t color, tstyle *st, double *width)
{
    bc_run run;
    memset(&run, 0, sizeof run);
    run.text = text;
    run.len = len;
    run.style = style;
    bc_inline in = {&run, 1};
    memset(st, 0, sizeof *st);
    st->family = family;
    st->size = size;
    st->leading = size * 1.2;
    st->color = color;
    st->align = 'l';
    bc_layout_stats stats = l->out->stats;
    int op0 = l->pool.n;
    tline *lines = NULL;
    int n = bc_lay_set_text_fresh(l, &in, st, 1e6, &lines);
    l->out->stats = stats;
    *width = n > 0 ? lines[0].width : 0;
    free(lines);
    return op0;
}

double bc_lay_frame_text(L *l, bc_ops *pg, const char *text, int family, double size,
                         uint32_t color, double x, double y, char align)
{
    size_t len = text ? strlen(text) : 0;
    if (!len) return 0;
    /* Latin in a left-to-right brief whose font has every letter and no ligature for them
       (the sample's "3 / 5"): one plain op, as setting it would give */
    bc_font *f = bc_lay_font_for(l, family);
    if (f && !(l->meta && bc_bidi_rtl_language(l->meta->language)) && !bc_bidi_needed(text, len) &&
        !bc_shape_needed(text, len) && has_all(f, text, len)) {
        bc_shape_font sf;
        sf.data = bc_font_data(f, &sf.len);
        sf.key = bc_font_file_key(f);
        sf.face = bc_font_face(f);
        if (!bc_shape_ligates(&sf, text, len)) {
            double w = bc_font_width(f, text, len, size);
            bc_ops_text(pg, family, size, color,
                        align == 'r'   ? x - w
                        : align == 'c' ? x - w / 2
                                       : x,
                        y, text, len);
            bc_font_use(f, text, len);
            return w;
        }
    }
    tstyle st;
    double w;
    int op0 = one_line(l, text, len, 0, family, size, color, &st, &w);
    double base = bc_lay_baseline_offset(l, &st), lo = 1e9, hi = -1e9;
    for (int i = op0; i < l->pool.n; i++) {
        const bc_op *op = &l->pool.v[i];
        if (op->kind != BC_OP_TEXT) continue;
        if (op->x < lo) lo = op->x;
        bc_font *of = bc_lay_font_for(l, op->font);
        double ow =
            op->dir == BC_TEXT_PLAIN && of ? bc_font_width(of, op->text, op->len, op->size) : 0;
        if (op->x + ow > hi) hi = op->x + ow;
    }
    if (hi - lo > w) w = hi - lo;
    if (lo > hi) lo = 0;
    double at = align == 'r' ? x - w : align == 'c' ? x - w / 2 : x;
    for (int i = op0; i < l->pool.n; i++) {
        if (l->pool.v[i].kind != BC_OP_TEXT) continue;
        bc_op *op = bc_ops_push(pg);
        *op = l->pool.v[i];
        op->x = (float)(at + (op->x - lo));
        op->y = (float)(y + (op->y - base));
    }
    l->pool.n = op0;
    return w;
}

/* }====================================================== */

/* {====================================================== chart labels */

double bc_lay_chart_label(void *u, bc_ops *ops, const char *s, size_t len, int bold, double size,
                          uint32_t color, double x, double y, double angle)
{
    L *l = u;
    if (!len || l->failed) return 0;
    tstyle st;
    double w;
    int op0 = one_line(l, s, len, bold ? BC_STYLE_BOLD : 0, BC_FONT_SANS, size, color, &st, &w);
    int k = l->pool.n - op0;
    bc_op *set = k > 0 ? bc_xmalloc((size_t)k * sizeof *set) : NULL;
    if (k > 0) memcpy(set, l->pool.v + op0, (size_t)k * sizeof *set);
    l->pool.n = op0;
    double base = bc_lay_baseline_offset(l, &st), lo = 1e9, hi = -1e9;
    for (int i = 0; i < k; i++) {
        if (set[i].kind != BC_OP_TEXT) continue;
        bc_font *of = bc_lay_font_for(l, set[i].font);
        double ow = of ? bc_lay_text_width(l, of, set[i].text, set[i].len, set[i].size, set[i].dir,
                                           set[i].lang)
                       : 0;
        if (set[i].x < lo) lo = set[i].x;
        if (set[i].x + ow > hi) hi = set[i].x + ow;
    }
    if (hi - lo > w) w = hi - lo;
    double a = angle * 3.14159265358979323846 / 180.0, ca = cos(a), sa = sin(a);
    for (int i = 0; ops && i < k; i++) {
        if (set[i].kind != BC_OP_TEXT) continue;
        double d = set[i].x - lo, dy = set[i].y - base; /* along the line, and down from it */
        bc_op *op = bc_ops_push(ops);
        *op = set[i];
        op->x = (float)(x + d * ca + dy * sa);
        op->y = (float)(y - d * sa + dy * ca);
        op->angle = (float)angle;
    }
    free(set);
    return w;
}

/* }====================================================== */
