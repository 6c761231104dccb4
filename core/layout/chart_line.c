/*
** chart_line.c — line, area and dot marks: lines with direct labels, stacked areas and dot plots.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <string.h>

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
        bc_chart_text(c, 1, FS,
                      bc_chart_series_color(c, order[i]) == 0xffffff
                          ? c->th->text
                          : bc_chart_series_color(c, order[i]),
                      p->x1 + 4, y[i] + FS * 0.35, ch->series[order[i]], 0);
}

void bc_chart_lines(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat;
    double endy[32];
    int have[32] = {0};
    for (int s = 0; s < ch->nser; s++) {
        if (ch->kind == BC_CHART_BAR && !BC_CHART_IS_LINE(ch, s)) continue; /* its bars are drawn */
        uint32_t col = bc_chart_series_color(c, s);
        double px = 0, py = 0;
        int prev = 0;
        for (int k = 0; k < nc; k++) {
            double v = ch->values[s * nc + k];
            if (isnan(v)) {
                prev = 0;
                continue;
            }
            double x = bc_chart_cat_center(p, k), y = bc_chart_smap(bc_chart_scale_of(c, p, s), v);
            if (prev) bc_ops_line(c->ops, px, py, x, y, col, 1.4, bc_chart_line_dash(c, s));
            px = x;
            py = y;
            prev = 1;
            if (s < 32) {
                endy[s] = y;
                have[s] = 1;
            }
        }
        if (ch->markers || ch->kind == BC_CHART_BAR) /* a line over bars: its points marked */
            for (int k = 0; k < nc; k++) {
                double v = ch->values[s * nc + k];
                if (!isnan(v))
                    bc_chart_marker(c, s, bc_chart_cat_center(p, k),
                                    bc_chart_smap(bc_chart_scale_of(c, p, s), v), 1.9, col);
            }
        if (ch->highlight)
            for (int k = 0; k < nc; k++) {
                double v = ch->values[s * nc + k];
                if (ch->highlight[k] && !isnan(v))
                    bc_chart_marker(c, s, bc_chart_cat_center(p, k),
                                    bc_chart_smap(bc_chart_scale_of(c, p, s), v), 2.8, col);
            }
    }
    if (ch->legend == BC_LEGEND_DIRECT) direct_labels(c, p, endy, have);
}

void bc_chart_areas(C *c, plot *p)
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
            bot[k] = bc_chart_smap(&p->val, acc[k]);
            acc[k] += v;
            top[k] = bc_chart_smap(&p->val, acc[k]);
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
                double x = bc_chart_cat_center(p, a), hw = p->slot * 0.25;
                float *r = bc_chart_points(c, 4);
                float q[8] = {(float)(x - hw), (float)top[a], (float)(x + hw), (float)top[a],
                              (float)(x + hw), (float)bot[a], (float)(x - hw), (float)bot[a]};
                memcpy(r, q, sizeof q);
                bc_chart_fill_poly(c, s, r, 4, 0);
                continue;
            }
            float *pt = bc_chart_points(c, 2 * n);
            for (int i = 0; i < n; i++) {
                double x = bc_chart_cat_center(p, a + i);
                pt[2 * i] = (float)x;
                pt[2 * i + 1] = (float)top[a + i];
                pt[2 * (2 * n - 1 - i)] = (float)x;
                pt[2 * (2 * n - 1 - i) + 1] = (float)bot[a + i];
            }
            bc_chart_fill_poly(c, s, pt, 2 * n, 0);
        }
    }
}

void bc_chart_dots(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat, ns = ch->nser;
    for (int k = 0; k < nc; k++) {
        double y = bc_chart_cat_center(p, k), lo = INFINITY, hi = -INFINITY;
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (isnan(v)) continue;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        bc_ops_line(c->ops, p->x0, y, p->x1, y, c->th->rule, 0.3, 2);
        if (hi > lo)
            bc_ops_line(c->ops, bc_chart_smap(&p->val, lo), y, bc_chart_smap(&p->val, hi), y,
                        c->th->muted, 1.2, 0);
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (!isnan(v))
                bc_chart_marker(c, s, bc_chart_smap(&p->val, v), y, 2.8,
                                bc_chart_series_color(c, s));
        }
    }
}
