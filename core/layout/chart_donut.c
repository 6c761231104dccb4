/*
** chart_donut.c — the donut chart: slices, percentages and its legend.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <stdio.h>

#include "lua/fmt.h"

/* {====================================================== donut */

void bc_chart_donut(C *c, double x, double y, double w, double h)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat;
    double total = 0;
    for (int k = 0; k < nc; k++) {
        double v = ch->values[k];
        if (!isnan(v) && v > 0) total += v;
    }
    double legend_w = 0;
    for (int k = 0; k < nc; k++)
        legend_w = fmax(legend_w, bc_chart_width(c, ch->categories[k], FS) + 60);
    legend_w = fmin(legend_w, w * 0.5);
    double r = fmin(h, w - legend_w) / 2 - 4, cx = x + r + 4, cy = y + h / 2, ri = r * 0.58;
    if (r < 10) r = 10;
    char buf[128], val[96];
    if (total <= 0) {
        bc_ops_rect(c->ops, cx - r, cy - 0.5, 2 * r, 1, c->th->rule, BC_NO_COLOR, 0);
        bc_chart_text(c, 0, FS, c->th->muted, cx - bc_chart_width(c, "no data", FS) / 2,
                      cy + FS * 0.35, "no data", 0);
        return;
    }
    double a = -PI / 2; /* start at twelve o'clock, clockwise */
    for (int k = 0; k < nc; k++) {
        double v = ch->values[k];
        if (isnan(v) || v <= 0) continue;
        double sweep = v / total * 2 * PI;
        int steps = (int)ceil(sweep / (PI / 60)) + 1;
        float *pt = bc_chart_points(c, steps * 2);
        for (int i = 0; i < steps; i++) {
            double t = a + sweep * i / (steps - 1);
            pt[2 * i] = (float)(cx + r * cos(t));
            pt[2 * i + 1] = (float)(cy + r * sin(t));
            int j = 2 * steps - 1 - i;
            pt[2 * j] = (float)(cx + ri * cos(t));
            pt[2 * j + 1] = (float)(cy + ri * sin(t));
        }
        double t = ch->highlight && !ch->highlight[k] ? 0.55 : 0;
        bc_chart_fill_poly(c, k, pt, steps * 2, t);
        a += sweep;
    }
    bc_chart_format_label(ch, bc_chart_label_decimals(ch), total, val, sizeof val);
    bc_chart_text(c, 1, FS * 1.5, c->th->text, cx - bc_chart_label_width(c, 1, val, FS * 1.5) / 2,
                  cy + FS * 0.5, val, 0);
    /* legend with shares, in one number of decimals: whole per cent unless a non-zero share
       would read 0 % (0.3 % of the total is "0.3 %", never "0 %"), or the chart's decimals */
    int share_dec = ch->decimals >= 0 ? ch->decimals : 0;
    for (int k = 0; k < nc && ch->decimals < 0; k++) {
        double v = ch->values[k];
        if (isnan(v) || v <= 0) continue;
        double sh = v / total * 100;
        if (sh < 0.5) {
            int d = (int)ceil(-log10(sh) + 1e-9); /* 0.3 -> 1, 0.04 -> 2 */
            if (d > share_dec) share_dec = d > 6 ? 6 : d;
        }
    }
    double ly = cy - nc * FS * 0.85;
    for (int k = 0; k < nc; k++) {
        double v = ch->values[k];
        double lx = x + 2 * r + 20;
        bc_chart_fill_rect(c, k, lx, ly - FS * 0.75, 7, 7, 0);
        if (isnan(v))
            snprintf(buf, sizeof buf, "%s" NBSP "\xE2\x80\x93" NBSP "no data", ch->categories[k]);
        else {
            bc_fmt_number(v > 0 ? v / total * 100 : 0, share_dec, val, sizeof val);
            snprintf(buf, sizeof buf, "%s" NBSP "\xE2\x80\x93" NBSP "%s" NBSP "%%",
                     ch->categories[k], val);
        }
        bc_chart_text(c, 0, FS, c->th->text, lx + 11, ly, buf, 0);
        ly += FS * 1.7;
    }
}

/* }====================================================== */
