/*
** chart_mark.c — annotations over a cartesian chart: reference lines and event markers with labels
** placed in rows so they never overlap.
*/
#include "layout/chart_int.h"

void bc_chart_references(C *c, plot *p)
{
    char buf[96];
    for (int r = 0; r < c->ch->nrefs; r++) {
        const bc_chart_refline *ref = &c->ch->refs[r];
        double q = bc_chart_smap(&p->val, ref->value);
        const char *lab = ref->label;
        if (!lab) {
            bc_chart_format_label(c->ch, bc_chart_label_decimals(c->ch), ref->value, buf,
                                  sizeof buf);
            lab = buf;
        }
        /* the label sits over the data: a halo of paper behind it keeps it readable on dark
           bc_chart_bars (the line is drawn first, so the halo also parts it around the label) */
        double fs = FS * 0.95, tw = bc_chart_width(c, lab, fs), lx, ly;
        if (p->horizontal) {
            bc_ops_line(c->ops, q, p->y0, q, p->y1, c->th->text, 0.6, 1);
            lx = q + 2;
            ly = p->y0 + FS;
        } else {
            bc_ops_line(c->ops, p->x0, q, p->x1, q, c->th->text, 0.6, 1);
            lx = p->x1 - tw;
            ly = q - 2.5;
        }
        bc_ops_rect(c->ops, lx - 1.5, ly - fs * 0.85, tw + 3, fs * 1.15, 0xFFFFFF, BC_NO_COLOR, 0);
        bc_chart_text(c, 0, fs, c->th->text, lx, ly, lab, 0);
    }
}

void bc_chart_plan_events(C *c, plot *p, double xmax, evplan *e)
{
    const bc_chart *ch = c->ch;
    int n = ch->nevents ? ch->nevents : 1;
    e->row = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(int));
    e->x0 = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(double));
    e->x1 = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(double));
    e->lx = bc_arena_alloc(c->cx->a, (size_t)n * sizeof(double));
    e->nrows = 0;
    double efs = FS * 0.95;
    for (int i = 0; i < ch->nevents; i++) {
        double ex = p->x0 + (ch->events[i].at + 0.5) * p->slot;
        e->lx[i] = ex;
        double tw = bc_chart_width(c, ch->events[i].label, efs);
        int row = -1;
        for (int strict = 1; strict >= 0 && row < 0; strict--)
            for (int r = 0; r < 6 && row < 0; r++)
                for (int side = 0; side < 2 && row < 0; side++) {
                    double a0 = side == 0 ? ex + 2.5 : ex - 2.5 - tw, a1 = a0 + tw;
                    if (a0 < p->x0 || a1 > xmax) continue;
                    int clash = 0;
                    for (int k = 0; k < i; k++) {
                        clash |= e->row[k] == r && a0 < e->x1[k] + 4 && e->x0[k] < a1 + 4;
                        if (strict) {
                            clash |= e->row[k] < r && e->lx[k] > a0 - 3 && e->lx[k] < a1 + 3;
                            clash |= e->row[k] > r && ex > e->x0[k] - 3 && ex < e->x1[k] + 3;
                        }
                    }
                    if (!clash) {
                        row = r;
                        e->x0[i] = a0;
                        e->x1[i] = a1;
                    }
                }
        if (row < 0) {
            row = e->nrows;
            e->x0[i] = ex + 2.5 + tw > xmax ? ex - 2.5 - tw : ex + 2.5;
            e->x1[i] = e->x0[i] + tw;
        }
        e->row[i] = row;
        if (row + 1 > e->nrows) e->nrows = row + 1;
    }
}

void bc_chart_draw_events(C *c, plot *p, const evplan *e)
{
    double efs = FS * 0.95, top = p->y0 - e->nrows * efs * 1.3;
    for (int i = 0; i < c->ch->nevents; i++) {
        double ly = top + e->row[i] * efs * 1.3 + efs;
        bc_ops_line(c->ops, e->lx[i], ly - efs * 0.9, e->lx[i], p->y1, c->th->muted, 0.5, 1);
        bc_chart_text(c, 0, efs, c->th->text, e->x0[i], ly, c->ch->events[i].label, 0);
    }
}
