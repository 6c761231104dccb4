/*
** chart_cartesian.c — the cartesian chart: sizes the plot box from its titles, legend and labels, then
** draws grid, marks, axes, labels, references and events in that order.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <string.h>

/* {====================================================== cartesian charts */

#define ROW_H (FS * 1.45) /* a category row of a horizontal chart, label and gap */

double bc_chart_min_height(const bc_chart *ch)
{
    if (ch->kind != BC_CHART_HBAR && ch->kind != BC_CHART_DOT && ch->kind != BC_CHART_RANGE &&
        ch->kind != BC_CHART_DUMBBELL)
        return 0;
    /* rows, the value axis labels below, the legend and axis titles above */
    return ch->ncat * ROW_H + FS * 2.6 + (ch->nser > 1 ? FS * 3 : 0) + (ch->x_title ? FS * 2 : 0);
}

double bc_chart_cat_center(const plot *p, int k)
{
    return p->horizontal ? p->y0 + (k + 0.5) * p->slot : p->x0 + (k + 0.5) * p->slot;
}

/* The legend down the right of the plot, its entries from lx. */
static void legend_right(C *c, const plot *p, double lx)
{
    const bc_chart *ch = c->ch;
    double ly = p->y0;
    for (int s = 0; s < ch->nser; s++) {
        if (ch->kind == BC_CHART_LINE || BC_CHART_IS_LINE(ch, s))
            bc_ops_line(c->ops, lx, ly + FS * 0.6, lx + 9, ly + FS * 0.6,
                        bc_chart_series_color(c, s), 1.6, bc_chart_line_dash(c, s));
        else if (ch->kind == BC_CHART_DUMBBELL)
            bc_chart_series_dot(c, s, lx + 3.5, ly + FS * 0.6, 3.2);
        else if (ch->kind == BC_CHART_DOT)
            bc_chart_marker(c, s, lx + 3.5, ly + FS * 0.6, 2.6, bc_chart_series_color(c, s));
        else
            bc_chart_fill_rect(c, s, lx, ly + FS * 0.2, 7, 7, 0);
        bc_chart_text(c, 0, FS, c->th->text, lx + 11, ly + FS, ch->series[s], 0);
        ly += FS * 1.6;
    }
}

/* The left margin: it fits the widest label on the left axis (categories of a horizontal chart,
   the value ticks otherwise). */
static double left_width(C *c, const plot *p)
{
    const bc_chart *ch = c->ch;
    char buf[96];
    double left_w = 0;
    if (p->horizontal) {
        for (int k = 0; k < ch->ncat; k++)
            left_w = fmax(left_w, bc_chart_width(c, ch->categories[k], FS));
    } else if (c->no_ylabels) {
        left_w = -2;
    } else {
        for (int i = 0; i < bc_chart_nticks(&p->val); i++) {
            double v = bc_chart_tick_value(&p->val, i);
            bc_chart_format_tick(ch, v, p->val.log ? v : p->val.step, buf, sizeof buf);
            left_w = fmax(left_w, bc_chart_width(c, buf, FS));
        }
    }
    return left_w;
}

void bc_chart_cartesian(C *c, double x, double y, double w, double h)
{
    const bc_chart *ch = c->ch;
    plot p;
    memset(&p, 0, sizeof p);
    p.horizontal = ch->kind == BC_CHART_HBAR || ch->kind == BC_CHART_DOT ||
                   ch->kind == BC_CHART_RANGE || ch->kind == BC_CHART_DUMBBELL;
    p.two = !p.horizontal && bc_chart_nright(ch) > 0;
    if (c->fixed)
        p.val = *c->fixed;
    else
        bc_chart_make_scale_side(ch, &p.val, 5, p.two ? 0 : -1);
    if (p.two) bc_chart_align_scale(ch, &p.val, &p.val2);

    /* legend and titles at the top (legend right or bottom when asked) */
    int want_legend = ch->legend != BC_LEGEND_NONE && ch->legend != BC_LEGEND_DIRECT &&
                      (ch->nser > 1 || ch->legend != BC_LEGEND_AUTO) &&
                      !(ch->kind == BC_CHART_RANGE && ch->legend == BC_LEGEND_AUTO);
    bc_chart_legend where = ch->legend == BC_LEGEND_AUTO ? BC_LEGEND_TOP : ch->legend;
    double right_w = 0, top = y, bottom = y + h;
    if (want_legend && where == BC_LEGEND_RIGHT) {
        for (int s = 0; s < ch->nser; s++)
            right_w = fmax(right_w, bc_chart_width(c, ch->series[s], FS) + 16);
        right_w = fmin(right_w, w * 0.35);
    }
    if (want_legend && where == BC_LEGEND_TOP) {
        top += bc_chart_legend_at(c, x, top, w, 1);
    }
    if (ch->legend == BC_LEGEND_DIRECT && ch->kind == BC_CHART_LINE) {
        for (int s = 0; s < ch->nser; s++)
            right_w = fmax(right_w, bc_chart_label_width(c, 1, ch->series[s], FS) + 6);
        right_w = fmin(right_w, w * 0.3);
    }
    double axis2_w = p.two ? bc_chart_right_axis_width(c, &p) : 0;
    right_w += axis2_w;
    if (ch->y_title || (p.two && ch->more->y2_title)) {
        if (ch->y_title) bc_chart_text(c, 0, FS, c->th->muted, x, top + FS * 1.2, ch->y_title, 0);
        const char *t2 = p.two ? ch->more->y2_title : NULL;
        if (t2)
            bc_chart_text(c, 0, FS, c->th->muted, x + w - bc_chart_width(c, t2, FS), top + FS * 1.2,
                          t2, 0);
        top += FS * 1.8;
    }
    double legend_bottom_h = 0;
    if (want_legend && where == BC_LEGEND_BOTTOM)
        legend_bottom_h = bc_chart_legend_at(c, x, 0, w, 0) + FS * 0.6;
    if (ch->x_title) bottom -= FS * 1.8;
    bottom -= legend_bottom_h;

    p.x0 = x + left_width(c, &p) + 6;
    p.x1 = x + w - (p.two ? 0 : 2) - right_w;
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
        bc_chart_plan_categories(c, p.slot, &p.cl);
        evplan ev = {0};
        bc_chart_plan_events(c, &p, x + w, &ev);
        p.y0 = top + ev.nrows * FS * 0.95 * 1.3 + FS * 0.6;
        p.y1 = bottom - p.cl.height;
        if (p.y1 - p.y0 < 24) p.y0 = p.y1 - 24;
        p.val.p0 = p.y1;
        p.val.p1 = p.y0;
        p.val2.p0 = p.y1;
        p.val2.p1 = p.y0;
        bc_chart_grid(c, &p);
        int mark0 = c->ops->n;
        if (ch->kind == BC_CHART_BAR)
            bc_chart_bars(c, &p);
        else if (ch->kind == BC_CHART_AREA)
            bc_chart_areas(c, &p);
        else
            bc_chart_lines(c, &p);
        bc_chart_baseline(c, &p);
        bc_chart_category_labels(c, &p);
        bc_chart_references(c, &p);
        bc_chart_draw_events(c, &p, &ev);
        if (p.two) bc_chart_right_axis(c, &p);
        bc_chart_annotations(c, &p, mark0);
        goto titles;
    }
    bc_chart_grid(c, &p);
    int mark0 = c->ops->n;
    if (ch->kind == BC_CHART_HBAR)
        bc_chart_bars(c, &p);
    else if (ch->kind == BC_CHART_DOT)
        bc_chart_dots(c, &p);
    else
        bc_chart_ranges(c, &p);
    bc_chart_baseline(c, &p);
    bc_chart_category_labels(c, &p);
    bc_chart_references(c, &p);
    bc_chart_annotations(c, &p, mark0);
titles:
    if (want_legend && where == BC_LEGEND_RIGHT) legend_right(c, &p, p.x1 + 10 + axis2_w);
    if (want_legend && where == BC_LEGEND_BOTTOM)
        bc_chart_legend_at(c, x, y + h - legend_bottom_h, w, 1);
    if (ch->x_title)
        bc_chart_text(c, 0, FS, c->th->muted,
                      (p.x0 + p.x1) / 2 - bc_chart_width(c, ch->x_title, FS) / 2,
                      y + h - legend_bottom_h - FS * 0.4, ch->x_title, 0);
}

/* }====================================================== */
