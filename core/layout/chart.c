/*
** chart.c — charts drawn as bc_ops: bars (vertical or horizontal; grouped, stacked or 100 %
** stacked), lines, stacked areas, donuts and dot plots.
**
** Every chart is built the same way: work out the value range, pick nice ticks, place the
** legend and axis titles, size the plot box from the labels that must fit, then draw grid,
** marks, axes, labels, reference lines and event markers, in that order. All labels are real
** text in the brief's sans font, so they extract and search. Black-and-white printing
** (mono) swaps colours for grays and hatch patterns, and line colours for dash styles.
*/
#include "layout/chart.h"
#include "layout/chart_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/fmt.h"
#include "base/utf8.h"

#define FS 7.5 /* label size */
#define PI 3.14159265358979323846
#define NBSP "\xC2\xA0"

/* {====================================================== ticks and formats */

void bc_chart_ticks(double lo, double hi, int target, double *axis_lo, double *axis_hi,
                    double *step)
{
    if (!(hi > lo)) {
        if (lo == 0 && hi == 0) {
            hi = 1;
        } else {
            double m = fabs(lo) * 0.1;
            lo -= m;
            hi += m;
        }
    }
    /* A span too narrow for its step to be a power of ten a double holds (values that are
       all denormal, such as 5e-324): one unit from 0, as for an all-zero chart. */
    if (!((hi - lo) / (target > 0 ? target : 5) >= 1e-290)) {
        lo = lo < 0 ? -1 : 0;
        hi = 1;
    }
    double raw = (hi - lo) / (target > 0 ? target : 5);
    double mag = pow(10, floor(log10(raw)));
    double norm = raw / mag;
    double s = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    s *= mag;
    *step = s;
    *axis_lo = floor(lo / s + 1e-9) * s;
    *axis_hi = ceil(hi / s - 1e-9) * s;
}

void bc_chart_format(double v, double step, char *out, size_t cap)
{
    int dec = 0;
    if (step > 0 && step < 1) dec = (int)ceil(-log10(step) - 1e-9);
    if (dec > 6) dec = 6;
    bc_fmt_number(fabs(v) < step * 1e-9 ? 0.0 : v, dec, out, cap);
}

/* An axis tick in the chart's format; the step decides the decimals. Percent values are
   fractions, as fmt.percent takes them (0.079 is 7.9 %), except a 100 % stack's shares,
   which the chart works out in per cent. */
static void format_tick(const bc_chart *ch, double v, double step, char *out, size_t cap)
{
    char num[64];
    if (ch->format == BC_FMT_MONEY_M) {
        int bn = fabs(v) >= 1000 || (step >= 1000 && v != 0);
        double x = bn ? v / 1000 : v, st = bn ? step / 1000 : step;
        bc_chart_format(x, st, num, sizeof num);
        if (v == 0) snprintf(out, cap, "0");
        else if (num[0] == '\xE2') snprintf(out, cap, "\xE2\x88\x92$%.56s" NBSP "%s", num + 3, bn ? "bn" : "m");
        else snprintf(out, cap, "$%.56s" NBSP "%s", num, bn ? "bn" : "m");
    } else if (ch->format == BC_FMT_PERCENT) {
        double k = ch->stack == BC_STACK_PERCENT ? 1 : 100;
        bc_chart_format(v * k, step * k, num, sizeof num);
        snprintf(out, cap, "%.56s" NBSP "%%", num);
    } else {
        bc_chart_format(v, step, out, cap);
    }
}

/* The decimals of the chart's number labels: its decimals option, or the most any value
   needs for about three significant digits (whole values: none), so labels agree. */
static int label_decimals(const bc_chart *ch)
{
    if (ch->decimals >= 0) return ch->decimals;
    int d = 0;
    for (int i = 0; i < ch->nser * ch->ncat; i++) {
        double v = ch->values[i];
        if (!isnan(v)) {
            int n = bc_fmt_decimals_label(v, 6);
            if (n > d) d = n;
        }
    }
    return d;
}

/* A value or reference label: fmt.number, fmt.money or fmt.percent with the chart's
   decimals (dec from label_decimals for numbers), so a label reads as the plugin's own
   fmt call would. */
static void format_label(const bc_chart *ch, int dec, double v, char *out, size_t cap)
{
    if (ch->format == BC_FMT_MONEY_M) bc_fmt_value(BC_FMT_KIND_MONEY, v, ch->decimals, out, cap);
    else if (ch->format == BC_FMT_PERCENT)
        bc_fmt_value(BC_FMT_KIND_PERCENT, ch->stack == BC_STACK_PERCENT ? v / 100 : v, ch->decimals, out, cap);
    else bc_fmt_value(BC_FMT_KIND_NUMBER, fabs(v) < 1e-300 ? 0 : v, dec, out, cap);
}

/* }====================================================== */

/* {====================================================== drawing helpers */

typedef struct C {
    const bc_chart *ch;
    bc_chart_ctx *cx;
    bc_ops *ops;
    bc_font *f, *fb;
    bc_font *fall;     /* the fallback font, opened on first need */
    int no_fall;       /* … or known to be missing */
    const bc_theme *th;
} C;

/* Whether cp must come from the fallback font because f lacks it and the fallback has it. */
static int needs_fallback(C *c, bc_font *f, uint32_t cp)
{
    if (cp < 0x80 || bc_font_has(f, cp)) return 0;
    if (!c->fall && !c->no_fall) {
        bc_error e;
        c->fall = bc_fontset_get(c->cx->fs, BC_FONT_FALLBACK, &e);
        c->no_fall = c->fall == NULL;
    }
    return c->fall && bc_font_has(c->fall, cp);
}

/* The length of the run at the start of s[0..len) set in one font (*fall: the fallback). */
static size_t font_run(C *c, bc_font *f, const char *s, size_t len, int *fall)
{
    const char *p = s, *end = s + len;
    *fall = -1;
    while (p < end) {
        const char *q = p;
        int fb = needs_fallback(c, f, bc_utf8_next(&q));
        if (*fall >= 0 && fb != *fall) break;
        *fall = fb;
        p = q;
    }
    return (size_t)(p - s);
}

/* A label: in the chart's sans (bold or regular), characters that font lacks in the fallback
   font, each run placed after the last along the label's angle. */
static void text(C *c, int bold, double size, uint32_t color, double x, double y, const char *s,
                 double angle)
{
    size_t len = strlen(s);
    if (!len) return;
    bc_font *f = bold ? c->fb : c->f;
    const char *copy = bc_font_substitute(f, s, &len, c->cx->a);
    if (copy == s) copy = bc_arena_strndup(c->cx->a, s, len);
    double a = angle * PI / 180.0;
    for (size_t at = 0; at < len;) {
        int fall;
        size_t n = font_run(c, f, copy + at, len - at, &fall);
        bc_font *rf = fall ? c->fall : f;
        bc_ops_text(c->ops, fall ? BC_FONT_FALLBACK : bold ? BC_FONT_SANS_B : BC_FONT_SANS, size,
                    color, x, y, copy + at, n);
        c->ops->v[c->ops->n - 1].angle = (float)angle;
        bc_font_use(rf, copy + at, n);
        double w = bc_font_width(rf, copy + at, n, size);
        x += w * cos(a);
        y -= w * sin(a); /* layout y grows downwards */
        at += n;
    }
}

static double label_width(C *c, int bold, const char *s, double size)
{
    size_t len = strlen(s);
    bc_font *f = bold ? c->fb : c->f;
    const char *t = bc_font_substitute(f, s, &len, c->cx->a);
    double w = 0;
    for (size_t at = 0; at < len;) {
        int fall;
        size_t n = font_run(c, f, t + at, len - at, &fall);
        w += bc_font_width(fall ? c->fall : f, t + at, n, size);
        at += n;
    }
    return w;
}

static double width(C *c, const char *s, double size) { return label_width(c, 0, s, size); }

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

static uint32_t series_color(C *c, int s)
{
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
        for (double y = y0 + step / 2; y < y1; y += step) bc_ops_line(c->ops, x0, y, x1, y, ink, lw, 0);
        return;
    }
    double h = y1 - y0;
    for (double x = x0 - h; x < x1; x += step * 1.3) {
        bc_ops_line(c->ops, x, y1, x + h, y0, ink, lw, 0);
        if (kind == 2) bc_ops_line(c->ops, x, y0, x + h, y1, ink, lw, 0);
    }
}

/* A filled rectangle in series s's colour or pattern; t mutes it (highlighting). */
static void fill_rect(C *c, int s, double x, double y, double w, double h, double t)
{
    if (w <= 0 || h <= 0) return;
    if (!c->ch->mono) {
        bc_ops_rect(c->ops, x, y, w, h, tint(series_color(c, s), t), BC_NO_COLOR, 0);
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

static float *points(C *c, int n)
{
    return bc_arena_alloc(c->cx->a, (size_t)n * 2 * sizeof(float));
}

static void fill_poly(C *c, int s, const float *p, int n, double t)
{
    if (n < 3) return;
    if (!c->ch->mono) {
        bc_ops_poly(c->ops, p, n, tint(series_color(c, s), t), 0xffffff, 0.4);
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
static void marker(C *c, int s, double x, double y, double r, uint32_t col)
{
    float *p = points(c, 4);
    if (s % 2 == 0) {
        float q[8] = {(float)(x - r), (float)(y - r), (float)(x + r), (float)(y - r),
                      (float)(x + r), (float)(y + r), (float)(x - r), (float)(y + r)};
        memcpy(p, q, sizeof q);
    } else {
        double d = r * 1.35;
        float q[8] = {(float)x, (float)(y - d), (float)(x + d), (float)y, (float)x, (float)(y + d),
                      (float)(x - d), (float)y};
        memcpy(p, q, sizeof q);
    }
    bc_ops_poly(c->ops, p, 4, col, 0xffffff, 0.5);
}

static int line_dash(C *c, int s) { return c->ch->mono ? s % 3 : 0; }

/* }====================================================== */

/* {====================================================== scales */

typedef struct scale {
    double lo, hi, step; /* axis bounds and tick step (in log10 units when log) */
    int log;
    double p0, p1;       /* pixel positions of lo and hi */
} scale;

static double smap(const scale *s, double v)
{
    double t;
    if (s->log) t = (log10(v) - s->lo) / (s->hi - s->lo);
    else t = (v - s->lo) / (s->hi - s->lo);
    return s->p0 + t * (s->p1 - s->p0);
}

/* A log axis of up to three decades ticks at 1, 2 and 5 x 10^n (step 0); a wider one at
   powers of ten, every step decades. The i-th 1-2-5 tick of [lo, hi], or the count of them
   when i < 0. */
static double log125(const scale *s, int i, int *count)
{
    static const double m[] = {1, 2, 5};
    int n = 0;
    for (double d = floor(s->lo); d <= s->hi + 1e-9; d++)
        for (int k = 0; k < 3; k++) {
            double l = d + log10(m[k]);
            if (l < s->lo - 1e-9 || l > s->hi + 1e-9) continue;
            if (n++ == i) return m[k] * pow(10, d);
        }
    *count = n;
    return 0;
}

static int nticks(const scale *s)
{
    int n = 0;
    if (s->log && s->step == 0) log125(s, -1, &n);
    else n = (int)floor((s->hi - s->lo) / s->step + 0.5) + 1;
    return n;
}

static double tick_value(const scale *s, int i)
{
    int n;
    if (s->log && s->step == 0) return log125(s, i, &n);
    double v = s->lo + i * s->step;
    return s->log ? pow(10, v) : v;
}

/* The 1-2-5 value at or below v (down) or at or above it. */
static double nice125(double v, int down)
{
    double d = pow(10, floor(log10(v)));
    double m = v / d;
    if (down) return (m >= 5 - 1e-9 ? 5 : m >= 2 - 1e-9 ? 2 : 1) * d;
    return (m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10) * d;
}

/* Value range of what the chart draws (stacks summed, percent stacks 0..100). */
static void value_range(const bc_chart *ch, double *lo, double *hi)
{
    int nc = ch->ncat, ns = ch->nser;
    int stacked = ch->stack != BC_STACK_NONE &&
                  (ch->kind == BC_CHART_BAR || ch->kind == BC_CHART_HBAR || ch->kind == BC_CHART_AREA);
    *lo = ch->log ? INFINITY : 0;
    *hi = ch->log ? -INFINITY : 0;
    if (stacked && ch->stack == BC_STACK_PERCENT) {
        *lo = 0;
        *hi = 100;
        for (int k = 0; k < nc; k++)
            for (int s = 0; s < ns; s++)
                if (ch->values[s * nc + k] < 0) *lo = -100;
        return;
    }
    for (int k = 0; k < nc; k++) {
        double pos = 0, neg = 0;
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (isnan(v)) continue;
            if (stacked) {
                if (v >= 0) pos += v;
                else neg += v;
            } else {
                *hi = fmax(*hi, v);
                *lo = fmin(*lo, v);
            }
        }
        if (stacked) {
            *hi = fmax(*hi, pos);
            *lo = fmin(*lo, neg);
        }
    }
    if (ch->log && !(*lo <= *hi)) *lo = *hi = 1;
    for (int r = 0; r < ch->nrefs; r++) {
        *hi = fmax(*hi, ch->refs[r].value);
        *lo = fmin(*lo, ch->refs[r].value);
    }
}

static void make_scale(const bc_chart *ch, scale *sc, int target)
{
    double lo, hi;
    value_range(ch, &lo, &hi);
    sc->log = ch->log;
    if (ch->log) {
        if (log10(hi) - log10(lo) <= 3) { /* the axis spans the data: 3.5 to 129 on 2 to 200 */
            double a = nice125(lo * 0.999, 1), b = nice125(hi, 0); /* bars rise above the base */
            if (b <= a) b = nice125(a * 1.01, 0);
            sc->lo = log10(a);
            sc->hi = log10(b);
            sc->step = 0;
            return;
        }
        sc->lo = floor(log10(lo));
        sc->hi = ceil(log10(hi));
        if (sc->hi <= sc->lo) sc->hi = sc->lo + 1;
        sc->step = ceil((sc->hi - sc->lo) / 6);
        if (sc->step < 1) sc->step = 1;
        /* the top on a tick: 0.02 to 50,000 in steps of two decades ends at 10^6, not with a
           tick drawn above the plot at 10^6 and an axis ending at 10^5 */
        sc->hi = sc->lo + ceil((sc->hi - sc->lo) / sc->step - 1e-9) * sc->step;
        return;
    }
    bc_chart_ticks(lo, hi, target, &sc->lo, &sc->hi, &sc->step);
}

/* }====================================================== */

/* {====================================================== legend */

/* Lays out the legend entries in rows within width w starting at (x, y); returns its height.
   With draw = 0 only measures. */
static double legend(C *c, double x, double y, double w, int draw)
{
    const bc_chart *ch = c->ch;
    int n = ch->kind == BC_CHART_DONUT ? ch->ncat : ch->nser;
    double lx = x, ly = y + FS, rowh = FS * 1.6;
    for (int s = 0; s < n; s++) {
        const char *name = ch->kind == BC_CHART_DONUT ? ch->categories[s] : ch->series[s];
        double tw = width(c, name, FS);
        if (lx > x && lx + 12 + tw > x + w) {
            lx = x;
            ly += rowh;
        }
        if (draw) {
            if (ch->kind == BC_CHART_LINE) {
                bc_ops_line(c->ops, lx, ly - FS * 0.33, lx + 9, ly - FS * 0.33, series_color(c, s),
                            1.6, line_dash(c, s));
                if (ch->markers) marker(c, s, lx + 4.5, ly - FS * 0.33, 1.8, series_color(c, s));
            } else if (ch->kind == BC_CHART_DOT) {
                marker(c, s, lx + 3.5, ly - FS * 0.33, 2.6, series_color(c, s));
            } else {
                fill_rect(c, s, lx, ly - FS * 0.75, 7, 7, 0);
            }
            text(c, 0, FS, c->th->text, lx + 11, ly, name, 0);
        }
        lx += 11 + tw + 12;
    }
    return ly - y + FS * 0.9;
}

/* }====================================================== */

/* {====================================================== category axis */

/* Chooses how category labels fit a slot width: every n-th (years on round numbers) or
   rotated 45 degrees. */
typedef struct catlabels {
    int every;
    int years;   /* label year-like categories on multiples of every */
    int rotate;
    double height;
} catlabels;

static void plan_categories(C *c, double slot, catlabels *cl)
{
    const bc_chart *ch = c->ch;
    double maxlw = 0;
    int years = 1;
    for (int k = 0; k < ch->ncat; k++) {
        maxlw = fmax(maxlw, width(c, ch->categories[k], FS));
        char *end;
        strtol(ch->categories[k], &end, 10);
        if (end == ch->categories[k]) years = 0;
    }
    cl->rotate = 0;
    cl->years = 0;
    cl->every = ch->label_every > 0 ? ch->label_every : 1;
    cl->height = FS * 2.2;
    if (ch->label_every > 0 || maxlw + 5 <= slot) return;
    if (!years && ch->ncat <= 40 && slot >= FS * 1.2) {
        cl->rotate = 1;
        cl->height = FS + maxlw * 0.72;
        return;
    }
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        cl->every = steps[i];
        if (slot * steps[i] >= maxlw + 6) break;
    }
    cl->years = years && cl->every > 1;
}

static int label_shown(const bc_chart *ch, const catlabels *cl, int k)
{
    if (cl->years) {
        char *end;
        long v = strtol(ch->categories[k], &end, 10);
        return !*end && v % cl->every == 0;
    }
    return k % cl->every == 0;
}

/* }====================================================== */

/* {====================================================== cartesian charts */

#define ROW_H (FS * 1.45) /* a category row of a horizontal chart, label and gap */

double bc_chart_min_height(const bc_chart *ch)
{
    if (ch->kind != BC_CHART_HBAR && ch->kind != BC_CHART_DOT) return 0;
    /* rows, the value axis labels below, the legend and axis titles above */
    return ch->ncat * ROW_H + FS * 2.6 + (ch->nser > 1 ? FS * 3 : 0) + (ch->x_title ? FS * 2 : 0);
}

typedef struct plot {
    double x0, x1, y0, y1; /* plot box: left, right, top, bottom */
    scale val;             /* value axis */
    double slot;           /* width (or height) of one category */
    int horizontal;        /* categories down the left, values along the bottom */
    catlabels cl;
} plot;

static double cat_center(const plot *p, int k)
{
    return p->horizontal ? p->y0 + (k + 0.5) * p->slot : p->x0 + (k + 0.5) * p->slot;
}

static void grid(C *c, plot *p)
{
    const bc_theme *th = c->th;
    char buf[96];
    int nt = nticks(&p->val);
    for (int i = 0; i < nt; i++) {
        double v = tick_value(&p->val, i);
        double q = smap(&p->val, v);
        int zero = !p->val.log && fabs(v) < p->val.step * 1e-9;
        if (p->horizontal) {
            if (!zero) bc_ops_line(c->ops, q, p->y0, q, p->y1, th->rule, 0.35, 0);
            format_tick(c->ch, v, p->val.log ? v : p->val.step, buf, sizeof buf);
            text(c, 0, FS, th->muted, q - width(c, buf, FS) / 2, p->y1 + FS * 1.4, buf, 0);
        } else {
            if (!zero) bc_ops_line(c->ops, p->x0, q, p->x1, q, th->rule, 0.35, 0);
            format_tick(c->ch, v, p->val.log ? v : p->val.step, buf, sizeof buf);
            text(c, 0, FS, th->muted, p->x0 - 4 - width(c, buf, FS), q + FS * 0.35, buf, 0);
        }
    }
}

static void baseline(C *c, plot *p)
{
    double v = p->val.log ? tick_value(&p->val, 0) : (p->val.lo <= 0 && p->val.hi >= 0 ? 0 : p->val.lo);
    double q = smap(&p->val, v);
    if (p->horizontal) bc_ops_line(c->ops, q, p->y0, q, p->y1, c->th->text, 0.7, 0);
    else bc_ops_line(c->ops, p->x0, q, p->x1, q, c->th->text, 0.7, 0);
}

static void category_labels(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    for (int k = 0; k < ch->ncat; k++) {
        if (!label_shown(ch, &p->cl, k)) continue;
        const char *lab = ch->categories[k];
        double tw = width(c, lab, FS), m = cat_center(p, k);
        int hl = ch->highlight && ch->highlight[k];
        uint32_t col = hl ? c->th->text : c->th->muted;
        if (p->horizontal) {
            text(c, hl, FS, col, p->x0 - 5 - tw, m + FS * 0.35, lab, 0);
        } else if (p->cl.rotate) {
            /* 45 degrees, ending under the category */
            double d = tw * 0.7071;
            text(c, hl, FS, col, m - d + 2, p->y1 + FS * 0.9 + d, lab, 45);
        } else {
            if (p->cl.every > 1) bc_ops_line(c->ops, m, p->y1, m, p->y1 + 2.5, c->th->muted, 0.4, 0);
            text(c, hl, FS, col, m - tw / 2, p->y1 + FS * 1.5, lab, 0);
        }
    }
}

static void bars(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat, ns = ch->nser;
    int stacked = ch->stack != BC_STACK_NONE;
    double gw = p->slot * (stacked || ns == 1 ? 0.62 : 0.8);
    double base_v = p->val.log ? tick_value(&p->val, 0) : 0;
    char buf[96];
    int dec = label_decimals(ch);
    for (int k = 0; k < nc; k++) {
        double start = cat_center(p, k) - gw / 2;
        double total = 0;
        if (ch->stack == BC_STACK_PERCENT)
            for (int s = 0; s < ns; s++) {
                double v = ch->values[s * nc + k];
                if (!isnan(v)) total += fabs(v);
            }
        double t = ch->highlight && !ch->highlight[k] ? 0.55 : 0;
        double pos = 0, neg = 0;
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (isnan(v) || (v == 0 && stacked)) continue;
            if (ch->stack == BC_STACK_PERCENT) v = total > 0 ? v / total * 100 : 0;
            double a, b, from, size;
            if (stacked) {
                double base = v >= 0 ? pos : neg;
                a = smap(&p->val, base);
                b = smap(&p->val, base + v);
                if (v >= 0) pos += v;
                else neg += v;
                from = start;
                size = gw;
            } else {
                a = smap(&p->val, base_v);
                b = smap(&p->val, v);
                size = gw / ns;
                from = start + s * size;
                size *= 0.92;
            }
            if (p->horizontal) fill_rect(c, s, fmin(a, b), from, fabs(b - a), size, t);
            else fill_rect(c, s, from, fmin(a, b), size, fabs(b - a), t);
            if (ch->value_labels && !stacked) {
                format_label(ch, dec, v, buf, sizeof buf);
                double tw = width(c, buf, FS * 0.9);
                if (p->horizontal)
                    text(c, 0, FS * 0.9, c->th->text, v >= 0 ? b + 2 : b - 2 - tw, from + size / 2 + FS * 0.32, buf, 0);
                else
                    text(c, 0, FS * 0.9, c->th->text, from + size / 2 - tw / 2,
                         v >= 0 ? b - 2 : b + FS * 0.95, buf, 0);
            }
        }
        /* A stack is labelled at each end with what that end reaches: the sum of its
           positive parts above, of its negative parts below (never the net, which no end of
           the bar shows). */
        for (int side = 0; ch->value_labels && stacked && ch->stack != BC_STACK_PERCENT && side < 2; side++) {
            double end = side ? neg : pos;
            if (side ? !(neg < 0) : !(pos > 0 || neg == 0)) continue;
            format_label(ch, dec, end, buf, sizeof buf);
            double tw = width(c, buf, FS * 0.9), b = smap(&p->val, end);
            if (p->horizontal)
                text(c, 0, FS * 0.9, c->th->text, side ? b - 2 - tw : b + 2, start + gw / 2 + FS * 0.32, buf, 0);
            else
                text(c, 0, FS * 0.9, c->th->text, start + gw / 2 - tw / 2, side ? b + FS * 0.95 : b - 2, buf, 0);
        }
    }
}

/* Direct labels at the last point of each line, nudged apart so they never overlap. */
static void direct_labels(C *c, plot *p, const double *endy, const int *have)
{
    const bc_chart *ch = c->ch;
    int ns = ch->nser, order[32];
    double y[32];
    int n = 0;
    for (int s = 0; s < ns && s < 32; s++)
        if (have[s]) {
            order[n] = s;
            y[n++] = endy[s];
        }
    /* sort by y, then push apart by a line height */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && y[j] < y[j - 1]; j--) {
            double ty = y[j];
            y[j] = y[j - 1];
            y[j - 1] = ty;
            int to = order[j];
            order[j] = order[j - 1];
            order[j - 1] = to;
        }
    for (int i = 1; i < n; i++)
        if (y[i] < y[i - 1] + FS * 1.15) y[i] = y[i - 1] + FS * 1.15;
    for (int i = 0; i < n; i++)
        text(c, 1, FS, series_color(c, order[i]) == 0xffffff ? c->th->text : series_color(c, order[i]),
             p->x1 + 4, y[i] + FS * 0.35, ch->series[order[i]], 0);
}

static void lines(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat;
    double endy[32];
    int have[32] = {0};
    for (int s = 0; s < ch->nser; s++) {
        uint32_t col = series_color(c, s);
        double px = 0, py = 0;
        int prev = 0;
        for (int k = 0; k < nc; k++) {
            double v = ch->values[s * nc + k];
            if (isnan(v)) {
                prev = 0;
                continue;
            }
            double x = cat_center(p, k), y = smap(&p->val, v);
            if (prev) bc_ops_line(c->ops, px, py, x, y, col, 1.4, line_dash(c, s));
            px = x;
            py = y;
            prev = 1;
            if (s < 32) {
                endy[s] = y;
                have[s] = 1;
            }
        }
        if (ch->markers)
            for (int k = 0; k < nc; k++) {
                double v = ch->values[s * nc + k];
                if (!isnan(v)) marker(c, s, cat_center(p, k), smap(&p->val, v), 1.9, col);
            }
        if (ch->highlight)
            for (int k = 0; k < nc; k++) {
                double v = ch->values[s * nc + k];
                if (ch->highlight[k] && !isnan(v)) marker(c, s, cat_center(p, k), smap(&p->val, v), 2.8, col);
            }
    }
    if (ch->legend == BC_LEGEND_DIRECT) direct_labels(c, p, endy, have);
}

static void areas(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat, ns = ch->nser;
    double *pos = bc_arena_alloc(c->cx->a, (size_t)nc * sizeof(double));
    double *neg = bc_arena_alloc(c->cx->a, (size_t)nc * sizeof(double));
    double *total = bc_arena_alloc(c->cx->a, (size_t)nc * sizeof(double));
    double *top = bc_arena_alloc(c->cx->a, (size_t)nc * sizeof(double));
    double *bot = bc_arena_alloc(c->cx->a, (size_t)nc * sizeof(double));
    for (int k = 0; k < nc; k++)
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (!isnan(v)) total[k] += fabs(v);
        }
    for (int s = 0; s < ns; s++) {
        for (int k = 0; k < nc; k++) {
            double v = ch->values[s * nc + k];
            if (isnan(v)) continue;
            if (ch->stack == BC_STACK_PERCENT) v = total[k] > 0 ? v / total[k] * 100 : 0;
            double *acc = v >= 0 ? pos : neg;
            bot[k] = smap(&p->val, acc[k]);
            acc[k] += v;
            top[k] = smap(&p->val, acc[k]);
        }
        /* one polygon per run of present values: a missing value is a gap */
        int k = 0;
        while (k < nc) {
            while (k < nc && isnan(ch->values[s * nc + k])) k++;
            int a = k;
            while (k < nc && !isnan(ch->values[s * nc + k])) k++;
            int n = k - a;
            if (n <= 0) continue;
            if (n == 1) { /* a lone value: a narrow band so it still shows */
                double x = cat_center(p, a), hw = p->slot * 0.25;
                float *r = points(c, 4);
                float q[8] = {(float)(x - hw), (float)top[a], (float)(x + hw), (float)top[a],
                              (float)(x + hw), (float)bot[a], (float)(x - hw), (float)bot[a]};
                memcpy(r, q, sizeof q);
                fill_poly(c, s, r, 4, 0);
                continue;
            }
            float *pt = points(c, 2 * n);
            for (int i = 0; i < n; i++) {
                double x = cat_center(p, a + i);
                pt[2 * i] = (float)x;
                pt[2 * i + 1] = (float)top[a + i];
                pt[2 * (2 * n - 1 - i)] = (float)x;
                pt[2 * (2 * n - 1 - i) + 1] = (float)bot[a + i];
            }
            fill_poly(c, s, pt, 2 * n, 0);
        }
    }
}

static void dots(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat, ns = ch->nser;
    for (int k = 0; k < nc; k++) {
        double y = cat_center(p, k), lo = INFINITY, hi = -INFINITY;
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (isnan(v)) continue;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        bc_ops_line(c->ops, p->x0, y, p->x1, y, c->th->rule, 0.3, 2);
        if (hi > lo) bc_ops_line(c->ops, smap(&p->val, lo), y, smap(&p->val, hi), y, c->th->muted, 1.2, 0);
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (!isnan(v)) marker(c, s, smap(&p->val, v), y, 2.8, series_color(c, s));
        }
    }
}

static void references(C *c, plot *p)
{
    char buf[96];
    for (int r = 0; r < c->ch->nrefs; r++) {
        const bc_chart_refline *ref = &c->ch->refs[r];
        double q = smap(&p->val, ref->value);
        const char *lab = ref->label;
        if (!lab) {
            format_label(c->ch, label_decimals(c->ch), ref->value, buf, sizeof buf);
            lab = buf;
        }
        /* the label sits over the data: a halo of paper behind it keeps it readable on dark
           bars (the line is drawn first, so the halo also parts it around the label) */
        double fs = FS * 0.95, tw = width(c, lab, fs), lx, ly;
        if (p->horizontal) {
            bc_ops_line(c->ops, q, p->y0, q, p->y1, c->th->text, 0.6, 1);
            lx = q + 2;
            ly = p->y0 + FS;
        } else {
            bc_ops_line(c->ops, p->x0, q, p->x1, q, c->th->text, 0.6, 1);
            lx = p->x1 - tw;
            ly = q - 2.5;
        }
        bc_ops_rect(c->ops, lx - 1.5, ly - fs * 0.85, tw + 3, fs * 1.15, 0xFFFFFF, BC_NO_COLOR, 0);
        text(c, 0, fs, c->th->text, lx, ly, lab, 0);
    }
}

/* Event labels in rows above the plot: each in the first row and side (right of its marker,
   else left) where it overlaps no other label and no other marker's line. */
typedef struct evplan {
    int *row;
    double *x0, *x1, *lx;
    int nrows;
} evplan;

static void plan_events(C *c, plot *p, double xmax, evplan *e)
{
    const bc_chart *ch = c->ch;
    int n = ch->nevents ? ch->nevents : 1;
    e->row = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(int));
    e->x0 = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(double));
    e->x1 = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(double));
    e->lx = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(double));
    e->nrows = 0;
    double efs = FS * 0.95;
    for (int i = 0; i < ch->nevents; i++) {
        double ex = p->x0 + (ch->events[i].at + 0.5) * p->slot;
        e->lx[i] = ex;
        double tw = width(c, ch->events[i].label, efs);
        int row = -1;
        for (int strict = 1; strict >= 0 && row < 0; strict--)
            for (int r = 0; r < 6 && row < 0; r++)
                for (int side = 0; side < 2 && row < 0; side++) {
                    double a0 = side == 0 ? ex + 2.5 : ex - 2.5 - tw, a1 = a0 + tw;
                    if (a0 < p->x0 || a1 > xmax) continue;
                    int clash = 0;
                    for (int k = 0; k < i; k++) {
                        clash |= e->row[k] == r && a0 < e->x1[k] + 4 && e->x0[k] < a1 + 4;
                        if (strict) {
                            clash |= e->row[k] < r && e->lx[k] > a0 - 3 && e->lx[k] < a1 + 3;
                            clash |= e->row[k] > r && ex > e->x0[k] - 3 && ex < e->x1[k] + 3;
                        }
                    }
                    if (!clash) {
                        row = r;
                        e->x0[i] = a0;
                        e->x1[i] = a1;
                    }
                }
        if (row < 0) {
            row = e->nrows;
            e->x0[i] = ex + 2.5 + tw > xmax ? ex - 2.5 - tw : ex + 2.5;
            e->x1[i] = e->x0[i] + tw;
        }
        e->row[i] = row;
        if (row + 1 > e->nrows) e->nrows = row + 1;
    }
}

static void draw_events(C *c, plot *p, const evplan *e)
{
    double efs = FS * 0.95, top = p->y0 - e->nrows * efs * 1.3;
    for (int i = 0; i < c->ch->nevents; i++) {
        double ly = top + e->row[i] * efs * 1.3 + efs;
        bc_ops_line(c->ops, e->lx[i], ly - efs * 0.9, e->lx[i], p->y1, c->th->muted, 0.5, 1);
        text(c, 0, efs, c->th->text, e->x0[i], ly, c->ch->events[i].label, 0);
    }
}

static void cartesian(C *c, double x, double y, double w, double h)
{
    const bc_chart *ch = c->ch;
    plot p;
    memset(&p, 0, sizeof p);
    p.horizontal = ch->kind == BC_CHART_HBAR || ch->kind == BC_CHART_DOT;
    make_scale(ch, &p.val, 5);

    /* legend and titles at the top (legend right or bottom when asked) */
    int want_legend = ch->legend != BC_LEGEND_NONE && ch->legend != BC_LEGEND_DIRECT &&
                      (ch->nser > 1 || ch->legend != BC_LEGEND_AUTO);
    bc_chart_legend where = ch->legend == BC_LEGEND_AUTO ? BC_LEGEND_TOP : ch->legend;
    double right_w = 0, top = y, bottom = y + h;
    if (want_legend && where == BC_LEGEND_RIGHT) {
        for (int s = 0; s < ch->nser; s++) right_w = fmax(right_w, width(c, ch->series[s], FS) + 16);
        right_w = fmin(right_w, w * 0.35);
    }
    if (want_legend && where == BC_LEGEND_TOP) {
        top += legend(c, x, top, w, 1);
    }
    if (ch->legend == BC_LEGEND_DIRECT && ch->kind == BC_CHART_LINE) {
        for (int s = 0; s < ch->nser; s++)
            right_w = fmax(right_w, label_width(c, 1, ch->series[s], FS) + 6);
        right_w = fmin(right_w, w * 0.3);
    }
    if (ch->y_title) {
        text(c, 0, FS, c->th->muted, x, top + FS * 1.2, ch->y_title, 0);
        top += FS * 1.8;
    }
    double legend_bottom_h = 0;
    if (want_legend && where == BC_LEGEND_BOTTOM) legend_bottom_h = legend(c, x, 0, w, 0) + FS * 0.6;
    if (ch->x_title) bottom -= FS * 1.8;
    bottom -= legend_bottom_h;

    /* the left margin fits the widest label on the left axis */
    char buf[96];
    double left_w = 0;
    if (p.horizontal) {
        for (int k = 0; k < ch->ncat; k++) left_w = fmax(left_w, width(c, ch->categories[k], FS));
    } else {
        for (int i = 0; i < nticks(&p.val); i++) {
            double v = tick_value(&p.val, i);
            format_tick(ch, v, p.val.log ? v : p.val.step, buf, sizeof buf);
            left_w = fmax(left_w, width(c, buf, FS));
        }
    }
    p.x0 = x + left_w + 6;
    p.x1 = x + w - 2 - right_w;
    if (p.x1 - p.x0 < 40) p.x1 = p.x0 + 40;

    /* category axis */
    if (p.horizontal) {
        p.y0 = top + FS * 0.4;
        p.y1 = bottom - FS * 2.2;
        p.slot = (p.y1 - p.y0) / (ch->ncat > 0 ? ch->ncat : 1);
        /* rows too thin for a label each (a chart held to a page's height): every n-th */
        p.cl.every = ch->label_every > 0 ? ch->label_every : 1;
        while (p.cl.every < ch->ncat && p.slot * p.cl.every < FS * 1.2) p.cl.every++;
        p.val.p0 = p.x0;
        p.val.p1 = p.x1;
    } else {
        p.slot = (p.x1 - p.x0) / (ch->ncat > 0 ? ch->ncat : 1);
        plan_categories(c, p.slot, &p.cl);
        evplan ev = {0};
        plan_events(c, &p, x + w, &ev);
        p.y0 = top + ev.nrows * FS * 0.95 * 1.3 + FS * 0.6;
        p.y1 = bottom - p.cl.height;
        if (p.y1 - p.y0 < 24) p.y0 = p.y1 - 24;
        p.val.p0 = p.y1;
        p.val.p1 = p.y0;
        grid(c, &p);
        if (ch->kind == BC_CHART_BAR) bars(c, &p);
        else if (ch->kind == BC_CHART_AREA) areas(c, &p);
        else lines(c, &p);
        baseline(c, &p);
        category_labels(c, &p);
        references(c, &p);
        draw_events(c, &p, &ev);
        goto titles;
    }
    grid(c, &p);
    if (ch->kind == BC_CHART_HBAR) bars(c, &p);
    else dots(c, &p);
    baseline(c, &p);
    category_labels(c, &p);
    references(c, &p);
titles:
    if (want_legend && where == BC_LEGEND_RIGHT) {
        double ly = p.y0;
        for (int s = 0; s < ch->nser; s++) {
            double lx = p.x1 + 10;
            if (ch->kind == BC_CHART_LINE)
                bc_ops_line(c->ops, lx, ly + FS * 0.6, lx + 9, ly + FS * 0.6, series_color(c, s), 1.6, line_dash(c, s));
            else if (ch->kind == BC_CHART_DOT)
                marker(c, s, lx + 3.5, ly + FS * 0.6, 2.6, series_color(c, s));
            else
                fill_rect(c, s, lx, ly + FS * 0.2, 7, 7, 0);
            text(c, 0, FS, c->th->text, lx + 11, ly + FS, ch->series[s], 0);
            ly += FS * 1.6;
        }
    }
    if (want_legend && where == BC_LEGEND_BOTTOM) legend(c, x, y + h - legend_bottom_h, w, 1);
    if (ch->x_title)
        text(c, 0, FS, c->th->muted, (p.x0 + p.x1) / 2 - width(c, ch->x_title, FS) / 2,
             y + h - legend_bottom_h - FS * 0.4, ch->x_title, 0);
}

/* }====================================================== */

/* {====================================================== donut */

static void donut(C *c, double x, double y, double w, double h)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat;
    double total = 0;
    for (int k = 0; k < nc; k++) {
        double v = ch->values[k];
        if (!isnan(v) && v > 0) total += v;
    }
    double legend_w = 0;
    for (int k = 0; k < nc; k++) legend_w = fmax(legend_w, width(c, ch->categories[k], FS) + 60);
    legend_w = fmin(legend_w, w * 0.5);
    double r = fmin(h, w - legend_w) / 2 - 4, cx = x + r + 4, cy = y + h / 2, ri = r * 0.58;
    if (r < 10) r = 10;
    char buf[128], val[96];
    if (total <= 0) {
        bc_ops_rect(c->ops, cx - r, cy - 0.5, 2 * r, 1, c->th->rule, BC_NO_COLOR, 0);
        text(c, 0, FS, c->th->muted, cx - width(c, "no data", FS) / 2, cy + FS * 0.35, "no data", 0);
        return;
    }
    double a = -PI / 2; /* start at twelve o'clock, clockwise */
    for (int k = 0; k < nc; k++) {
        double v = ch->values[k];
        if (isnan(v) || v <= 0) continue;
        double sweep = v / total * 2 * PI;
        int steps = (int)ceil(sweep / (PI / 60)) + 1;
        float *pt = points(c, steps * 2);
        for (int i = 0; i < steps; i++) {
            double t = a + sweep * i / (steps - 1);
            pt[2 * i] = (float)(cx + r * cos(t));
            pt[2 * i + 1] = (float)(cy + r * sin(t));
            int j = 2 * steps - 1 - i;
            pt[2 * j] = (float)(cx + ri * cos(t));
            pt[2 * j + 1] = (float)(cy + ri * sin(t));
        }
        double t = ch->highlight && !ch->highlight[k] ? 0.55 : 0;
        fill_poly(c, k, pt, steps * 2, t);
        a += sweep;
    }
    format_label(ch, label_decimals(ch), total, val, sizeof val);
    text(c, 1, FS * 1.5, c->th->text, cx - label_width(c, 1, val, FS * 1.5) / 2,
         cy + FS * 0.5, val, 0);
    /* legend with shares, in one number of decimals: whole per cent unless a non-zero share
       would read 0 % (0.3 % of the total is "0.3 %", never "0 %"), or the chart's decimals */
    int share_dec = ch->decimals >= 0 ? ch->decimals : 0;
    for (int k = 0; k < nc && ch->decimals < 0; k++) {
        double v = ch->values[k];
        if (isnan(v) || v <= 0) continue;
        double sh = v / total * 100;
        if (sh < 0.5) {
            int d = (int)ceil(-log10(sh) + 1e-9); /* 0.3 -> 1, 0.04 -> 2 */
            if (d > share_dec) share_dec = d > 6 ? 6 : d;
        }
    }
    double ly = cy - nc * FS * 0.85;
    for (int k = 0; k < nc; k++) {
        double v = ch->values[k];
        double lx = x + 2 * r + 20;
        fill_rect(c, k, lx, ly - FS * 0.75, 7, 7, 0);
        if (isnan(v)) snprintf(buf, sizeof buf, "%s" NBSP "\xE2\x80\x93" NBSP "no data", ch->categories[k]);
        else {
            bc_fmt_number(v > 0 ? v / total * 100 : 0, share_dec, val, sizeof val);
            snprintf(buf, sizeof buf, "%s" NBSP "\xE2\x80\x93" NBSP "%s" NBSP "%%", ch->categories[k], val);
        }
        text(c, 0, FS, c->th->text, lx + 11, ly, buf, 0);
        ly += FS * 1.7;
    }
}

/* }====================================================== */

bc_status bc_chart_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                        double w, double h)
{
    C c = {ch, cx, ops, NULL, NULL, NULL, 0, cx->th};
    c.f = bc_fontset_get(cx->fs, BC_FONT_SANS, cx->err);
    c.fb = c.f ? bc_fontset_get(cx->fs, BC_FONT_SANS_B, cx->err) : NULL;
    if (!c.f || !c.fb) return BC_ERR;
    if (ch->kind == BC_CHART_MAP) return bc_chart_map_draw(ch, cx, ops, x, y, w, h);
    if (ch->kind == BC_CHART_DONUT) donut(&c, x, y, w, h);
    else cartesian(&c, x, y, w, h);
    return BC_OK;
}
