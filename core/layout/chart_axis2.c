/*
** chart_axis2.c — the right-hand value axis of a chart with series bound to axis = "right":
** its tick labels beside the plot on the left axis's gridlines (chart_scale.c aligns the two
** scales), in the right axis's own format and decimals.
*/
#include "layout/chart_int.h"

#include <math.h>

static void tick_text(C *c, const plot *p, int i, char *buf, size_t cap)
{
    const bc_chart_more *m = c->ch->more;
    double v = bc_chart_tick_value(&p->val2, i);
    bc_chart_format_axis(c->ch, m->format2, m->dec_y2, v, p->val2.step, buf, cap);
}

double bc_chart_right_axis_width(C *c, const plot *p)
{
    char buf[96];
    double w = 0;
    for (int i = 0; i < bc_chart_nticks(&p->val2); i++) {
        tick_text(c, p, i, buf, sizeof buf);
        w = fmax(w, bc_chart_width(c, buf, FS));
    }
    return w + 6;
}

void bc_chart_right_axis(C *c, plot *p)
{
    char buf[96];
    for (int i = 0; i < bc_chart_nticks(&p->val2); i++) {
        tick_text(c, p, i, buf, sizeof buf);
        double q = bc_chart_smap(&p->val2, bc_chart_tick_value(&p->val2, i));
        bc_chart_text(c, 0, FS, c->th->muted, p->x1 + 4, q + FS * 0.35, buf, 0);
    }
}
