/*
** chart_scale.c — value scales of the charts: the value range, nice 1-2-5 ticks on linear and log
** axes, and the map from values to positions.
*/
#include "layout/chart_int.h"

#include <math.h>

/* {====================================================== scales */

double bc_chart_smap(const scale *s, double v)
{
    double t;
    if (s->log)
        t = (log10(v) - s->lo) / (s->hi - s->lo);
    else
        t = (v - s->lo) / (s->hi - s->lo);
    return s->p0 + t * (s->p1 - s->p0);
}

/* A log axis of up to three decades ticks at 1, 2 and 5 x 10^n (step 0); a wider one at
   powers of ten, every step decades. The i-th 1-2-5 tick of [lo, hi], or the count of them
   when i < 0. */
static double log125(const scale *s, int i, int *count)
{
    static const double m[] = {1, 2, 5};
    int n = 0;
    for (double d = floor(s->lo); d <= s->hi + 1e-9; d++)
        for (int k = 0; k < 3; k++) {
            double l = d + log10(m[k]);
            if (l < s->lo - 1e-9 || l > s->hi + 1e-9) continue;
            if (n++ == i) return m[k] * pow(10, d);
        }
    *count = n;
    return 0;
}

int bc_chart_nticks(const scale *s)
{
    int n = 0;
    if (s->log && s->step == 0)
        log125(s, -1, &n);
    else
        n = (int)floor((s->hi - s->lo) / s->step + 0.5) + 1;
    return n;
}

double bc_chart_tick_value(const scale *s, int i)
{
    int n;
    if (s->log && s->step == 0) return log125(s, i, &n);
    double v = s->lo + i * s->step;
    return s->log ? pow(10, v) : v;
}

/* The 1-2-5 value at or below v (down) or at or above it. */
static double nice125(double v, int down)
{
    double d = pow(10, floor(log10(v)));
    double m = v / d;
    if (down) return (m >= 5 - 1e-9 ? 5 : m >= 2 - 1e-9 ? 2 : 1) * d;
    return (m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10) * d;
}

/* Whether series s is drawn against side (-1 both, 0 left, 1 right). */
static int on_side(const bc_chart *ch, int s, int side)
{
    if (side < 0) return 1;
    int r = ch->more && ch->more->right && ch->more->right[s];
    return r == side;
}

/* Value range of what the chart draws on side (stacks summed, percent stacks 0..100). */
static void value_range(const bc_chart *ch, double *lo, double *hi, int side)
{
    int nc = ch->ncat, ns = ch->nser;
    int stacked =
        ch->stack != BC_STACK_NONE &&
        (ch->kind == BC_CHART_BAR || ch->kind == BC_CHART_HBAR || ch->kind == BC_CHART_AREA);
    *lo = ch->log ? INFINITY : 0;
    *hi = ch->log ? -INFINITY : 0;
    if (stacked && ch->stack == BC_STACK_PERCENT) {
        *lo = 0;
        *hi = 100;
        for (int k = 0; k < nc; k++)
            for (int s = 0; s < ns; s++)
                if (ch->values[s * nc + k] < 0) *lo = -100;
        return;
    }
    for (int k = 0; k < nc; k++) {
        double pos = 0, neg = 0;
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + k];
            if (isnan(v) || !on_side(ch, s, side)) continue;
            if (stacked) {
                if (v >= 0)
                    pos += v;
                else
                    neg += v;
            } else {
                *hi = fmax(*hi, v);
                *lo = fmin(*lo, v);
            }
        }
        if (stacked) {
            *hi = fmax(*hi, pos);
            *lo = fmin(*lo, neg);
        }
    }
    if (ch->log && !(*lo <= *hi)) *lo = *hi = 1;
    if (side == 1) return;
    for (int a = 0; ch->more && a < ch->more->nannots; a++) {
        *hi = fmax(*hi, ch->more->annots[a].y);
        *lo = fmin(*lo, ch->more->annots[a].y);
    }
    for (int r = 0; r < ch->nrefs; r++) {
        *hi = fmax(*hi, ch->refs[r].value);
        *lo = fmin(*lo, ch->refs[r].value);
    }
}

const scale *bc_chart_scale_of(const C *c, const plot *p, int s)
{
    if (!p->two) return &p->val;
    const int *m = c->cmap;
    int g = m ? m[s] : s;
    return c->ch->more && c->ch->more->right && c->ch->more->right[g] ? &p->val2 : &p->val;
}

void bc_chart_make_scale(const bc_chart *ch, scale *sc, int target)
{
    bc_chart_make_scale_side(ch, sc, target, -1);
}

void bc_chart_make_scale_side(const bc_chart *ch, scale *sc, int target, int side)
{
    double lo, hi;
    value_range(ch, &lo, &hi, side);
    sc->log = ch->log;
    if (ch->log) {
        if (log10(hi) - log10(lo) <= 3) { /* the axis spans the data: 3.5 to 129 on 2 to 200 */
            double a = nice125(lo * 0.999, 1), b = nice125(hi, 0); /* bars rise above the base */
            if (b <= a) b = nice125(a * 1.01, 0);
            sc->lo = log10(a);
            sc->hi = log10(b);
            sc->step = 0;
            return;
        }
        sc->lo = floor(log10(lo));
        sc->hi = ceil(log10(hi));
        if (sc->hi <= sc->lo) sc->hi = sc->lo + 1;
        sc->step = ceil((sc->hi - sc->lo) / 6);
        if (sc->step < 1) sc->step = 1;
        /* the top on a tick: 0.02 to 50,000 in steps of two decades ends at 10^6, not with a
           tick drawn above the plot at 10^6 and an axis ending at 10^5 */
        sc->hi = sc->lo + ceil((sc->hi - sc->lo) / sc->step - 1e-9) * sc->step;
        return;
    }
    bc_chart_ticks(lo, hi, target, &sc->lo, &sc->hi, &sc->step);
}

/* The right-hand scale on the left one's gridlines: as many steps, zero on the same line,
   the least 1-2-2.5-5 step that holds the right-hand series. */
void bc_chart_align_scale(const bc_chart *ch, const scale *left, scale *right)
{
    double lo, hi;
    value_range(ch, &lo, &hi, 1);
    int n = (int)floor((left->hi - left->lo) / left->step + 0.5);
    int z = (int)floor(-left->lo / left->step + 0.5); /* steps below zero */
    if (n < 1) n = 1;
    if (z < 0) z = 0;
    if (z > n) z = n;
    static const double m[] = {1, 2, 2.5, 5};
    double need = fmax(hi > 0 && n > z ? hi / (n - z) : 0, lo < 0 && z > 0 ? -lo / z : 0);
    if (!(need > 0) || (lo < 0 && z == 0) || (hi > 0 && n == z)) {
        *right = *left; /* cannot share the lines: its own ticks (rare: the left is all < 0) */
        bc_chart_make_scale_side(ch, right, 5, 1);
        return;
    }
    double d = pow(10, floor(log10(need))), st = 10 * d;
    for (int i = 0; i < 4; i++)
        if (m[i] * d >= need * (1 - 1e-9)) {
            st = m[i] * d;
            break;
        }
    right->log = 0;
    right->step = st;
    right->lo = -z * st;
    right->hi = (n - z) * st;
}

/* }====================================================== */
