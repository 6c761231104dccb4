/*
** chart_map.c — maps (s:chart{kind = "map"}): regions from GeoJSON or TopoJSON (geo.h)
** projected, fitted to the chart's box (or to the extent asked for, cut at the frame) and
** either filled by class of their value with a legend (a choropleth) or drawn as a locator map
** (regions neutral, the highlighted ones in the accent), with optional points (cities).
**
** The shapes are one vector Form (vec.h, drawn through a BC_OP_IMAGE like an SVG), since a
** region with holes or islands is one path filled even-odd, which a BC_OP_POLY cannot say.
** Each ring is simplified to the page's resolution (Douglas-Peucker, 0.2 pt, between the points
** where TopoJSON arcs meet, so shared borders stay shared) and rings smaller than half a point
** are dropped: a detailed file costs no more than the page can show. Region labels go at the
** pole of inaccessibility of the region's visible part, where the horizontal run at the label's
** baseline, middle and cap height holds it with 4 pt each side; points' labels try eight places
** around the dot and take the first that collides with no dot, label or the frame's edge.
** Labels and the legend are ordinary text and rect ops, in the brief's fonts.
*/
#include "layout/chart_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/geo.h"
#include "layout/image.h"
#include "layout/vec.h"
#include "text/font.h"

#define FS 7.5  /* legend and label size */
#define TOL 0.2 /* points: the simplification's error bound */
#define NODATA 0xD9D9D9u

static uint32_t mix(uint32_t a, uint32_t b, double t)
{
    uint32_t r = 0;
    for (int s = 16; s >= 0; s -= 8) {
        double ca = (a >> s) & 255, cb = (b >> s) & 255;
        r |= (uint32_t)lround(ca + (cb - ca) * t) << s;
    }
    return r;
}

/* A region as drawn: rings in frame coordinates (y down), simplified. */
typedef struct shape {
    int nrings, *ring_len;
    double *xy;
    double b[4]; /* its bounds */
    int shown;   /* any of it inside the frame */
} shape;

/* Simplifies ring v[0..n) (frame coordinates) into out; fixed marks points kept always. */
static int simplify_ring(const double *v, const unsigned char *fixed, int n, double *out,
                         unsigned char *keep, double *piece)
{
    int nf = 0, first = -1;
    for (int i = 0; i < n; i++)
        if (fixed && fixed[i]) {
            nf++;
            if (first < 0) first = i;
        }
    unsigned char *k2 = keep + n;
    memset(keep, 0, (size_t)n);
    int far = 0;
    if (nf < 2) { /* a closed piece from one anchor: split it at the point farthest from it */
        first = first < 0 ? 0 : first;
        double best = -1;
        for (int i = 0; i < n; i++) {
            double dx = v[2 * i] - v[2 * first], dy = v[2 * i + 1] - v[2 * first + 1];
            if (dx * dx + dy * dy > best) best = dx * dx + dy * dy, far = i;
        }
    }
    keep[first] = 1;
    if (nf < 2) keep[far] = 1;
    /* each piece from one anchor to the next, cyclically */
    int a = first;
    for (int step = 0; step < n;) {
        int b = a, len = 1;
        do {
            b = (b + 1) % n, len++, step++;
        } while (!(fixed && fixed[b]) && !(nf < 2 && (b == far || b == first)));
        for (int j = 0; j < len; j++) {
            int i = (a + j) % n;
            piece[2 * j] = v[2 * i], piece[2 * j + 1] = v[2 * i + 1];
        }
        bc_geo_simplify(piece, len, TOL, k2);
        for (int j = 0; j < len; j++)
            if (k2[j]) keep[(a + j) % n] = 1;
        a = b;
    }
    int m = 0;
    for (int i = 0; i < n; i++)
        if (keep[i]) out[2 * m] = v[2 * i], out[2 * m + 1] = v[2 * i + 1], m++;
    return m;
}

static void make_shape(const bc_geo_fit *f, const bc_geo_feature *e, double w, double h,
                       bc_arena *a, shape *sh)
{
    memset(sh, 0, sizeof *sh);
    bc_geo_feature cut; /* Albers about another meridian: cut at its antimeridian (geo_cut.c) */
    void *cut_mem = bc_geo_cut_feature(f->g, e, &cut);
    if (cut_mem) e = &cut;
    sh->ring_len = bc_arena_alloc(a, (size_t)e->nrings * sizeof(int));
    sh->xy = bc_arena_alloc(a, (size_t)e->npts * 2 * sizeof(double));
    double *box = malloc((size_t)e->npts * 2 * sizeof(double) * 2 + 1);
    unsigned char *keep = malloc((size_t)e->npts * 2 + 1);
    if (!box || !keep) {
        free(box), free(keep), free(cut_mem);
        return;
    }
    double *piece = box + 2 * e->npts;
    sh->b[0] = sh->b[1] = HUGE_VAL, sh->b[2] = sh->b[3] = -HUGE_VAL;
    const double *v = e->pts;
    const unsigned char *fx = e->fixed;
    int o = 0;
    for (int r = 0; r < e->nrings; r++) {
        int n = e->ring_len[r];
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        int seen = 0; /* orthographic: a ring wholly behind the globe is left out */
        for (int i = 0; i < n && !seen; i++) seen = bc_geo_visible(f->g, v[2 * i], v[2 * i + 1]);
        for (int i = 0; i < n; i++) {
            bc_geo_to_frame(f, v[2 * i], v[2 * i + 1], &box[2 * i], &box[2 * i + 1]);
            x0 = fmin(x0, box[2 * i]), x1 = fmax(x1, box[2 * i]);
            y0 = fmin(y0, box[2 * i + 1]), y1 = fmax(y1, box[2 * i + 1]);
        }
        int off = !seen || x1 < 0 || y1 < 0 || x0 > w || y0 > h;
        if (!off && (x1 - x0 >= 0.5 || y1 - y0 >= 0.5)) {
            int m = simplify_ring(box, fx, n, sh->xy + 2 * o, keep, piece);
            if (m >= 3) {
                sh->ring_len[sh->nrings++] = m;
                o += m;
                sh->b[0] = fmin(sh->b[0], x0), sh->b[1] = fmin(sh->b[1], y0);
                sh->b[2] = fmax(sh->b[2], x1), sh->b[3] = fmax(sh->b[3], y1);
                sh->shown = 1;
            }
        }
        v += 2 * n;
        if (fx) fx += n;
    }
    free(box);
    free(keep);
    free(cut_mem);
}

static void num(bc_buf *b, double v) /* a coordinate to 0.01 pt */
{
    char s[32];
    int n = snprintf(s, sizeof s, "%.2f", fmin(fmax(v, -1e5), 1e5));
    while (n > 0 && s[n - 1] == '0') n--;
    if (n > 0 && s[n - 1] == '.') n--;
    if (n == 2 && s[0] == '-' && s[1] == '0') s[0] = '0', n = 1;
    s[n++] = ' ';
    bc_buf_add(b, s, (size_t)n);
}

static void shape_path(bc_buf *b, const shape *sh)
{
    const double *v = sh->xy;
    for (int r = 0; r < sh->nrings; r++) {
        for (int i = 0; i < sh->ring_len[r]; i++) {
            num(b, v[2 * i]);
            num(b, v[2 * i + 1]);
            bc_buf_adds(b, i ? "l\n" : "m\n");
        }
        bc_buf_adds(b, "h\n");
        v += 2 * sh->ring_len[r];
    }
}

static void circle(bc_buf *b, double x, double y, double r)
{
    double k = 0.5523 * r;
    bc_buf_printf(b,
                  "%.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c "
                  "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c h\n",
                  x + r, y, x + r, y + k, x + k, y + r, x, y + r, x - k, y + r, x - r, y + k, x - r,
                  y, x - r, y - k, x - k, y - r, x, y - r, x + k, y - r, x + r, y - k, x + r, y);
}

/* The stretch [l, r] of shape sh along the horizontal through (X, Y) that holds X (even-odd).
   0 when X is outside it. */
static int run_at(const shape *sh, double X, double Y, double *l, double *r)
{
    double left = -HUGE_VAL, right = HUGE_VAL;
    int crossings = 0;
    const double *v = sh->xy;
    for (int k = 0; k < sh->nrings; k++) {
        int n = sh->ring_len[k];
        for (int i = 0; i < n; i++) {
            double x0 = v[2 * i], y0 = v[2 * i + 1];
            double x1 = v[2 * ((i + 1) % n)], y1 = v[2 * ((i + 1) % n) + 1];
            if ((y0 > Y) == (y1 > Y)) continue;
            double x = x0 + (Y - y0) / (y1 - y0) * (x1 - x0);
            if (x < X) {
                crossings++;
                if (x > left) left = x;
            } else if (x < right)
                right = x;
        }
        v += 2 * n;
    }
    *l = left, *r = right;
    return crossings % 2 == 1 && isfinite(left) && isfinite(right);
}

static void text(bc_ops *o, bc_font *f, int face, bc_arena *a, double size, uint32_t color,
                 double x, double y, const char *s)
{
    size_t n = strlen(s);
    const char *c = bc_arena_strndup(a, s, n);
    bc_font_use(f, c, n);
    bc_ops_text(o, face, size, color, x, y, c, n);
}

typedef struct classes {
    double e[BC_GEO_MAX_CLASSES + 1];
    int k;
    uint32_t light, dark;
} classes;

static uint32_t class_color(const classes *cl, int c)
{
    return mix(cl->light, cl->dark, cl->k > 1 ? (double)c / (cl->k - 1) : 1);
}

/* The legend at (x, y): the value's title, a swatch per class with its range, then "no data". */
static void draw_legend(bc_ops *ops, bc_font *font, bc_arena *a, const bc_theme *th,
                        const bc_chart *ch, double x, double y, const classes *cl, int missing)
{
    double lx = x, ly = y;
    if (ch->series && ch->series[0] && ch->series[0][0]) { /* the value's title */
        text(ops, font, BC_FONT_SANS, a, FS, th->text, lx, ly + FS * 0.75, ch->series[0]);
        lx += bc_font_width(font, ch->series[0], strlen(ch->series[0]), FS) + 10;
    }
    char a1[64], a2[64], buf[160];
    for (int i = 0; i < cl->k; i++) {
        double step = (cl->e[cl->k] - cl->e[0]) / cl->k;
        bc_ops_rect(ops, lx, ly, 10, 7, class_color(cl, i), BC_NO_COLOR, 0);
        bc_chart_format(cl->e[i], step, a1, sizeof a1);
        bc_chart_format(cl->e[i + 1], step, a2, sizeof a2);
        snprintf(buf, sizeof buf, "%s\xE2\x80\x93%s", a1, a2);
        text(ops, font, BC_FONT_SANS, a, FS, th->muted, lx + 13, ly + FS * 0.75, buf);
        lx += 13 + bc_font_width(font, buf, strlen(buf), FS) + 8;
    }
    if (missing) {
        bc_ops_rect(ops, lx, ly, 10, 7, NODATA, 0x808080, 0.4);
        bc_ops_line(ops, lx, ly + 7, lx + 7, ly, 0x808080, 0.4, 0);
        bc_ops_line(ops, lx + 3, ly + 7, lx + 10, ly, 0x808080, 0.4, 0);
        text(ops, font, BC_FONT_SANS, a, FS, th->muted, lx + 13, ly + FS * 0.75, "no data");
    }
}

/* The classes of the chart's values; k = 0 when it has none. */
static void make_classes(const bc_chart *ch, const bc_geo *g, classes *cl, int *missing)
{
    *missing = 0;
    cl->k = 0;
    for (int i = 0; i < ch->ncat; i++) *missing |= isnan(ch->values[i]);
    if (g->breaks == BC_BREAKS_GIVEN) {
        for (int i = 0; i < g->ngiven; i++) cl->e[i] = g->given[i];
        cl->k = g->ngiven - 1;
    } else if (g->breaks == BC_BREAKS_EQUAL && g->nclasses == 0) { /* nice equal steps */
        double lo = HUGE_VAL, hi = -HUGE_VAL, alo, ahi, step;
        for (int i = 0; i < ch->ncat; i++)
            if (!isnan(ch->values[i])) lo = fmin(lo, ch->values[i]), hi = fmax(hi, ch->values[i]);
        if (lo > hi) return;
        if (hi - lo < 1e-12 * fmax(1, fabs(hi))) hi = lo + (lo != 0 ? fabs(lo) : 1);
        bc_chart_ticks(lo, hi, 5, &alo, &ahi, &step);
        int k = (int)lround((ahi - alo) / step);
        cl->k = k < 1 ? 1 : k > BC_GEO_MAX_CLASSES ? BC_GEO_MAX_CLASSES : k;
        for (int i = 0; i <= cl->k; i++) cl->e[i] = alo + i * step;
    } else {
        cl->k = bc_geo_breaks_of(ch->values, ch->ncat, g->breaks, g->nclasses, cl->e);
    }
}

typedef struct boxes {
    double (*b)[4];
    int n, cap;
} boxes; /* placed labels and dots */

static int collides(const boxes *bx, const double *r)
{
    for (int i = 0; i < bx->n; i++)
        if (r[0] < bx->b[i][2] && bx->b[i][0] < r[2] && r[1] < bx->b[i][3] && bx->b[i][1] < r[3])
            return 1;
    return 0;
}

static void add_box(boxes *bx, double x0, double y0, double x1, double y1)
{
    if (bx->n < bx->cap) {
        double *r = bx->b[bx->n++];
        r[0] = x0, r[1] = y0, r[2] = x1, r[3] = y1;
    }
}

/* The points' dots into the Form, their labels as ops where one of eight places is free. */
static void draw_marks(bc_buf *c, bc_ops *ops, bc_font *const *fonts, bc_arena *a,
                       const bc_theme *th, const bc_geo_fit *f, double x, double y, double w,
                       double h, boxes *bx)
{
    const bc_geo *g = f->g;
    double fs = FS * 0.95, asc = fs * 0.72;
    for (int i = 0; i < g->nmarks; i++) { /* every dot first: labels avoid them all */
        double X, Y;
        bc_geo_to_frame(f, g->marks[i].lon, g->marks[i].lat, &X, &Y);
        double r = g->marks[i].capital ? 2.6 : 1.7;
        if (X < 0 || Y < 0 || X > w || Y > h ||
            !bc_geo_visible(g, g->marks[i].lon, g->marks[i].lat))
            continue;
        bc_buf_printf(c, "%.3f %.3f %.3f rg 1 1 1 RG 0.6 w\n", (th->text >> 16) / 255.0,
                      (th->text >> 8 & 255) / 255.0, (th->text & 255) / 255.0);
        circle(c, X, Y, r);
        bc_buf_adds(c, "B\n");
        if (g->marks[i].capital) {
            bc_buf_adds(c, "1 1 1 rg\n");
            circle(c, X, Y, 1.0);
            bc_buf_adds(c, "f\n");
        }
        add_box(bx, X - r, Y - r, X + r, Y + r);
    }
    for (int i = 0; i < g->nmarks; i++) {
        double X, Y;
        bc_geo_to_frame(f, g->marks[i].lon, g->marks[i].lat, &X, &Y);
        if (X < 0 || Y < 0 || X > w || Y > h ||
            !bc_geo_visible(g, g->marks[i].lon, g->marks[i].lat))
            continue;
        const char *s = g->marks[i].name;
        bc_font *font = fonts[g->marks[i].capital != 0];
        double tw = bc_font_width(font, s, strlen(s), fs), r = g->marks[i].capital ? 2.6 : 1.7,
               gap = r + 1.5;
        /* right, left, above, below, then the four corners: baseline's left end */
        double at[8][2] = {{X + gap, Y + asc / 2},
                           {X - gap - tw, Y + asc / 2},
                           {X - tw / 2, Y - gap},
                           {X - tw / 2, Y + gap + asc},
                           {X + gap * 0.7, Y - gap * 0.7},
                           {X - gap * 0.7 - tw, Y - gap * 0.7},
                           {X + gap * 0.7, Y + gap * 0.7 + asc},
                           {X - gap * 0.7 - tw, Y + gap * 0.7 + asc}};
        for (int k = 0; k < 8; k++) {
            double rr[4] = {at[k][0] - 1, at[k][1] - asc - 1, at[k][0] + tw + 1,
                            at[k][1] + fs * 0.22 + 1};
            if (rr[0] < 1 || rr[1] < 1 || rr[2] > w - 1 || rr[3] > h - 1 || collides(bx, rr))
                continue;
            add_box(bx, rr[0], rr[1], rr[2], rr[3]);
            text(ops, font, g->marks[i].capital ? BC_FONT_SANS_B : BC_FONT_SANS, a, fs, th->text,
                 x + at[k][0], y + at[k][1], s);
            break;
        }
    }
}

/* Region labels at each shown region's pole of inaccessibility, where they fit. */
static void draw_labels(bc_ops *ops, bc_font *const *fonts, bc_arena *a, const bc_theme *th,
                        const bc_chart *ch, const shape *sh, const classes *cl, double x, double y,
                        double w, double h, boxes *bx)
{
    const bc_geo *g = ch->geo;
    double fs = FS * 0.85;
    for (int i = 0; g->labels && i < g->n; i++) {
        if (!sh[i].shown) continue;
        const char *name = g->f[i].name;
        bc_font *font = fonts[g->f[i].highlight != 0];
        double tw = bc_font_width(font, name, strlen(name), fs), X, Y;
        double d = bc_geo_pole(sh[i].xy, sh[i].ring_len, sh[i].nrings, 0, 0, w, h, 0.5, &X, &Y);
        if (d < fs * 0.6) continue;
        /* the region's run at the label's baseline, middle and cap height: the narrowest */
        double l = -HUGE_VAL, r = HUGE_VAL, rl, rr;
        int inside = 1;
        for (int at = -1; at <= 1 && inside; at++) {
            inside = run_at(&sh[i], X, Y + at * fs * 0.42, &rl, &rr);
            l = fmax(l, rl);
            r = fmin(r, rr);
        }
        l = fmax(l, 0), r = fmin(r, w);
        if (!inside || tw > r - l - 8) continue; /* it does not fit, with 4 pt each side */
        X = fmin(fmax(X, l + 4 + tw / 2), r - 4 - tw / 2);
        double box[4] = {X - tw / 2, Y - fs * 0.45, X + tw / 2, Y + fs * 0.45};
        if (collides(bx, box)) continue;
        add_box(bx, box[0], box[1], box[2], box[3]);
        double v = i < ch->ncat ? ch->values[i] : NAN;
        uint32_t color = g->locator ? (g->f[i].highlight ? th->text : th->muted) : th->text;
        if (!g->locator && !isnan(v) && cl->k > 1 &&
            (double)bc_geo_class(cl->e, cl->k, v) / (cl->k - 1) > 0.5)
            color = 0xFFFFFF; /* white on dark classes */
        text(ops, font, g->f[i].highlight ? BC_FONT_SANS_B : BC_FONT_SANS, a, fs, color,
             x + X - tw / 2, y + Y + fs * 0.3, name);
    }
}

/* The world's outline: the meridians of 180 degrees east and west, pole to pole; the globe's
   rim for orthographic (a circle of a radian about the centre, in four Bezier arcs). */
static void outline(bc_buf *b, const bc_geo_fit *f)
{
    if (f->g->proj == BC_PROJ_ORTHO) {
        double r = f->s * 180 / 3.14159265358979323846, cx = f->ox, cy = f->oy + f->top * f->s;
        circle(b, cx, cy, r);
        return;
    }
    for (int i = 0; i <= 72; i++) {
        double X, Y, lat = i <= 36 ? -90 + 5 * i : 90 - 5 * (i - 36);
        bc_geo_to_frame(f, i <= 36 ? 180 : -180, lat, &X, &Y);
        num(b, X);
        num(b, Y);
        bc_buf_adds(b, i ? "l\n" : "m\n");
    }
    bc_buf_adds(b, "h\n");
}

static void rgb(bc_buf *b, uint32_t c, const char *op)
{
    bc_buf_printf(b, "%.3f %.3f %.3f %s\n", (c >> 16) / 255.0, (c >> 8 & 255) / 255.0,
                  (c & 255) / 255.0, op);
}

/* The hatch over shape sh, clipped to it. */
static void hatch(bc_buf *c, const shape *sh)
{
    bc_buf_adds(c, "q\n");
    shape_path(c, sh);
    bc_buf_adds(c, "W* n 0.5 0.5 0.5 RG 0.4 w\n");
    double x0 = sh->b[0], y0 = sh->b[1], x1 = sh->b[2], y1 = sh->b[3];
    for (double d = floor((x0 - (y1 - y0)) / 3) * 3; d < x1; d += 3) {
        num(c, d);
        num(c, y1);
        bc_buf_adds(c, "m ");
        num(c, d + (y1 - y0));
        num(c, y0);
        bc_buf_adds(c, "l\n");
    }
    bc_buf_adds(c, "S Q\n");
}

bc_status bc_chart_map_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                            double w, double h)
{
    const bc_geo *g = ch->geo;
    bc_font *font = bc_fontset_get(cx->fs, BC_FONT_SANS, cx->err);
    bc_font *fonts[2] = {font, font ? bc_fontset_get(cx->fs, BC_FONT_SANS_B, cx->err) : NULL};
    if (!g || !font || !fonts[1]) return BC_ERR;
    const bc_theme *th = cx->th;
    int missing = 0;
    classes cl;
    if (!g->locator)
        make_classes(ch, g, &cl, &missing);
    else
        cl.k = 0;
    int mono = ch->mono >= 0 ? ch->mono : th->chart_mono;
    cl.light = mono ? 0xE6E6E6 : mix(th->accent, 0xFFFFFF, 0.82);
    cl.dark = mono ? 0x262626 : th->accent;
    /* the map's frame: the box less the legend below it */
    int legend = !g->locator && ch->legend != BC_LEGEND_NONE && (cl.k > 0 || missing);
    double lh = legend ? FS * 3.2 : 0, mh = h - lh;
    bc_geo_fit f;
    bc_geo_fit_frame(g, w, mh, &f);
    shape *sh = bc_arena_alloc(cx->a, (size_t)g->n * sizeof *sh);
    for (int i = 0; i < g->n; i++) {
        const bc_geo_feature *e = &g->f[i];
        make_shape(&f, e, w, mh, cx->a, &sh[i]); /* rings off the frame are left out there */
    }
    /* the shapes, one Form the size of the map frame, in points with y down */
    bc_vec_builder b;
    memset(&b, 0, sizeof b);
    b.vw = (float)w, b.vh = (float)mh;
    /* to the Form's unit square, exactly: 4 decimals of 1/463 would move the far side 2 % */
    bc_buf_printf(&b.content, "q %.9g 0 0 %.9g 0 1 cm 1 J 1 j\n", 1 / w, -1 / mh);
    uint32_t land = mono ? 0xF2F2F2 : 0xF1EEE8, sea = mono ? 0xFFFFFF : 0xE6EFF5;
    int globe = !g->has_extent && (g->proj == BC_PROJ_NATURAL_EARTH || g->proj == BC_PROJ_ORTHO);
    if (g->locator) { /* the sea: the frame, or the whole world's outline */
        rgb(&b.content, sea, "rg");
        if (globe)
            outline(&b.content, &f);
        else
            bc_buf_printf(&b.content, "0 0 %.2f %.2f re\n", w, mh);
        bc_buf_adds(&b.content, "f\n");
    }
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < g->n; i++) { /* highlighted regions last: their outline stays whole */
            if (!sh[i].shown || (g->locator && (g->f[i].highlight != 0) != pass) ||
                (!g->locator && pass))
                continue;
            double v = i < ch->ncat ? ch->values[i] : NAN;
            uint32_t c = NODATA, stroke = 0xFFFFFF;
            if (g->locator) {
                c = g->f[i].highlight ? mix(cl.dark, 0xFFFFFF, 0.55) : land;
                stroke = g->f[i].highlight ? mix(cl.dark, 0xFFFFFF, 0.15) : 0xA6A6A6;
            } else if (!isnan(v)) {
                c = class_color(&cl, bc_geo_class(cl.e, cl.k, v));
            }
            rgb(&b.content, c, "rg");
            rgb(&b.content, stroke, "RG");
            bc_buf_adds(&b.content, g->locator ? "0.5 w\n" : "0.6 w\n");
            shape_path(&b.content, &sh[i]);
            bc_buf_adds(&b.content, "B*\n");
            if (!g->locator && isnan(v)) hatch(&b.content, &sh[i]);
        }
    boxes bx = {bc_arena_alloc(cx->a, (size_t)(2 * g->nmarks + g->n + 1) * sizeof *bx.b), 0,
                2 * g->nmarks + g->n + 1};
    int first = ops->n;
    draw_marks(&b.content, ops, fonts, cx->a, th, &f, x, y, w, mh, &bx);
    if (g->locator) {
        rgb(&b.content, 0x8C8C8C, "RG");
        if (globe)
            outline(&b.content, &f);
        else
            bc_buf_printf(&b.content, "0 0 %.2f %.2f re\n", w, mh);
        bc_buf_adds(&b.content, "0.5 w S\n");
    }
    bc_buf_adds(&b.content, "Q\n");
    bc_image *img = bc_arena_alloc(cx->a, sizeof *img);
    size_t blen;
    const unsigned char *blob = bc_vec_finish(&b, cx->a, &blen);
    bc_image_vector(img, blob, blen, w, mh, "map");
    /* the Form goes under the points' labels pushed already: it moves before them */
    bc_image_op(ops, img, x, y, w, mh);
    if (ops->n - 1 > first) {
        bc_op form = ops->v[ops->n - 1];
        memmove(&ops->v[first + 1], &ops->v[first], (size_t)(ops->n - 1 - first) * sizeof form);
        ops->v[first] = form;
    }
    draw_labels(ops, fonts, cx->a, th, ch, sh, &cl, x, y, w, mh, &bx);
    if (legend) draw_legend(ops, font, cx->a, th, ch, x, y + mh + FS * 1.2, &cl, missing);
    return BC_OK;
}
