/*
** chart_scatter.c — the scatter plot: a value axis on each side of the plot, a dot per point,
** the least-squares trend line (and its equation and R² above the plot when asked), then the
** points' labels placed clear of dots, line and one another (chart_annot.c): a label with no
** free place is left out rather than drawn over a mark. Points in several series (their
** series =) take each series' colour and shape, named in a legend above the plot.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lua/fmt.h"

/* The x axis: the points' and annotations' x values, from 0 when zero is near. */
static void x_scale(const bc_chart *ch, scale *sc)
{
    const bc_chart_more *m = ch->more;
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < ch->ncat; i++) {
        lo = fmin(lo, m->x[i]);
        hi = fmax(hi, m->x[i]);
    }
    for (int i = 0; i < m->nannots; i++) {
        lo = fmin(lo, m->annots[i].x);
        hi = fmax(hi, m->annots[i].x);
    }
    if (lo > 0 && lo <= hi * 0.5) lo = 0;
    if (hi < 0 && hi >= lo * 0.5) hi = 0;
    memset(sc, 0, sizeof *sc);
    bc_chart_ticks(lo, hi, 6, &sc->lo, &sc->hi, &sc->step);
}

/* Point mark of series g: a dot, a diamond or a square in turn, so series differ in shape as
   well as colour (and in black and white). */
static void group_mark(C *c, int g, double x, double y, double r, uint32_t col)
{
    if (g % 3 == 0)
        bc_chart_dot(c, x, y, r, col);
    else
        bc_chart_marker(c, g % 3 == 1 ? 1 : 0, x, y, g % 3 == 1 ? r * 0.9 : r * 0.8, col);
}

/* The series' legend in rows within width w from (x, y); returns its height. With draw = 0
   only measures. */
static double group_legend(C *c, double x, double y, double w, int draw)
{
    const bc_chart_more *m = c->ch->more;
    double lx = x, ly = y + FS, rowh = FS * 1.6;
    for (int g = 0; g < m->ngroups; g++) {
        double tw = bc_chart_width(c, m->groups[g], FS);
        if (lx > x && lx + 12 + tw > x + w) {
            lx = x;
            ly += rowh;
        }
        if (draw) {
            group_mark(c, g, lx + 3.5, ly - FS * 0.33, 2.8, bc_chart_series_color(c, g));
            bc_chart_text(c, 0, FS, c->th->text, lx + 11, ly, m->groups[g], 0);
        }
        lx += 11 + tw + 12;
    }
    return ly - y + FS * 0.9;
}

/* "y = 0.62x − 240 · R² = 0.58" in the chart's number style. */
static void equation(const bc_chart *ch, char *out, size_t cap)
{
    double a, b, r2;
    if (!bc_chart_fit(ch, &a, &b, &r2)) {
        out[0] = 0;
        return;
    }
    char sa[64], sb[64], sr[32];
    bc_fmt_number(a, bc_fmt_decimals_label(a, 4), sa, sizeof sa);
    bc_fmt_number(fabs(b), bc_fmt_decimals_label(b, 4), sb, sizeof sb);
    bc_fmt_number(r2, 2, sr, sizeof sr);
    snprintf(out, cap, "Trend: y" NBSP "=" NBSP "%sx %s %s   R\xC2\xB2" NBSP "=" NBSP "%s", sa,
             b < 0 ? "\xE2\x88\x92" : "+", sb, sr);
}

/* The trend line across the x axis, cut where it leaves the plot's value range. */
static void trend_line(C *c, const plot *p)
{
    double a, b, r2;
    if (!bc_chart_fit(c->ch, &a, &b, &r2)) return;
    double x0 = p->xs.lo, x1 = p->xs.hi, ylo = p->val.lo, yhi = p->val.hi;
    if (a != 0) { /* keep x where a x + b stays in [ylo, yhi] */
        double xa = (ylo - b) / a, xb = (yhi - b) / a;
        x0 = fmax(x0, fmin(xa, xb));
        x1 = fmin(x1, fmax(xa, xb));
    }
    if (!(x1 > x0)) return;
    bc_ops_line(c->ops, bc_chart_smap(&p->xs, x0), bc_chart_smap(&p->val, a * x0 + b),
                bc_chart_smap(&p->xs, x1), bc_chart_smap(&p->val, a * x1 + b), c->th->text, 0.9, 1);
}

static void x_grid(C *c, const plot *p)
{
    char buf[96];
    const bc_chart_more *m = c->ch->more;
    int nt = bc_chart_nticks(&p->xs);
    for (int i = 0; i < nt; i++) {
        double v = bc_chart_tick_value(&p->xs, i), q = bc_chart_smap(&p->xs, v);
        if (fabs(v) > p->xs.step * 1e-9)
            bc_ops_line(c->ops, q, p->y0, q, p->y1, c->th->rule, 0.35, 0);
        else
            bc_ops_line(c->ops, q, p->y0, q, p->y1, c->th->text, 0.7, 0);
        bc_chart_format_axis(c->ch, BC_FMT_NUMBER, m->dec_x, v, p->xs.step, buf, sizeof buf);
        bc_chart_text(c, 0, FS, c->th->muted, q - bc_chart_width(c, buf, FS) / 2, p->y1 + FS * 1.4,
                      buf, 0);
    }
}

void bc_chart_scatter(C *c, double x, double y, double w, double h)
{
    const bc_chart *ch = c->ch;
    const bc_chart_more *m = ch->more;
    plot p;
    memset(&p, 0, sizeof p);
    bc_chart_make_scale(ch, &p.val, 5);
    x_scale(ch, &p.xs);
    double top = y, bottom = y + h;
    if (m->ngroups > 1) top += group_legend(c, x, top, w, 1);
    char eq[200] = "";
    if (m->trend == 2) equation(ch, eq, sizeof eq);
    if (ch->y_title || eq[0]) {
        if (ch->y_title) bc_chart_text(c, 0, FS, c->th->muted, x, top + FS * 1.2, ch->y_title, 0);
        if (eq[0]) {
            double ew = bc_chart_width(c, eq, FS);
            bc_ops_line(c->ops, x + w - ew - 14, top + FS * 0.85, x + w - ew - 4, top + FS * 0.85,
                        c->th->text, 0.9, 1);
            bc_chart_text(c, 0, FS, c->th->text, x + w - ew, top + FS * 1.2, eq, 0);
        }
        top += FS * 1.8;
    }
    if (ch->x_title) bottom -= FS * 1.8;
    char buf[96];
    double left_w = 0;
    for (int i = 0; i < bc_chart_nticks(&p.val); i++) {
        double v = bc_chart_tick_value(&p.val, i);
        bc_chart_format_tick(ch, v, p.val.log ? v : p.val.step, buf, sizeof buf);
        left_w = fmax(left_w, bc_chart_width(c, buf, FS));
    }
    bc_chart_format_axis(ch, BC_FMT_NUMBER, m->dec_x, p.xs.hi, p.xs.step, buf, sizeof buf);
    p.x0 = x + left_w + 6;
    p.x1 = x + w - bc_chart_width(c, buf, FS) / 2 - 1;
    if (p.x1 - p.x0 < 40) p.x1 = p.x0 + 40;
    p.y0 = top + FS * 0.6;
    p.y1 = bottom - FS * 2.2;
    if (p.y1 - p.y0 < 24) p.y0 = p.y1 - 24;
    p.val.p0 = p.y1;
    p.val.p1 = p.y0;
    p.xs.p0 = p.x0;
    p.xs.p1 = p.x1;
    bc_chart_grid(c, &p);
    x_grid(c, &p);
    bc_chart_baseline(c, &p);
    int mark0 = c->ops->n;
    if (m->trend) trend_line(c, &p);
    /* a highlighted point in the palette's second colour (the accent is often the first) */
    uint32_t col = bc_chart_series_color(c, 0),
             hl = c->th->npalette > 1 ? c->th->palette[1] : c->th->accent;
    for (int i = 0; i < ch->ncat; i++) {
        int h1 = ch->highlight && ch->highlight[i];
        double px = bc_chart_smap(&p.xs, m->x[i]), py = bc_chart_smap(&p.val, ch->values[i]);
        if (m->group)
            group_mark(c, m->group[i], px, py, h1 ? 3.4 : 2.8,
                       bc_chart_series_color(c, m->group[i]));
        else
            bc_chart_dot(c, px, py, h1 ? 3.4 : 2.8, h1 && !ch->mono ? hl : col);
    }
    bc_chart_references(c, &p);
    /* labels after every mark, so none is covered; highlighted points are labelled first */
    bc_chart_place pl;
    bc_chart_place_init(c, &pl, mark0, (bc_chart_box){p.x0, p.y0 - FS * 0.4, p.x1 + 2, p.y1});
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < ch->ncat; i++) {
            int h1 = ch->highlight && ch->highlight[i];
            if (!ch->categories[i][0] || h1 != !pass) continue;
            bc_chart_place_label(c, &pl, bc_chart_smap(&p.xs, m->x[i]),
                                 bc_chart_smap(&p.val, ch->values[i]), ch->categories[i], FS * 0.9,
                                 h1 ? c->th->text : c->th->muted, 0);
        }
    bc_chart_annotations(c, &p, mark0);
    if (ch->x_title)
        bc_chart_text(c, 0, FS, c->th->muted,
                      (p.x0 + p.x1) / 2 - bc_chart_width(c, ch->x_title, FS) / 2, y + h - FS * 0.4,
                      ch->x_title, 0);
}
