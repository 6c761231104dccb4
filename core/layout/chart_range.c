/*
** chart_range.c — range bars and dumbbells: a row per category down the left, each drawn from
** its value in series 1 to its value in series 2. A range is one bar between the two (a low
** and a high); a dumbbell two dots joined by a line (a before and an after), its legend
** naming the two. Value labels go outside the two ends, so they never sit on a mark.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <stdio.h>

/* The labels of one row: lo at ql and hi at qh (lo <= hi on the axis), r the dots' radius (0
   for a range bar). A dumbbell labels each dot above it when the two fit apart; else, and for
   a range, each end outside; an outside label that would run into the category labels goes
   inside the bar in white (a range) or joins the other ("$23 m – $1.3 bn"). */
static void row_labels(C *c, const plot *p, double lo, double hi, double ql, double qh, double y,
                       double r)
{
    char a[96], b[96];
    int dec = bc_chart_label_decimals(c->ch);
    bc_chart_format_label(c->ch, dec, lo, a, sizeof a);
    bc_chart_format_label(c->ch, dec, hi, b, sizeof b);
    double fs = FS * 0.9, ta = bc_chart_width(c, a, fs), tb = bc_chart_width(c, b, fs);
    uint32_t ink = c->th->text;
    /* above the dots, centred on them but kept inside the plot */
    double xa = fmax(ql - ta / 2, p->x0 + 1), xb = fmin(qh - tb / 2, p->x1 - tb);
    if (r > 0 && xb - (xa + ta) >= 4 && p->slot >= FS * 2.4) {
        bc_chart_text(c, 0, fs, ink, xa, y - r - 2.5, a, 0);
        bc_chart_text(c, 0, fs, ink, xb, y - r - 2.5, b, 0);
        return;
    }
    double gap = r + 2.5, base = y + fs * 0.35;
    if (ql - gap - ta >= p->x0 + 2) {
        bc_chart_text(c, 0, fs, ink, ql - gap - ta, base, a, 0);
    } else if (r == 0 && qh - ql >= ta + 6) {
        bc_chart_text(c, 0, fs, 0xFFFFFF, ql + 3, base, a, 0);
    } else {
        char both[200];
        snprintf(both, sizeof both, "%s \xE2\x80\x93 %s", a, b);
        bc_chart_text(c, 0, fs, ink, qh + gap, base, both, 0);
        return;
    }
    bc_chart_text(c, 0, fs, ink, qh + gap, base, b, 0);
}

void bc_chart_ranges(C *c, plot *p)
{
    const bc_chart *ch = c->ch;
    int nc = ch->ncat, dumbbell = ch->kind == BC_CHART_DUMBBELL;
    for (int k = 0; k < nc; k++) {
        double a = ch->values[k], b = ch->values[nc + k], y = bc_chart_cat_center(p, k);
        int hl = ch->highlight && ch->highlight[k], muted = ch->highlight && !hl;
        if (dumbbell) bc_ops_line(c->ops, p->x0, y, p->x1, y, c->th->rule, 0.3, 2);
        if (isnan(a) && isnan(b)) continue;
        double qa = isnan(a) ? NAN : bc_chart_smap(&p->val, a);
        double qb = isnan(b) ? NAN : bc_chart_smap(&p->val, b);
        double r = dumbbell ? (hl ? 3.8 : 3.2) : 0;
        if (!dumbbell) {
            if (isnan(a) || isnan(b)) continue; /* a range needs both ends */
            double th = fmin(p->slot * 0.5, FS * 1.3);
            double w = fabs(qb - qa);
            if (w < 1.5) w = 1.5;
            bc_chart_fill_rect(c, 0, fmin(qa, qb), y - th / 2, w, th, muted ? 0.55 : 0);
        } else {
            if (!isnan(a) && !isnan(b))
                bc_ops_line(c->ops, qa, y, qb, y, muted ? c->th->rule : c->th->muted, 1.8, 0);
            if (!isnan(a)) bc_chart_series_dot(c, 0, qa, y, r);
            if (!isnan(b)) bc_chart_series_dot(c, 1, qb, y, r);
        }
        if (!bc_chart_label_shown(ch, k)) continue;
        if (!isnan(a) && !isnan(b)) {
            int a_low = qa <= qb;
            row_labels(c, p, a_low ? a : b, a_low ? b : a, fmin(qa, qb), fmax(qa, qb), y, r);
        } else {
            char buf[96];
            double v = isnan(a) ? b : a, q = isnan(a) ? qb : qa;
            bc_chart_format_label(ch, bc_chart_label_decimals(ch), v, buf, sizeof buf);
            bc_chart_text(c, 0, FS * 0.9, c->th->text, q + r + 2.5, y + FS * 0.9 * 0.35, buf, 0);
        }
    }
}
