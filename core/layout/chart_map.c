/*
** chart_map.c — choropleth maps (s:chart{kind = "map"}): regions from GeoJSON (geo.h)
** projected, fitted to the chart's box and filled by class of their value, with a legend.
**
** The shapes are one vector Form (vec.h, drawn through a BC_OP_IMAGE like an SVG), since a
** region with holes or islands is one path filled even-odd, which a BC_OP_POLY cannot say;
** labels and the legend are ordinary text and rect ops, in the brief's fonts. Points closer
** than a third of a point to the last one kept are dropped: a detailed file costs no more
** than the page can show. Regions with no value are grey with a hatch.
*/
#include "layout/chart_map.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/geo.h"
#include "layout/image.h"
#include "layout/vec.h"
#include "text/font.h"

#define FS 7.5          /* legend and label size */
#define SIMPLIFY 0.33   /* points: closer points are dropped */
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

typedef struct fit {
    const bc_geo *g;
    bc_geo_proj proj;
    double s, ox, oy, top; /* X = ox + x s, Y = oy + (top - y) s */
} fit;

static void to_box(const fit *f, double lon, double lat, double *X, double *Y)
{
    double x, y;
    bc_geo_project(f->g, f->proj, lon, lat, &x, &y);
    *X = f->ox + x * f->s;
    *Y = f->oy + (f->top - y) * f->s;
}

/* The rings of feature e as a path in box coordinates (relative to the box's corner). */
static void feature_path(bc_vec_builder *b, const fit *f, const bc_geo_feature *e, double bx, double by)
{
    const double *v = e->pts;
    for (int r = 0; r < e->nrings; r++) {
        int n = e->ring_len[r], kept = 0;
        double lx = 0, ly = 0;
        for (int i = 0; i < n; i++) {
            double X, Y;
            to_box(f, v[2 * i], v[2 * i + 1], &X, &Y);
            X -= bx, Y -= by;
            if (kept && i < n - 1 && fabs(X - lx) < SIMPLIFY && fabs(Y - ly) < SIMPLIFY) continue;
            bc_vec_num(b, X);
            bc_vec_num(b, Y);
            bc_buf_adds(&b->content, kept ? "l\n" : "m\n");
            lx = X, ly = Y, kept++;
        }
        bc_buf_adds(&b->content, "h\n");
        v += 2 * n;
    }
}

/* The stretch [l, r] of region e, along the horizontal through (X, Y) in the box, that holds X
   (even-odd, as the region is filled). 0 when X is outside it. */
static int run_at(const fit *f, const bc_geo_feature *e, double X, double Y, double *l, double *r)
{
    double left = -HUGE_VAL, right = HUGE_VAL;
    int crossings = 0;
    const double *v = e->pts;
    for (int k = 0; k < e->nrings; k++) {
        int n = e->ring_len[k];
        for (int i = 0; i < n; i++) {
            double x0, y0, x1, y1;
            to_box(f, v[2 * i], v[2 * i + 1], &x0, &y0);
            to_box(f, v[2 * ((i + 1) % n)], v[2 * ((i + 1) % n) + 1], &x1, &y1);
            if ((y0 > Y) == (y1 > Y)) continue;
            double x = x0 + (Y - y0) / (y1 - y0) * (x1 - x0);
            if (x < X) { crossings++; if (x > left) left = x; }
            else if (x < right) right = x;
        }
        v += 2 * n;
    }
    *l = left, *r = right;
    return crossings % 2 == 1 && isfinite(left) && isfinite(right);
}

static void text(bc_ops *o, bc_font *f, bc_arena *a, double size, uint32_t color, double x,
                 double y, const char *s)
{
    size_t n = strlen(s);
    const char *c = bc_arena_strndup(a, s, n);
    bc_font_use(f, c, n);
    bc_ops_text(o, BC_FONT_SANS, size, color, x, y, c, n);
}

/* The classes: k nice equal intervals of step from alo, coloured from light to dark. */
typedef struct classes { double alo, step; int k; uint32_t light, dark; } classes;

/* The legend at (x, y): the value's title, a swatch per class with its range, then "no data". */
static void draw_legend(bc_ops *ops, bc_font *font, bc_arena *a, const bc_theme *th,
                        const bc_chart *ch, double x, double y, const classes *cl, int missing)
{
    double lx = x, ly = y;
    if (ch->series && ch->series[0] && ch->series[0][0]) { /* the value's title */
        text(ops, font, a, FS, th->text, lx, ly + FS * 0.75, ch->series[0]);
        lx += bc_font_width(font, ch->series[0], strlen(ch->series[0]), FS) + 10;
    }
    char a1[64], a2[64], buf[160];
    for (int i = 0; i < cl->k; i++) {
        uint32_t c = mix(cl->light, cl->dark, cl->k > 1 ? (double)i / (cl->k - 1) : 1);
        bc_ops_rect(ops, lx, ly, 10, 7, c, BC_NO_COLOR, 0);
        bc_chart_format(cl->alo + i * cl->step, cl->step, a1, sizeof a1);
        bc_chart_format(cl->alo + (i + 1) * cl->step, cl->step, a2, sizeof a2);
        snprintf(buf, sizeof buf, "%s\xE2\x80\x93%s", a1, a2);
        text(ops, font, a, FS, th->muted, lx + 13, ly + FS * 0.75, buf);
        lx += 13 + bc_font_width(font, buf, strlen(buf), FS) + 8;
    }
    if (missing) {
        bc_ops_rect(ops, lx, ly, 10, 7, NODATA, 0x808080, 0.4);
        bc_ops_line(ops, lx, ly + 7, lx + 7, ly, 0x808080, 0.4, 0);
        bc_ops_line(ops, lx + 3, ly + 7, lx + 10, ly, 0x808080, 0.4, 0);
        text(ops, font, a, FS, th->muted, lx + 13, ly + FS * 0.75, "no data");
    }
}

bc_status bc_chart_map_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                            double w, double h)
{
    const bc_geo *g = ch->geo;
    bc_font *font = bc_fontset_get(cx->fs, BC_FONT_SANS, cx->err);
    if (!g || !font) return BC_ERR;
    const bc_theme *th = cx->th;
    /* classes: nice equal intervals over the values */
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    int missing = 0;
    for (int i = 0; i < ch->ncat; i++) {
        double v = ch->values[i];
        if (isnan(v)) missing = 1;
        else lo = fmin(lo, v), hi = fmax(hi, v);
    }
    double alo = 0, ahi = 1, step = 1;
    int k = 0;
    if (lo <= hi) {
        if (hi - lo < 1e-12 * fmax(1, fabs(hi))) hi = lo + (lo != 0 ? fabs(lo) : 1);
        bc_chart_ticks(lo, hi, 5, &alo, &ahi, &step);
        k = (int)lround((ahi - alo) / step);
        if (k < 1) k = 1;
        if (k > 9) k = 9;
    }
    int mono = ch->mono >= 0 ? ch->mono : th->chart_mono;
    uint32_t light = mono ? 0xE6E6E6 : mix(th->accent, 0xFFFFFF, 0.82), dark = mono ? 0x262626 : th->accent;
    classes cl = {alo, step, k, light, dark};
    /* the map's frame: the box less the legend below it */
    int legend = ch->legend != BC_LEGEND_NONE && (k > 0 || missing);
    double lh = legend ? FS * 3.2 : 0, mh = h - lh;
    fit f = {g, g->proj, 1, 0, 0, 0};
    double px0 = HUGE_VAL, py0 = HUGE_VAL, px1 = -HUGE_VAL, py1 = -HUGE_VAL;
    for (int i = 0; i < g->n; i++)
        for (int p = 0; p < g->f[i].npts; p++) {
            double X, Y;
            bc_geo_project(g, g->proj, g->f[i].pts[2 * p], g->f[i].pts[2 * p + 1], &X, &Y);
            px0 = fmin(px0, X), px1 = fmax(px1, X), py0 = fmin(py0, Y), py1 = fmax(py1, Y);
        }
    double sw = px1 - px0 > 0 ? w / (px1 - px0) : 1, sh = py1 - py0 > 0 ? mh / (py1 - py0) : 1;
    f.s = fmin(sw, sh);
    f.top = py1;
    f.ox = x + (w - (px1 - px0) * f.s) / 2 - px0 * f.s;
    f.oy = y + (mh - (py1 - py0) * f.s) / 2;
    /* the shapes, one Form the size of the map frame, in points with y down */
    bc_vec_builder b;
    memset(&b, 0, sizeof b);
    b.vw = (float)w, b.vh = (float)mh;
    bc_buf_adds(&b.content, "q ");
    bc_vec_num(&b, 1 / w);
    bc_buf_adds(&b.content, "0 0 ");
    bc_vec_num(&b, -1 / mh);
    bc_buf_adds(&b.content, "0 1 cm 1 J 1 j\n");
    for (int i = 0; i < g->n && i < ch->ncat; i++) {
        double v = ch->values[i];
        uint32_t c = NODATA;
        if (!isnan(v)) {
            int cls = (int)floor((v - alo) / step);
            if (cls >= k) cls = k - 1;
            if (cls < 0) cls = 0;
            c = mix(light, dark, k > 1 ? (double)cls / (k - 1) : 1);
        }
        bc_buf_printf(&b.content, "%.3f %.3f %.3f rg 1 1 1 RG 0.6 w\n", (c >> 16) / 255.0,
                      (c >> 8 & 255) / 255.0, (c & 255) / 255.0);
        feature_path(&b, &f, &g->f[i], x, y);
        bc_buf_adds(&b.content, "B*\n");
        if (isnan(v)) { /* the hatch, clipped to the region */
            bc_buf_adds(&b.content, "q\n");
            feature_path(&b, &f, &g->f[i], x, y);
            bc_buf_adds(&b.content, "W* n 0.5 0.5 0.5 RG 0.4 w\n");
            double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
            for (int p = 0; p < g->f[i].npts; p++) { /* lines over the region's box only */
                double X, Y;
                to_box(&f, g->f[i].pts[2 * p], g->f[i].pts[2 * p + 1], &X, &Y);
                x0 = fmin(x0, X - x), x1 = fmax(x1, X - x), y0 = fmin(y0, Y - y), y1 = fmax(y1, Y - y);
            }
            for (double d = floor((x0 - (y1 - y0)) / 3) * 3; d < x1; d += 3) {
                bc_vec_num(&b, d);
                bc_vec_num(&b, y1);
                bc_buf_adds(&b.content, "m ");
                bc_vec_num(&b, d + (y1 - y0));
                bc_vec_num(&b, y0);
                bc_buf_adds(&b.content, "l\n");
            }
            bc_buf_adds(&b.content, "S Q\n");
        }
    }
    bc_buf_adds(&b.content, "Q\n");
    bc_image *img = bc_arena_alloc(cx->a, sizeof *img);
    size_t blen;
    const unsigned char *blob = bc_vec_finish(&b, cx->a, &blen);
    bc_image_vector(img, blob, blen, w, mh, "map");
    bc_image_op(ops, img, x, y, w, mh);
    /* labels at each region's centroid, where they fit */
    for (int i = 0; g->labels && i < g->n; i++) {
        double X, Y, v = i < ch->ncat ? ch->values[i] : NAN;
        to_box(&f, g->f[i].lx, g->f[i].ly, &X, &Y);
        double tw = bc_font_width(font, g->f[i].name, strlen(g->f[i].name), FS * 0.85);
        /* the region's run at the label's baseline, middle and cap height: the narrowest */
        double l = -HUGE_VAL, r = HUGE_VAL, rl, rr;
        int inside = 1;
        for (int at = -1; at <= 1 && inside; at++) {
            inside = run_at(&f, &g->f[i], X, Y + at * FS * 0.35, &rl, &rr);
            l = fmax(l, rl);
            r = fmin(r, rr);
        }
        if (!inside || tw > r - l - 8) continue; /* it does not fit, with 4 pt each side */
        X = fmin(fmax(X, l + 4 + tw / 2), r - 4 - tw / 2);
        int cls = isnan(v) ? -1 : (int)fmin(fmax(floor((v - alo) / step), 0), k - 1);
        int dark_fill = cls >= 0 && k > 1 && (double)cls / (k - 1) > 0.5; /* white on dark */
        text(ops, font, cx->a, FS * 0.85, dark_fill ? 0xFFFFFF : th->text, X - tw / 2, Y + FS * 0.3,
             g->f[i].name);
    }
    if (legend) draw_legend(ops, font, cx->a, th, ch, x, y + mh + FS * 1.2, &cl, missing);
    return BC_OK;
}
