/*
** geo_cut.c — regions cut at the antimeridian of a projection turned about its central
** meridian (Albers: lon - l0), as d3-geo's clipAntimeridian does. The reader cuts rings at
** 180 degrees (geo.c), which is the projection's edge only when l0 is 0: with a centre at
** 170 E the edge is at 10 W, and a ring across it (Spain, Mali; Antarctica's coast) would join
** its two sides with a line across the whole map. Here each ring is read in longitudes about
** l0 (-180..180), unwrapped where it steps across the edge, and clipped to the window between
** the two sides of the edge (Sutherland-Hodgman, the window and its copies a turn east and
** west), so that each side is a ring of its own and the cut runs along the edge. A ring around
** a pole is closed along the edge and the pole first (the pole's side densified, as a conic
** draws it as an arc), so that its cap is filled as d3 fills it. Points on the cut are fixed
** (kept by simplification, as shared borders are).
*/
#include "layout/geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EDGE (180 - 1e-7) /* the cut, nudged inside so that lon - l0 keeps its side */
#define POLE_STEP 2.0     /* degrees between points along a pole */

typedef struct cutbuf {
    double *xy;
    unsigned char *fx;
    int n, cap;
    int *len;
    int nrings, rcap;
} cutbuf;

static int cb_point(cutbuf *c, double x, double y, unsigned char f)
{
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 256;
        double *xy = realloc(c->xy, (size_t)cap * 2 * sizeof *xy);
        unsigned char *fx = xy ? realloc(c->fx, (size_t)cap) : NULL;
        if (xy) c->xy = xy;
        if (!fx) return 0;
        c->fx = fx, c->cap = cap;
    }
    c->xy[2 * c->n] = x, c->xy[2 * c->n + 1] = y, c->fx[c->n++] = f;
    return 1;
}

static int cb_ring(cutbuf *c, int len)
{
    if (c->nrings == c->rcap) {
        int cap = c->rcap ? 2 * c->rcap : 16;
        int *l = realloc(c->len, (size_t)cap * sizeof *l);
        if (!l) return 0;
        c->len = l, c->rcap = cap;
    }
    c->len[c->nrings++] = len;
    return 1;
}

/* One Sutherland-Hodgman pass: the part of ring (in, n) on the kept side of x = at. */
static int clip_side(const double *in, const unsigned char *fi, int n, double at, int keep_le,
                     double *out, unsigned char *fo)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        double ax = in[2 * i], ay = in[2 * i + 1], bx = in[2 * j], by = in[2 * j + 1];
        int ain = keep_le ? ax <= at : ax >= at, bin = keep_le ? bx <= at : bx >= at;
        if (ain) out[2 * m] = ax, out[2 * m + 1] = ay, fo[m++] = fi[i];
        if (ain != bin)
            out[2 * m] = at, out[2 * m + 1] = ay + (by - ay) * (at - ax) / (bx - ax), fo[m++] = 1;
    }
    return m;
}

/* The unwrapped ring u (n points) shifted by shift, clipped to [-180, 180], appended to c as
   longitudes about l0 (+ l0). 0 when out of memory. */
static int put_window(cutbuf *c, const double *u, const unsigned char *uf, int n, double shift,
                      double l0, double *t1, double *t2, unsigned char *f1, unsigned char *f2)
{
    for (int i = 0; i < n; i++) t1[2 * i] = u[2 * i] + shift, t1[2 * i + 1] = u[2 * i + 1];
    memcpy(f1, uf, (size_t)n);
    int m = clip_side(t1, f1, n, 180, 1, t2, f2);
    m = m ? clip_side(t2, f2, m, -180, 0, t1, f1) : 0;
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int i = 0; i < m; i++) lo = fmin(lo, t1[2 * i]), hi = fmax(hi, t1[2 * i]);
    if (m < 3 || hi - lo < 1e-9) return 1; /* nothing, or a sliver along the edge */
    for (int i = 0; i < m; i++) {
        double x = fmax(-EDGE, fmin(EDGE, t1[2 * i]));
        if (!cb_point(c, x + l0, t1[2 * i + 1], f1[i])) return 0;
    }
    return cb_ring(c, m);
}

/* Ring v (n lon, lat points) into c: as it is when it does not cross the edge, else cut. */
static int cut_ring(cutbuf *c, const double *v, const unsigned char *fx, int n, double l0)
{
    int jumps = 0, first = -1;
    double turn = 0, mlat = 0;
    for (int i = 0; i < n; i++) {
        double a = remainder(v[2 * i] - l0, 360), b = remainder(v[2 * ((i + 1) % n)] - l0, 360);
        double d = b - a;
        if (fabs(d) > 180) {
            jumps++;
            if (first < 0) first = (i + 1) % n;
        }
        turn += d > 180 ? d - 360 : d < -180 ? d + 360 : d;
        mlat += v[2 * i + 1] / n;
    }
    if (!jumps) {
        for (int i = 0; i < n; i++)
            if (!cb_point(c, v[2 * i], v[2 * i + 1], fx ? fx[i] : 0)) return 0;
        return cb_ring(c, n);
    }
    int pole = fabs(turn) > 180;
    /* unwrapped from the point after the first step across, then a pole ring's closing path:
       along the meridian it started on (a turn on) to the pole, and back along the pole */
    int extra = pole ? (int)(360 / POLE_STEP) + 3 : 0, cap = 4 * (n + extra) + 8;
    double *u = malloc((size_t)cap * 2 * sizeof *u * 3); /* u, then two clipping buffers */
    unsigned char *uf = malloc((size_t)cap * 3);
    if (!u || !uf) return free(u), free(uf), 0;
    double *t1 = u + 2 * cap, *t2 = t1 + 2 * cap;
    unsigned char *f1 = uf + cap, *f2 = f1 + cap;
    int k = 0;
    double prev = 0;
    for (int s = 0; s < n; s++) {
        int i = (first + s) % n;
        double a = remainder(v[2 * i] - l0, 360);
        if (s) {
            double d = a - remainder(prev, 360);
            a = prev + (d > 180 ? d - 360 : d < -180 ? d + 360 : d);
        }
        u[2 * k] = prev = a, u[2 * k + 1] = v[2 * i + 1], uf[k++] = fx ? fx[i] : 0;
    }
    if (pole) {
        double p = mlat < 0 ? -90 : 90, x0 = u[0], x1 = u[0] + (turn > 0 ? 360 : -360);
        u[2 * k] = x1, u[2 * k + 1] = u[1], uf[k++] = 1;
        for (int s = 0; s <= (int)(360 / POLE_STEP); s++) {
            double t = s / (360 / POLE_STEP);
            u[2 * k] = x1 + (x0 - x1) * t, u[2 * k + 1] = p, uf[k++] = 1;
        }
    }
    int ok = 1;
    for (int sh = -1; sh <= 1 && ok; sh++)
        ok = put_window(c, u, uf, k, 360.0 * sh, l0, t1, t2, f1, f2);
    free(u);
    free(uf);
    return ok;
}

void *bc_geo_cut_feature(const bc_geo *g, const bc_geo_feature *e, bc_geo_feature *out)
{
    if (!g || g->proj != BC_PROJ_ALBERS) return NULL;
    double l0 = bc_geo_central_meridian(g); /* even 0: a ring around a pole still needs it */
    /* anything to cut? */
    int any = 0;
    const double *v = e->pts;
    for (int r = 0; r < e->nrings && !any; v += 2 * e->ring_len[r++])
        for (int i = 0; i < e->ring_len[r] && !any; i++) {
            int j = (i + 1) % e->ring_len[r];
            any = fabs(remainder(v[2 * j] - l0, 360) - remainder(v[2 * i] - l0, 360)) > 180;
        }
    if (!any) return NULL;
    cutbuf c = {0};
    v = e->pts;
    const unsigned char *fx = e->fixed;
    int ok = 1;
    for (int r = 0; r < e->nrings && ok; r++) {
        ok = cut_ring(&c, v, fx, e->ring_len[r], l0);
        v += 2 * e->ring_len[r];
        if (fx) fx += e->ring_len[r];
    }
    /* one block to free: the feature's arrays after a header */
    size_t need = (size_t)c.n * 2 * sizeof(double) + (size_t)c.nrings * sizeof(int) + (size_t)c.n;
    double *blk = ok ? malloc(need + 1) : NULL;
    if (blk) {
        memcpy(blk, c.xy, (size_t)c.n * 2 * sizeof(double));
        int *lens = (int *)(void *)(blk + 2 * c.n);
        memcpy(lens, c.len, (size_t)c.nrings * sizeof(int));
        unsigned char *f = (unsigned char *)(lens + c.nrings);
        memcpy(f, c.fx, (size_t)c.n);
        *out = *e;
        out->pts = blk, out->ring_len = lens, out->fixed = f;
        out->nrings = c.nrings, out->npts = c.n;
    }
    free(c.xy), free(c.fx), free(c.len);
    return blk;
}
