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
#include "layout/chart_int.h"
#include "layout/chart_map.h"

#include <math.h>
#include <stdio.h>

#include "lua/fmt.h"

/* Whether series s reads off the right-hand axis. */
static int on_right(const bc_chart *ch, int s)
{
    return ch->more && ch->more->right && ch->more->right[s];
}

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
void bc_chart_format_tick(const bc_chart *ch, double v, double step, char *out, size_t cap)
{
    bc_chart_format_axis(ch, ch->format, ch->more ? ch->more->dec_y : -1, v, step, out, cap);
}

/* A number with dec decimals, or those the step needs when dec < 0. */
static void axis_number(double v, double step, int dec, char *out, size_t cap)
{
    if (dec < 0)
        bc_chart_format(v, step, out, cap);
    else
        bc_fmt_number(fabs(v) < step * 1e-9 ? 0.0 : v, dec, out, cap);
}

void bc_chart_format_axis(const bc_chart *ch, int fmt, int dec, double v, double step, char *out,
                          size_t cap)
{
    char num[64];
    if (fmt == BC_FMT_MONEY_M) {
        int bn = fabs(v) >= 1000 || (step >= 1000 && v != 0);
        double x = bn ? v / 1000 : v, st = bn ? step / 1000 : step;
        axis_number(x, st, dec, num, sizeof num);
        if (v == 0)
            snprintf(out, cap, "0");
        else if (num[0] == '\xE2')
            snprintf(out, cap, "\xE2\x88\x92$%.56s" NBSP "%s", num + 3, bn ? "bn" : "m");
        else
            snprintf(out, cap, "$%.56s" NBSP "%s", num, bn ? "bn" : "m");
    } else if (fmt == BC_FMT_PERCENT) {
        double k = ch->stack == BC_STACK_PERCENT ? 1 : 100;
        axis_number(v * k, step * k, dec, num, sizeof num);
        snprintf(out, cap, "%.56s" NBSP "%%", num);
    } else {
        axis_number(v, step, dec, out, cap);
    }
}

void bc_chart_series_label(const bc_chart *ch, int s, double v, char *out, size_t cap)
{
    int r = on_right(ch, s);
    if (!r) {
        bc_chart_format_label(ch, bc_chart_side_decimals(ch, ch->more && ch->more->right ? 0 : -1),
                              v, out, cap);
        return;
    }
    bc_chart c2 = *ch; /* the right axis' format and its series' decimals */
    c2.format = (bc_chart_format_kind)ch->more->format2;
    bc_chart_format_label(&c2, bc_chart_side_decimals(ch, 1), v, out, cap);
}

int bc_chart_label_shown(const bc_chart *ch, int k)
{
    return ch->value_labels > 0 && (!ch->more || !ch->more->label_cats || ch->more->label_cats[k]);
}

/* The decimals of the chart's number labels: its decimals option, or the most any value
   needs for about three significant digits (whole values: none), so labels agree. */
int bc_chart_label_decimals(const bc_chart *ch) { return bc_chart_side_decimals(ch, -1); }

/* The same over the series of one side (-1: all), so a right axis' shares do not give the
   left axis' millions two decimals. */
int bc_chart_side_decimals(const bc_chart *ch, int side)
{
    if (ch->decimals >= 0) return ch->decimals;
    int d = 0;
    for (int i = 0; i < ch->nser * ch->ncat; i++) {
        double v = ch->values[i];
        if (side >= 0 && on_right(ch, i / (ch->ncat ? ch->ncat : 1)) != side) continue;
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
void bc_chart_format_label(const bc_chart *ch, int dec, double v, char *out, size_t cap)
{
    if (ch->format == BC_FMT_MONEY_M)
        bc_fmt_value(BC_FMT_KIND_MONEY, v, ch->decimals, out, cap);
    else if (ch->format == BC_FMT_PERCENT)
        bc_fmt_value(BC_FMT_KIND_PERCENT, ch->stack == BC_STACK_PERCENT ? v / 100 : v, ch->decimals,
                     out, cap);
    else
        bc_fmt_value(BC_FMT_KIND_NUMBER, fabs(v) < 1e-300 ? 0 : v, dec, out, cap);
}

/* }====================================================== */

/* The house style's defaults (theme.charts) for what the plugin left unset: the legend's place
   and which categories of a bar, range or dumbbell chart get value labels. */
static const bc_chart *house(const bc_chart *ch, const bc_theme *th, bc_arena *a)
{
    int legend = ch->legend == BC_LEGEND_AUTO && th->chart_legend;
    int labels = ch->value_labels < 0 && th->chart_labels && th->chart_labels != 'n';
    if (!legend && !labels) return ch;
    bc_chart *c = bc_arena_alloc(a, sizeof *c);
    *c = *ch;
    if (legend) c->legend = (bc_chart_legend)th->chart_legend;
    if (!labels) return c;
    c->value_labels = 1;
    if (th->chart_labels == 'a') return c;
    bc_chart_more *m = bc_arena_alloc(a, sizeof *m);
    if (ch->more)
        *m = *ch->more;
    else
        m->dec_x = m->dec_y = m->dec_y2 = -1;
    m->label_cats = bc_arena_alloc(a, (size_t)ch->ncat);
    int last = -1, max = -1;
    double vmax = 0;
    for (int k = 0; k < ch->ncat; k++)
        for (int s = 0; s < ch->nser; s++) {
            double v = ch->values[(size_t)s * (size_t)ch->ncat + (size_t)k];
            if (isnan(v)) continue;
            last = k;
            if (max < 0 || v > vmax) max = k, vmax = v;
        }
    for (int k = 0; k < ch->ncat; k++) {
        char r = th->chart_labels;
        m->label_cats[k] = (unsigned char)((r == 'i' && k == last) || (r == 'm' && k == max) ||
                                           (r == 'e' && (k == 0 || k == last)) ||
                                           (r == 'h' && ch->highlight && ch->highlight[k]));
    }
    c->more = m;
    return c;
}

bc_status bc_chart_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                        double w, double h)
{
    ch = house(ch, cx->th, cx->a);
    C c = {ch, cx, ops, NULL, NULL, NULL, 0, cx->th, NULL, NULL, 0};
    c.f = bc_fontset_get(cx->fs, BC_FONT_SANS, cx->err);
    c.fb = c.f ? bc_fontset_get(cx->fs, BC_FONT_SANS_B, cx->err) : NULL;
    if (!c.f || !c.fb) return BC_ERR;
    if (ch->kind == BC_CHART_MAP) return bc_chart_map_draw(ch, cx, ops, x, y, w, h);
    if (ch->kind == BC_CHART_DONUT)
        bc_chart_donut(&c, x, y, w, h);
    else if (ch->kind == BC_CHART_SCATTER)
        bc_chart_scatter(&c, x, y, w, h);
    else if (ch->more && ch->more->facet)
        bc_chart_facets(&c, x, y, w, h);
    else
        bc_chart_cartesian(&c, x, y, w, h);
    return BC_OK;
}
