/*
** chart_axis.c — what frames a cartesian chart: the legend, category label thinning and rotation,
** gridlines, the baseline and the category labels.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <stdlib.h>

/* {====================================================== legend */

/* Lays out the legend entries in rows within width w starting at (x, y); returns its height.
   With draw = 0 only measures. */
double bc_chart_legend_at(C *c, double x, double y, double w, int draw)
{
    const bc_chart *ch = c->ch;
    int n = ch->kind == BC_CHART_DONUT ? ch->ncat : ch->nser;
    double lx = x, ly = y + FS, rowh = FS * 1.6;
    for (int s = 0; s < n; s++) {
        const char *name = ch->kind == BC_CHART_DONUT ? ch->categories[s] : ch->series[s];
        double tw = bc_chart_width(c, name, FS);
        if (lx > x && lx + 12 + tw > x + w) {
            lx = x;
            ly += rowh;
        }
        if (draw) {
            if (ch->kind == BC_CHART_LINE || BC_CHART_IS_LINE(ch, s)) {
                bc_ops_line(c->ops, lx, ly - FS * 0.33, lx + 9, ly - FS * 0.33,
                            bc_chart_series_color(c, s), 1.6, bc_chart_line_dash(c, s));
                if (ch->markers || ch->kind == BC_CHART_BAR)
                    bc_chart_marker(c, s, lx + 4.5, ly - FS * 0.33, 1.8,
                                    bc_chart_series_color(c, s));
            } else if (ch->kind == BC_CHART_DUMBBELL) {
                bc_chart_series_dot(c, s, lx + 3.5, ly - FS * 0.33, 3.2);
            } else if (ch->kind == BC_CHART_DOT) {
                bc_chart_marker(c, s, lx + 3.5, ly - FS * 0.33, 2.6, bc_chart_series_color(c, s));
            } else {
                bc_chart_fill_rect(c, s, lx, ly - FS * 0.75, 7, 7, 0);
            }
            bc_chart_text(c, 0, FS, c->th->text, lx + 11, ly, name, 0);
        }
        lx += 11 + tw + 12;
    }
    return ly - y + FS * 0.9;
}

/* }====================================================== */

/* {====================================================== category axis */

void bc_chart_plan_categories(C *c, double slot, catlabels *cl)
{
    const bc_chart *ch = c->ch;
    double maxlw = 0;
    int years = 1;
    for (int k = 0; k < ch->ncat; k++) {
        maxlw = fmax(maxlw, bc_chart_width(c, ch->categories[k], FS));
        char *end;
        strtol(ch->categories[k], &end, 10);
        if (end == ch->categories[k]) years = 0;
    }
    cl->rotate = 0;
    cl->years = 0;
    cl->every = ch->label_every > 0 ? ch->label_every : 1;
    cl->height = FS * 2.2;
    if (ch->label_every > 0 || maxlw + 5 <= slot) return;
    if (!years && !c->cmap && ch->ncat <= 40 && slot >= FS * 1.2) { /* panels thin instead */
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

void bc_chart_grid(C *c, plot *p)
{
    const bc_theme *th = c->th;
    char buf[96];
    int nt = bc_chart_nticks(&p->val);
    for (int i = 0; i < nt; i++) {
        double v = bc_chart_tick_value(&p->val, i);
        double q = bc_chart_smap(&p->val, v);
        int zero = !p->val.log && fabs(v) < p->val.step * 1e-9;
        if (p->horizontal) {
            if (!zero) bc_ops_line(c->ops, q, p->y0, q, p->y1, th->rule, 0.35, 0);
            bc_chart_format_tick(c->ch, v, p->val.log ? v : p->val.step, buf, sizeof buf);
            bc_chart_text(c, 0, FS, th->muted, q - bc_chart_width(c, buf, FS) / 2, p->y1 + FS * 1.4,
                          buf, 0);
        } else {
            if (!zero) bc_ops_line(c->ops, p->x0, q, p->x1, q, th->rule, 0.35, 0);
            if (c->no_ylabels) continue; /* a panel beside the first: its ticks are shared */
            bc_chart_format_tick(c->ch, v, p->val.log ? v : p->val.step, buf, sizeof buf);
            bc_chart_text(c, 0, FS, th->muted, p->x0 - 4 - bc_chart_width(c, buf, FS),
                          q + FS * 0.35, buf, 0);
        }
    }
}

void bc_chart_baseline(C *c, plot *p)
{
    double v = p->val.log ? bc_chart_tick_value(&p->val, 0)
                          : (p->val.lo <= 0 && p->val.hi >= 0 ? 0 : p->val.lo);
    double q = bc_chart_smap(&p->val, v);
    if (p->horizontal)
        bc_ops_line(c->ops, q, p->y0, q, p->y1, c->th->text, 0.7, 0);
    else
        bc_ops_line(c->ops, p->x0, q, p->x1, q, c->th->text, 0.7, 0);
}

void bc_chart_category_labels(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    for (int k = 0; k < ch->ncat; k++) {
        if (!label_shown(ch, &p->cl, k)) continue;
        const char *lab = ch->categories[k];
        double tw = bc_chart_width(c, lab, FS), m = bc_chart_cat_center(p, k);
        int hl = ch->highlight && ch->highlight[k];
        uint32_t col = hl ? c->th->text : c->th->muted;
        if (p->horizontal) {
            bc_chart_text(c, hl, FS, col, p->x0 - 5 - tw, m + FS * 0.35, lab, 0);
        } else if (p->cl.rotate) {
            /* 45 degrees, ending under the category */
            double d = tw * 0.7071;
            bc_chart_text(c, hl, FS, col, m - d + 2, p->y1 + FS * 0.9 + d, lab, 45);
        } else {
            if (p->cl.every > 1)
                bc_ops_line(c->ops, m, p->y1, m, p->y1 + 2.5, c->th->muted, 0.4, 0);
            bc_chart_text(c, hl, FS, col, m - tw / 2, p->y1 + FS * 1.5, lab, 0);
        }
    }
}
