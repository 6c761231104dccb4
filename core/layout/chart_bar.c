/*
** chart_bar.c — the bars of bar charts: vertical or horizontal, grouped, stacked or 100 % stacked;
** series with mark = "line" drawn as lines over the bars (a bar-and-line chart).
*/
#include "layout/chart_int.h"

#include <math.h>

void bc_chart_bars(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat, ns = ch->nser, nb = 0, slot_of[BC_CHART_MAX_SERIES];
    for (int s = 0; s < ns && s < BC_CHART_MAX_SERIES; s++)
        slot_of[s] = BC_CHART_IS_LINE(ch, s) ? -1 : nb++;
    int stacked = ch->stack != BC_STACK_NONE;
    double gw = p->slot * (stacked || nb == 1 ? 0.62 : 0.8);
    double base_v = p->val.log ? bc_chart_tick_value(&p->val, 0) : 0;
    char buf[96];
    int dec = bc_chart_label_decimals(ch);
    for (int k = 0; k < nc; k++) {
        double start = bc_chart_cat_center(p, k) - gw / 2;
        double total = 0;
        if (ch->stack == BC_STACK_PERCENT)
            for (int s = 0; s < ns; s++) {
                double v = ch->values[s * nc + k];
                if (!isnan(v)) total += fabs(v);
            }
        double t = ch->highlight && !ch->highlight[k] ? 0.55 : 0;
        double pos = 0, neg = 0;
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (isnan(v) || (v == 0 && stacked) || slot_of[s] < 0) continue;
            if (ch->stack == BC_STACK_PERCENT) v = total > 0 ? v / total * 100 : 0;
            double a, b, from, size;
            const scale *sc = bc_chart_scale_of(c, p, s);
            if (stacked) {
                double base = v >= 0 ? pos : neg;
                a = bc_chart_smap(&p->val, base);
                b = bc_chart_smap(&p->val, base + v);
                if (v >= 0)
                    pos += v;
                else
                    neg += v;
                from = start;
                size = gw;
            } else {
                a = bc_chart_smap(sc, sc == &p->val ? base_v
                                                    : (sc->lo <= 0 && sc->hi >= 0 ? 0 : sc->lo));
                b = bc_chart_smap(sc, v);
                size = gw / nb;
                from = start + slot_of[s] * size;
                if (nb < ns) from += size * 0.04; /* centred under the line's points */
                size *= 0.92;
            }
            if (p->horizontal)
                bc_chart_fill_rect(c, s, fmin(a, b), from, fabs(b - a), size, t);
            else
                bc_chart_fill_rect(c, s, from, fmin(a, b), size, fabs(b - a), t);
            if (bc_chart_label_shown(ch, k) && !stacked) {
                if (p->two)
                    bc_chart_series_label(ch, c->cmap ? c->cmap[s] : s, v, buf, sizeof buf);
                else
                    bc_chart_format_label(ch, dec, v, buf, sizeof buf);
                double tw = bc_chart_width(c, buf, FS * 0.9);
                if (p->horizontal)
                    bc_chart_text(c, 0, FS * 0.9, c->th->text, v >= 0 ? b + 2 : b - 2 - tw,
                                  from + size / 2 + FS * 0.32, buf, 0);
                else
                    bc_chart_text(c, 0, FS * 0.9, c->th->text, from + size / 2 - tw / 2,
                                  v >= 0 ? b - 2 : b + FS * 0.95, buf, 0);
            }
        }
        /* A stack is labelled at each end with what that end reaches: the sum of its
           positive parts above, of its negative parts below (never the net, which no end of
           the bar shows). */
        for (int side = 0;
             bc_chart_label_shown(ch, k) && stacked && ch->stack != BC_STACK_PERCENT && side < 2;
             side++) {
            double end = side ? neg : pos;
            if (side ? !(neg < 0) : !(pos > 0 || neg == 0)) continue;
            bc_chart_format_label(ch, dec, end, buf, sizeof buf);
            double tw = bc_chart_width(c, buf, FS * 0.9), b = bc_chart_smap(&p->val, end);
            if (p->horizontal)
                bc_chart_text(c, 0, FS * 0.9, c->th->text, side ? b - 2 - tw : b + 2,
                              start + gw / 2 + FS * 0.32, buf, 0);
            else
                bc_chart_text(c, 0, FS * 0.9, c->th->text, start + gw / 2 - tw / 2,
                              side ? b + FS * 0.95 : b - 2, buf, 0);
        }
    }
    if (nb < ns) bc_chart_lines(c, p); /* the mark = "line" series, over every bar */
}
