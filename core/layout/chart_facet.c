/*
** chart_facet.c — small multiples: one panel per facet in a grid, every panel on the same
** value scale (tick labels only down the left of the grid) and the same categories, one
** legend above the grid. A panel is drawn as a chart of its own series and notes by the
** cartesian code (chart_cartesian.c) with the shared scale and the chart's colours for its series.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <string.h>

#define GAP 20.0 /* between panels, points */

/* The panel's own chart: its series (in the chart's order) and no legend or titles. */
static void panel_chart(C *c, int f, bc_chart *sub, bc_chart_more *sm, int *cmap, const int *color)
{
    const bc_chart *ch = c->ch;
    const bc_chart_more *m = ch->more;
    int nc = ch->ncat, n = 0;
    *sub = *ch;
    *sm = *m;
    sm->facet = NULL;
    sm->nfacets = 0;
    sub->more = sm;
    int mine = 0; /* the panel's own series: 24 panels never hold 24 copies of every value */
    for (int s = 0; s < ch->nser; s++) mine += m->facet[s] == f;
    sub->series = bc_arena_alloc(c->cx->a, (size_t)(mine ? mine : 1) * sizeof(char *));
    sub->values = bc_arena_alloc(c->cx->a, (size_t)(mine ? mine : 1) * (size_t)nc * sizeof(double));
    for (int s = 0; s < ch->nser; s++) {
        if (m->facet[s] != f) continue;
        sub->series[n] = ch->series[s];
        memcpy(sub->values + (size_t)n * (size_t)nc, ch->values + (size_t)s * (size_t)nc,
               (size_t)nc * sizeof(double));
        cmap[n++] = color[s];
    }
    sub->nser = n;
    /* the panel's own notes (annotations with its panel =) */
    int na = 0;
    for (int i = 0; i < m->nannots; i++) na += m->annots[i].panel == f;
    sm->annots = na ? bc_arena_alloc(c->cx->a, (size_t)na * sizeof *sm->annots) : NULL;
    sm->nannots = 0;
    for (int i = 0; i < m->nannots; i++)
        if (m->annots[i].panel == f) sm->annots[sm->nannots++] = m->annots[i];
    sub->legend = BC_LEGEND_NONE;
    sub->x_title = sub->y_title = NULL;
    sub->nevents = 0;
}

void bc_chart_facets(C *c, double x, double y, double w, double h)
{
    const bc_chart *ch = c->ch;
    const bc_chart_more *m = ch->more;
    bc_arena *a = c->cx->a;
    int ns = ch->nser, nf = m->nfacets, cols = m->facet_cols > 0 ? m->facet_cols : 1;
    int rows = (nf + cols - 1) / cols;
    /* colours: by series name, so "Security" has one colour in every panel; one series a
       panel with names of their own is one colour throughout, the panel titles naming them */
    int *color = bc_arena_alloc(a, (size_t)ns * sizeof(int)), nu = 0;
    const char **names = bc_arena_alloc(a, (size_t)ns * sizeof(char *));
    for (int s = 0; s < ns; s++) {
        int u = 0;
        while (u < nu && strcmp(names[u], ch->series[s])) u++;
        if (u == nu) names[nu++] = ch->series[s];
        color[s] = u;
    }
    int one_each = nu == ns && nf == ns;
    if (one_each) memset(color, 0, (size_t)ns * sizeof(int));

    /* the shared scale: the union of every panel's own */
    bc_chart *subs = bc_arena_alloc(a, (size_t)nf * sizeof *subs);
    bc_chart_more *sms = bc_arena_alloc(a, (size_t)nf * sizeof *sms);
    int *cmaps = bc_arena_alloc(a, (size_t)nf * (size_t)ns * sizeof(int));
    double lo = 0, hi = 0;
    for (int f = 0; f < nf; f++) {
        scale ps;
        panel_chart(c, f, &subs[f], &sms[f], cmaps + (size_t)f * (size_t)ns, color);
        bc_chart_make_scale(&subs[f], &ps, 4);
        lo = fmin(lo, ps.lo);
        hi = fmax(hi, ps.hi);
    }
    scale sc;
    memset(&sc, 0, sizeof sc);
    bc_chart_ticks(lo, hi, 4, &sc.lo, &sc.hi, &sc.step);

    double top = y, bottom = y + h;
    if (!one_each && ch->legend != BC_LEGEND_NONE) {
        bc_chart lg = *ch;
        lg.series = names;
        lg.nser = nu;
        C lc = *c;
        lc.ch = &lg;
        top += bc_chart_legend_at(&lc, x, top, w, 1);
    }
    if (ch->y_title) {
        bc_chart_text(c, 0, FS, c->th->muted, x, top + FS * 1.2, ch->y_title, 0);
        top += FS * 1.8;
    }
    if (ch->x_title) {
        bc_chart_text(c, 0, FS, c->th->muted, x + w / 2 - bc_chart_width(c, ch->x_title, FS) / 2,
                      y + h - FS * 0.4, ch->x_title, 0);
        bottom -= FS * 1.8;
    }
    char buf[96];
    double tickw = 0;
    for (int i = 0; i < bc_chart_nticks(&sc); i++) {
        bc_chart_format_tick(ch, bc_chart_tick_value(&sc, i), sc.step, buf, sizeof buf);
        tickw = fmax(tickw, bc_chart_width(c, buf, FS));
    }
    double lw = tickw + 2; /* the first column's extra room for the tick labels */
    double pw = (w - lw - (cols - 1) * GAP) / cols;
    double rh = (bottom - top) / rows;
    for (int f = 0; f < nf; f++) {
        int col = f % cols, row = f / cols;
        double px = x + (col ? lw + col * (pw + GAP) : 0), py = top + row * rh;
        bc_chart_text(c, 1, FS, c->th->text, px + (col ? 0 : lw) + 4, py + FS * 1.1, m->facets[f],
                      0);
        C pc = *c;
        pc.ch = &subs[f];
        pc.fixed = &sc;
        pc.cmap = cmaps + (size_t)f * (size_t)ns;
        pc.no_ylabels = col > 0;
        bc_chart_cartesian(&pc, px, py + FS * 1.5, col ? pw : pw + lw,
                           rh - FS * 1.5 - (row + 1 < rows ? FS * 0.8 : 0));
    }
}
