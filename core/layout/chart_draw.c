/*
** chart_draw.c — drawing helpers for the charts: label text in the fallback chain, series colours,
** monochrome hatch patterns, filled rectangles and polygons, markers and dashes.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <string.h>

#include "base/utf8.h"
#include "text/bidi.h"
#include "text/shape.h"

/* {====================================================== drawing helpers */

/* The length of the run at the start of s[0..len) set in one font of the fallback chain
   (fontset.h), its slot in *slot and font in *rf (the label's own font when none opens). */
static size_t font_run(C *c, int bold, const char *s, size_t len, int *slot, bc_font **rf)
{
    int pref = bold ? BC_FONT_SANS_B : BC_FONT_SANS;
    size_t n = bc_fontset_run(c->cx->fs, pref, NULL, s, len, slot);
    bc_error e;
    *rf = *slot == pref ? (bold ? c->fb : c->f) : bc_fontset_get(c->cx->fs, *slot, &e);
    if (!*rf) {
        *slot = pref;
        *rf = bold ? c->fb : c->f;
    }
    return n;
}

/* Whether the fallback chain sets some of the label in the colour emoji font (fontset.h):
   only text with a character from U+2000 on (a lead byte from 0xE2) can hold an emoji in
   emoji presentation, so Latin labels never ask. */
static int colour_label(const C *c, int bold, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0xE2) i++;
    if (i == len) return 0;
    int pref = bold ? BC_FONT_SANS_B : BC_FONT_SANS;
    for (size_t at = 0; at < len;) {
        int slot;
        size_t n = bc_fontset_run_colour(c->cx->fs, pref, NULL, s + at, len - at, &slot);
        if (slot == BC_FONT_EMOJI) return 1;
        if (!n) break;
        at += n;
    }
    return 0;
}

/* Whether a label needs what body text has: bidi order (Arabic, Hebrew), shaping (joining,
   reordering, marks), the font's ligatures ("Office" with its ffi, as body text sets it) or
   colour emoji (drawn as their images over their text, pdf_emoji.c); such labels are set
   through cx->label. Others take the cmap and pair kerning, which is what body text gives
   them too. */
static int body_label(const C *c, int bold, const char *s, size_t len)
{
    if (!c->cx->label) return 0;
    if (bc_bidi_needed(s, len) || bc_shape_needed(s, len) || colour_label(c, bold, s, len))
        return 1;
    bc_font *f = bold ? c->fb : c->f;
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    return bc_shape_ligates(&sf, s, len);
}

/* A label: in the chart's sans (bold or regular), characters that font lacks in the font of
   the fallback chain that has them, each run placed after the last along the label's angle.
   Text that needs shaping or bidi order is set as body text (cx->label). In a right-to-left
   brief the label is placed where the mirror of its extent falls, reading along -angle. */
void bc_chart_text(C *c, int bold, double size, uint32_t color, double x, double y, const char *s,
                   double angle)
{
    size_t len = strlen(s);
    if (!len) return;
    if (c->cx->rtl) {
        double W = bc_chart_label_width(c, bold, s, size), a0 = angle * PI / 180.0;
        x = c->cx->mirror - x - W * cos(a0);
        y -= W * sin(a0);
        angle = -angle;
    }
    if (body_label(c, bold, s, len)) {
        c->cx->label(c->cx->u, c->ops, s, len, bold, size, color, x, y, angle);
        return;
    }
    bc_font *f = bold ? c->fb : c->f;
    const char *copy = bc_font_substitute(f, s, &len, c->cx->a);
    if (copy == s) copy = bc_arena_strndup(c->cx->a, s, len);
    double a = angle * PI / 180.0;
    for (size_t at = 0; at < len;) {
        int slot;
        bc_font *rf;
        size_t n = font_run(c, bold, copy + at, len - at, &slot, &rf);
        bc_ops_text(c->ops, slot, size, color, x, y, copy + at, n);
        c->ops->v[c->ops->n - 1].angle = (float)angle;
        bc_font_use(rf, copy + at, n);
        double w = bc_font_width(rf, copy + at, n, size);
        x += w * cos(a);
        y -= w * sin(a); /* layout y grows downwards */
        at += n;
    }
}

double bc_chart_label_width(C *c, int bold, const char *s, double size)
{
    size_t len = strlen(s);
    if (body_label(c, bold, s, len))
        return c->cx->label(c->cx->u, NULL, s, len, bold, size, 0, 0, 0, 0);
    bc_font *f = bold ? c->fb : c->f;
    const char *t = bc_font_substitute(f, s, &len, c->cx->a);
    double w = 0;
    for (size_t at = 0; at < len;) {
        int slot;
        bc_font *rf;
        size_t n = font_run(c, bold, t + at, len - at, &slot, &rf);
        w += bc_font_width(rf, t + at, n, size);
        at += n;
    }
    return w;
}

void bc_chart_mirror(bc_ops *ops, int from, double mirror, bc_arena *a)
{
    for (int i = from < 0 ? 0 : from; i < ops->n; i++) {
        bc_op *op = &ops->v[i];
        switch (op->kind) {
        case BC_OP_RECT:
        case BC_OP_LINK:
        case BC_OP_IMAGE: op->x = (float)(mirror - op->x - op->w); break;
        case BC_OP_LINE:
            op->x = (float)(mirror - op->x);
            op->w = -op->w;
            break;
        case BC_OP_POLY:
        case BC_OP_CLIP:
            if (op->kind == BC_OP_CLIP && op->len == 0) {
                op->x = (float)(mirror - op->x - op->w);
            } else if (op->text && op->len) {
                float *q = bc_arena_alloc(a, op->len * 2 * sizeof(float));
                memcpy(q, op->text, op->len * 2 * sizeof(float));
                for (size_t k = 0; k < op->len; k++) q[2 * k] = (float)(mirror - q[2 * k]);
                op->text = (const char *)(const void *)q;
            }
            break;
        default: /* text: placed mirrored by bc_chart_text */ break;
        }
    }
}

double bc_chart_width(C *c, const char *s, double size)
{
    return bc_chart_label_width(c, 0, s, size);
}

/* Mixes a colour with white: t = 0 keeps it, 1 gives white (used to mute what is not
   highlighted). */
static uint32_t tint(uint32_t col, double t)
{
    int r = (col >> 16) & 255, g = (col >> 8) & 255, b = col & 255;
    r += (int)((255 - r) * t);
    g += (int)((255 - g) * t);
    b += (int)((255 - b) * t);
    return (uint32_t)(r << 16 | g << 8 | b);
}

#define PATTERNS 6
/* Monochrome patterns: solid dark, diagonal hatch, solid light, horizontal lines, solid mid,
   cross-hatch. Series keep distinct looks in black and white. */
static int pattern_solid(int p, uint32_t *gray)
{
    static const uint32_t grays[PATTERNS] = {0x262626, 0, 0xbdbdbd, 0, 0x707070, 0};
    *gray = grays[p % PATTERNS];
    return grays[p % PATTERNS] != 0;
}

uint32_t bc_chart_series_color(C *c, int s)
{
    if (c->cmap) s = c->cmap[s];
    if (c->ch->mono) {
        uint32_t g;
        return pattern_solid(s, &g) ? g : 0x262626;
    }
    return c->th->palette[s % (c->th->npalette ? c->th->npalette : 1)];
}

static void hatch(C *c, int p, double x0, double y0, double x1, double y1)
{
    double step = 2.6, lw = 0.45;
    uint32_t ink = 0x262626;
    int kind = (p % PATTERNS) / 2; /* 0 diagonal, 1 horizontal, 2 cross */
    if (kind == 1) {
        for (double y = y0 + step / 2; y < y1; y += step)
            bc_ops_line(c->ops, x0, y, x1, y, ink, lw, 0);
        return;
    }
    double h = y1 - y0;
    for (double x = x0 - h; x < x1; x += step * 1.3) {
        bc_ops_line(c->ops, x, y1, x + h, y0, ink, lw, 0);
        if (kind == 2) bc_ops_line(c->ops, x, y0, x + h, y1, ink, lw, 0);
    }
}

/* A filled rectangle in series s's colour or pattern; t mutes it (highlighting). */
void bc_chart_fill_rect(C *c, int s, double x, double y, double w, double h, double t)
{
    if (w <= 0 || h <= 0) return;
    if (c->cmap) {
        const int *m = c->cmap;
        c->cmap = NULL; /* the pattern and colour of the chart's own series */
        bc_chart_fill_rect(c, m[s], x, y, w, h, t);
        c->cmap = m;
        return;
    }
    if (!c->ch->mono) {
        bc_ops_rect(c->ops, x, y, w, h, tint(bc_chart_series_color(c, s), t), BC_NO_COLOR, 0);
        return;
    }
    uint32_t g;
    if (pattern_solid(s, &g)) {
        bc_ops_rect(c->ops, x, y, w, h, tint(g, t), BC_NO_COLOR, 0);
        return;
    }
    bc_ops_rect(c->ops, x, y, w, h, 0xffffff, BC_NO_COLOR, 0);
    bc_ops_clip_rect(c->ops, x, y, w, h);
    hatch(c, s, x, y, x + w, y + h);
    bc_ops_unclip(c->ops);
    bc_ops_rect(c->ops, x, y, w, h, BC_NO_COLOR, 0x262626, 0.45);
}

float *bc_chart_points(C *c, int n)
{
    return bc_arena_alloc(c->cx->a, (size_t)n * 2 * sizeof(float));
}

void bc_chart_fill_poly(C *c, int s, const float *p, int n, double t)
{
    if (n < 3) return;
    if (c->cmap) {
        const int *m = c->cmap;
        c->cmap = NULL;
        bc_chart_fill_poly(c, m[s], p, n, t);
        c->cmap = m;
        return;
    }
    if (!c->ch->mono) {
        bc_ops_poly(c->ops, p, n, tint(bc_chart_series_color(c, s), t), 0xffffff, 0.4);
        return;
    }
    uint32_t g;
    if (pattern_solid(s, &g)) {
        bc_ops_poly(c->ops, p, n, tint(g, t), 0xffffff, 0.4);
        return;
    }
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (int i = 0; i < n; i++) {
        x0 = fmin(x0, p[2 * i]);
        x1 = fmax(x1, p[2 * i]);
        y0 = fmin(y0, p[2 * i + 1]);
        y1 = fmax(y1, p[2 * i + 1]);
    }
    bc_ops_poly(c->ops, p, n, 0xffffff, BC_NO_COLOR, 0);
    bc_ops_clip_poly(c->ops, p, n);
    hatch(c, s, x0, y0, x1, y1);
    bc_ops_unclip(c->ops);
    bc_ops_poly(c->ops, p, n, BC_NO_COLOR, 0x262626, 0.45);
}

/* A small filled marker: square for even series, diamond for odd (distinct in grayscale). */
void bc_chart_marker(C *c, int s, double x, double y, double r, uint32_t col)
{
    float *p = bc_chart_points(c, 4);
    if (c->cmap) s = c->cmap[s];
    if (s % 2 == 0) {
        float q[8] = {(float)(x - r), (float)(y - r), (float)(x + r), (float)(y - r),
                      (float)(x + r), (float)(y + r), (float)(x - r), (float)(y + r)};
        memcpy(p, q, sizeof q);
    } else {
        double d = r * 1.35;
        float q[8] = {(float)x, (float)(y - d), (float)(x + d), (float)y,
                      (float)x, (float)(y + d), (float)(x - d), (float)y};
        memcpy(p, q, sizeof q);
    }
    bc_ops_poly(c->ops, p, 4, col, 0xffffff, 0.5);
}

/* A dot: a filled 10-gon with a paper-coloured rim, so overlapping dots stay apart. */
void bc_chart_dot(C *c, double x, double y, double r, uint32_t col)
{
    float *q = bc_chart_points(c, 10);
    for (int k = 0; k < 10; k++) {
        q[2 * k] = (float)(x + r * cos(k * PI / 5));
        q[2 * k + 1] = (float)(y + r * sin(k * PI / 5));
    }
    bc_ops_poly(c->ops, q, 10, col, 0xFFFFFF, 0.6);
}

/* Series s's dot (dumbbells and their legend): filled in its colour; in black and white the
   second series is an open ring, so the two ends differ without colour. */
void bc_chart_series_dot(C *c, int s, double x, double y, double r)
{
    if (!c->ch->mono || (c->cmap ? c->cmap[s] : s) % 2 == 0) {
        bc_chart_dot(c, x, y, r, bc_chart_series_color(c, s));
        return;
    }
    float *q = bc_chart_points(c, 10);
    for (int k = 0; k < 10; k++) {
        q[2 * k] = (float)(x + (r - 0.45) * cos(k * PI / 5));
        q[2 * k + 1] = (float)(y + (r - 0.45) * sin(k * PI / 5));
    }
    bc_ops_poly(c->ops, q, 10, 0xFFFFFF, 0x262626, 0.9);
}

int bc_chart_line_dash(C *c, int s) { return c->ch->mono ? (c->cmap ? c->cmap[s] : s) % 3 : 0; }

/* }====================================================== */
