/*
** geo_shape.c — the geometry behind maps (see geo.h): Douglas-Peucker simplification with its
** error bound, the pole of inaccessibility (the widest interior point, found by refining
** square cells best-first until no cell can beat the best point by more than the precision),
** and class breaks: equal steps, quantiles, Jenks natural breaks (Fisher's exact optimum of
** the within-class squared deviations, by dynamic programming over the sorted values), and
** the fit of a map's extent to its frame.
*/
#include "layout/geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The distance from (px, py) to the segment (ax, ay)-(bx, by). */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0) t = fmin(fmax(((px - ax) * dx + (py - ay) * dy) / l2, 0), 1);
    double ex = ax + t * dx - px, ey = ay + t * dy - py;
    return sqrt(ex * ex + ey * ey);
}

int bc_geo_simplify(const double *xy, int n, double tol, unsigned char *keep)
{
    if (n <= 0) return 0;
    memset(keep, 0, (size_t)n);
    keep[0] = keep[n - 1] = 1;
    int kept = n > 1 ? 2 : 1;
    if (n < 3) return kept;
    int *stack = malloc((size_t)n * 2 * sizeof *stack), top = 0;
    if (!stack) { /* keep everything: correct, only larger */
        memset(keep, 1, (size_t)n);
        return n;
    }
    stack[top++] = 0, stack[top++] = n - 1;
    while (top) {
        int j = stack[--top], i = stack[--top], far = -1;
        double best = tol;
        for (int m = i + 1; m < j; m++) {
            double d = seg_dist(xy[2 * m], xy[2 * m + 1], xy[2 * i], xy[2 * i + 1], xy[2 * j],
                                xy[2 * j + 1]);
            if (d > best) best = d, far = m;
        }
        if (far < 0) continue;
        keep[far] = 1, kept++;
        stack[top++] = i, stack[top++] = far;
        stack[top++] = far, stack[top++] = j;
    }
    free(stack);
    return kept;
}

/* The signed distance from (x, y) to the region's edges: positive inside (even-odd). */
static double region_dist(const double *xy, const int *ring_len, int nrings, double x, double y)
{
    int inside = 0;
    double best = HUGE_VAL;
    const double *v = xy;
    for (int k = 0; k < nrings; k++) {
        int n = ring_len[k];
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double ax = v[2 * i], ay = v[2 * i + 1], bx = v[2 * j], by = v[2 * j + 1];
            if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax) inside = !inside;
            double d = seg_dist(x, y, ax, ay, bx, by);
            if (d < best) best = d;
        }
        v += 2 * n;
    }
    return inside ? best : -best;
}

typedef struct cell {
    double x, y, h, d, max;
} cell;

static void heap_push(cell *hp, int *n, cell c)
{
    int i = (*n)++;
    while (i > 0 && hp[(i - 1) / 2].max < c.max) hp[i] = hp[(i - 1) / 2], i = (i - 1) / 2;
    hp[i] = c;
}

static cell heap_pop(cell *hp, int *n)
{
    cell top = hp[0], last = hp[--(*n)];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *n) break;
        if (c + 1 < *n && hp[c + 1].max > hp[c].max) c++;
        if (hp[c].max <= last.max) break;
        hp[i] = hp[c], i = c;
    }
    if (*n) hp[i] = last;
    return top;
}

typedef struct region {
    const double *xy;
    const int *ring_len;
    int nrings;
    double b[4];
} region;

static cell make_cell(const region *r, double x, double y, double h)
{
    double d = region_dist(r->xy, r->ring_len, r->nrings, x, y);
    double side = fmin(fmin(x - r->b[0], r->b[2] - x), fmin(y - r->b[1], r->b[3] - y));
    cell c = {x, y, h, fmin(d, side), 0};
    c.max = c.d + h * 1.4142135623730951;
    return c;
}

#define POLE_CELLS 6000 /* evaluations at most: each costs one pass over the edges */

double bc_geo_pole(const double *xy, const int *ring_len, int nrings, double bx0, double by0,
                   double bx1, double by1, double prec, double *px, double *py)
{
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    int npts = 0;
    for (int k = 0; k < nrings; k++) npts += ring_len[k];
    for (int i = 0; i < npts; i++) {
        x0 = fmin(x0, xy[2 * i]), x1 = fmax(x1, xy[2 * i]);
        y0 = fmin(y0, xy[2 * i + 1]), y1 = fmax(y1, xy[2 * i + 1]);
    }
    x0 = fmax(x0, bx0), y0 = fmax(y0, by0), x1 = fmin(x1, bx1), y1 = fmin(y1, by1);
    *px = (x0 + x1) / 2, *py = (y0 + y1) / 2;
    if (!(x1 > x0 && y1 > y0) || npts < 3) return -1;
    region r = {xy, ring_len, nrings, {bx0, by0, bx1, by1}};
    double size = fmin(x1 - x0, y1 - y0), h = size / 2;
    int cap = 4 * POLE_CELLS + 64, n = 0, evals = 0;
    cell *hp = malloc((size_t)cap * sizeof *hp);
    if (!hp) return -1;
    cell best = make_cell(&r, *px, *py, 0);
    for (double x = x0; x < x1; x += size)
        for (double y = y0; y < y1 && n < cap - 4; y += size) {
            heap_push(hp, &n, make_cell(&r, x + h, y + h, h));
            evals++;
        }
    while (n > 0 && evals < POLE_CELLS) {
        cell c = heap_pop(hp, &n);
        if (c.d > best.d) best = c;
        if (c.max - best.d <= prec) continue;
        double q = c.h / 2;
        for (int k = 0; k < 4 && n < cap; k++) {
            heap_push(hp, &n, make_cell(&r, c.x + (k & 1 ? q : -q), c.y + (k & 2 ? q : -q), q));
            evals++;
        }
    }
    free(hp);
    *px = best.x, *py = best.y;
    return best.d;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Fisher-Jenks over sorted x[0..n): the optimal k classes; edges[c] (c = 1..k-1) the greatest
   value of class c - 1. */
static int jenks(const double *x, int n, int k, double *edges)
{
    double *s1 = calloc((size_t)n + 1, sizeof *s1), *s2 = calloc((size_t)n + 1, sizeof *s2);
    double *dp = malloc((size_t)k * n * sizeof *dp);
    int *arg = malloc((size_t)k * n * sizeof *arg);
    if (!s1 || !s2 || !dp || !arg) {
        free(s1), free(s2), free(dp), free(arg);
        return 0;
    }
    for (int i = 0; i < n; i++) s1[i + 1] = s1[i] + x[i], s2[i + 1] = s2[i] + x[i] * x[i];
#define SSD(i, j) \
    (s2[(j) + 1] - s2[i] - (s1[(j) + 1] - s1[i]) * (s1[(j) + 1] - s1[i]) / ((j) - (i) + 1))
    for (int j = 0; j < n; j++) dp[j] = SSD(0, j), arg[j] = 0;
    for (int c = 1; c < k; c++)
        for (int j = 0; j < n; j++) {
            double best = HUGE_VAL;
            int at = j;
            for (int i = c; i <= j; i++) { /* class c holds x[i..j] */
                double v = dp[(c - 1) * n + i - 1] + SSD(i, j);
                if (v < best) best = v, at = i;
            }
            dp[c * n + j] = best, arg[c * n + j] = at;
        }
#undef SSD
    int j = n - 1;
    for (int c = k - 1; c > 0; c--) {
        int i = arg[c * n + j];
        edges[c] = x[i - 1];
        j = i - 1;
    }
    free(s1), free(s2), free(dp), free(arg);
    return k;
}

int bc_geo_breaks_of(const double *v, int n, bc_geo_breaks how, int k, double *edges)
{
    double *x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
    if (!x) return 0;
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(v[i])) x[m++] = v[i];
    if (m == 0) {
        free(x);
        return 0;
    }
    qsort(x, (size_t)m, sizeof *x, cmp_double);
    int distinct = 1;
    for (int i = 1; i < m; i++) distinct += x[i] != x[i - 1];
    if (k <= 0) k = 5;
    if (k > BC_GEO_MAX_CLASSES) k = BC_GEO_MAX_CLASSES;
    if (k > distinct) k = distinct;
    edges[0] = x[0], edges[k] = x[m - 1];
    if (k == 1 && x[0] == x[m - 1]) edges[1] = x[0] + (x[0] != 0 ? fabs(x[0]) : 1);
    if (how == BC_BREAKS_QUANTILE) {
        for (int c = 1; c < k; c++) { /* interpolated between order statistics */
            double at = (double)c / k * (m - 1);
            int i = (int)floor(at);
            edges[c] = x[i] + (i + 1 < m ? (at - i) * (x[i + 1] - x[i]) : 0);
        }
    } else if (how == BC_BREAKS_JENKS && k > 1) {
        if (m > 1000) { /* the optimum over 1,000 evenly spaced order statistics */
            for (int i = 0; i < 1000; i++) x[i] = x[(long)i * (m - 1) / 999];
            m = 1000;
        }
        if (!jenks(x, m, k, edges)) k = 1, edges[1] = x[m - 1];
    } else {
        for (int c = 1; c < k; c++) edges[c] = edges[0] + (edges[k] - edges[0]) * c / k;
    }
    free(x);
    /* ties collapse classes: keep strictly ascending edges */
    int o = 0;
    for (int c = 1; c <= k; c++)
        if (edges[c] > edges[o]) edges[++o] = edges[c];
    return o > 0 ? o : 1;
}

int bc_geo_class(const double *e, int k, double x)
{
    for (int c = 0; c < k; c++)
        if (x <= e[c + 1]) return c;
    return k - 1;
}

void bc_geo_fit_frame(const bc_geo *g, double w, double h, bc_geo_fit *f)
{
    double px0 = HUGE_VAL, py0 = HUGE_VAL, px1 = -HUGE_VAL, py1 = -HUGE_VAL, X, Y;
    if (g->has_extent) { /* the extent's outline, as its sides may curve */
        for (int i = 0; i <= 32; i++)
            for (int side = 0; side < 4; side++) {
                double t = i / 32.0, lon = g->ext[0] + (g->ext[2] - g->ext[0]) * t;
                double lat = g->ext[1] + (g->ext[3] - g->ext[1]) * t;
                if (side == 0)
                    bc_geo_project(g, g->proj, lon, g->ext[1], &X, &Y);
                else if (side == 1)
                    bc_geo_project(g, g->proj, lon, g->ext[3], &X, &Y);
                else
                    bc_geo_project(g, g->proj, side == 2 ? g->ext[0] : g->ext[2], lat, &X, &Y);
                px0 = fmin(px0, X), px1 = fmax(px1, X), py0 = fmin(py0, Y), py1 = fmax(py1, Y);
            }
    } else {
        for (int i = 0; i < g->n; i++)
            for (int p = 0; p < g->f[i].npts; p++) {
                bc_geo_project(g, g->proj, g->f[i].pts[2 * p], g->f[i].pts[2 * p + 1], &X, &Y);
                px0 = fmin(px0, X), px1 = fmax(px1, X), py0 = fmin(py0, Y), py1 = fmax(py1, Y);
            }
    }
    double sw = px1 - px0 > 0 ? w / (px1 - px0) : 1, sh = py1 - py0 > 0 ? h / (py1 - py0) : 1;
    f->g = g;
    f->s = fmin(sw, sh);
    f->top = py1;
    f->ox = (w - (px1 - px0) * f->s) / 2 - px0 * f->s;
    f->oy = (h - (py1 - py0) * f->s) / 2;
}

void bc_geo_to_frame(const bc_geo_fit *f, double lon, double lat, double *X, double *Y)
{
    double x, y;
    bc_geo_project(f->g, f->g->proj, lon, lat, &x, &y);
    *X = f->ox + x * f->s;
    *Y = f->oy + (f->top - y) * f->s;
}

int bc_geo_shown(const bc_geo *g, int i)
{
    const bc_geo_feature *e = &g->f[i];
    if (!g->has_extent) return 1;
    const double *v = e->pts;
    for (int r = 0; r < e->nrings; v += 2 * e->ring_len[r++]) {
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        for (int k = 0; k < e->ring_len[r]; k++) {
            x0 = fmin(x0, v[2 * k]), x1 = fmax(x1, v[2 * k]);
            y0 = fmin(y0, v[2 * k + 1]), y1 = fmax(y1, v[2 * k + 1]);
        }
        if (x1 >= g->ext[0] && x0 <= g->ext[2] && y1 >= g->ext[1] && y0 <= g->ext[3]) return 1;
    }
    return 0;
}
