/*
** chart.c — bar and line charts.
**
** Geometry is computed once (plot box, scale), then every element is emitted as ops: grid and
** baseline first, data marks, axis labels, legend, events. All labels are real text in the
** brief's sans font, so they extract and search.
*/
#include "chart.h"

#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bc_chart_ticks(double lo, double hi, int target, double *axis_lo, double *axis_hi,
                    double *step)
{
    if (!(hi > lo)) {
        if (lo == 0 && hi == 0) { hi = 1; }
        else { double m = fabs(lo) * 0.1; lo -= m; hi += m; }
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

typedef struct geom {
    double px0, px1, py0, py1; /* plot box: x left/right, y top/bottom */
    double lo, hi, step;
} geom;

static double ymap(const geom *g, double v)
{
    return g->py1 - (v - g->lo) / (g->hi - g->lo) * (g->py1 - g->py0);
}

static void text(bc_chart_ctx *cx, bc_ops *ops, bc_font *f, int slot, double size, uint32_t color,
                 double x, double y, const char *s, double angle)
{
    size_t len = strlen(s);
    const char *copy = bc_arena_strndup(cx->a, s, len);
    bc_ops_text(ops, slot, size, color, x, y, copy, len);
    ops->v[ops->n - 1].angle = (float)angle;
    bc_font_use(f, copy, len);
}

bc_status bc_chart_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                        double w, double h)
{
    const bc_theme *th = cx->th;
    bc_font *f = bc_fontset_get(cx->fs, BC_FONT_SANS, cx->err);
    bc_font *fb = f ? bc_fontset_get(cx->fs, BC_FONT_SANS_B, cx->err) : NULL;
    if (!f || !fb) return BC_ERR;
    const double fs = 7.5;
    int nc = ch->ncat, ns = ch->nser;

    /* Value range (stacked bars sum positive and negative parts separately). */
    double lo = 0, hi = 0;
    for (int c = 0; c < nc; c++) {
        double pos = 0, neg = 0;
        for (int s = 0; s < ns; s++) {
            double v = ch->values[s * nc + c];
            if (isnan(v)) continue;
            if (ch->kind == BC_CHART_BAR && ch->stacked) {
                if (v >= 0) pos += v; else neg += v;
            } else {
                if (v > hi) hi = v;
                if (v < lo) lo = v;
            }
        }
        if (ch->kind == BC_CHART_BAR && ch->stacked) {
            if (pos > hi) hi = pos;
            if (neg < lo) lo = neg;
        }
    }
    geom g;
    bc_chart_ticks(lo, hi, 5, &g.lo, &g.hi, &g.step);

    /* Legend: one row of swatches at the top, wrapped when needed. */
    double legend_h = 0;
    if (ns > 1) {
        double lx = x, ly = y + fs;
        for (int s = 0; s < ns; s++) {
            double tw = bc_font_width(f, ch->series[s], strlen(ch->series[s]), fs);
            if (lx > x && lx + 12 + tw > x + w) { lx = x; ly += fs * 1.6; }
            uint32_t col = th->palette[s % th->npalette];
            if (ch->kind == BC_CHART_LINE)
                bc_ops_line(ops, lx, ly - fs * 0.33, lx + 9, ly - fs * 0.33, col, 1.8, 0);
            else
                bc_ops_rect(ops, lx, ly - fs * 0.75, 7, 7, col, BC_NO_COLOR, 0);
            text(cx, ops, f, BC_FONT_SANS, fs, th->text, lx + 11, ly, ch->series[s], 0);
            lx += 11 + tw + 12;
        }
        legend_h = ly - y + fs * 0.9;
    }
    double title_h = ch->y_title ? fs * 1.8 : 0;

    /* Y labels decide the left margin. */
    int nt = (int)floor((g.hi - g.lo) / g.step + 0.5) + 1;
    double ylab_w = 0;
    char buf[64];
    for (int i = 0; i < nt; i++) {
        bc_chart_format(g.lo + i * g.step, g.step, buf, sizeof buf);
        double tw = bc_font_width(f, buf, strlen(buf), fs);
        if (tw > ylab_w) ylab_w = tw;
    }
    g.px0 = x + ylab_w + 5;
    g.px1 = x + w - 2;
    double slot = (g.px1 - g.px0) / (nc > 0 ? nc : 1);

    /* Event labels go in rows above the plot: each in the first row where it overlaps no
       other label. */
    double efs = fs * 0.95;
    int *erow = bc_arena_alloc(cx->a, (size_t)(ch->nevents ? ch->nevents : 1) * sizeof(int));
    double *ex0 = bc_arena_alloc(cx->a, (size_t)(ch->nevents ? ch->nevents : 1) * sizeof(double));
    double *ex1 = bc_arena_alloc(cx->a, (size_t)(ch->nevents ? ch->nevents : 1) * sizeof(double));
    double *elx = bc_arena_alloc(cx->a, (size_t)(ch->nevents ? ch->nevents : 1) * sizeof(double));
    int nrows = 0;
    for (int e = 0; e < ch->nevents; e++) {
        double at = ch->events[e].at;
        double ex = g.px0 + (at + 0.5) * slot;
        elx[e] = ex;
        double tw = bc_font_width(f, ch->events[e].label, strlen(ch->events[e].label), efs);
        /* Try each row, right of the marker then left of it; if every place crosses a
           marker line, accept the first place free of other labels. */
        int row = -1;
        for (int strict = 1; strict >= 0 && row < 0; strict--) {
            for (int r = 0; r < 6 && row < 0; r++) {
                for (int side = 0; side < 2 && row < 0; side++) {
                    double a0 = side == 0 ? ex + 2.5 : ex - 2.5 - tw, a1 = a0 + tw;
                    if (a0 < g.px0 || a1 > x + w) continue;
                    int clash = 0;
                    for (int k = 0; k < e; k++) {
                        clash |= erow[k] == r && a0 < ex1[k] + 4 && ex0[k] < a1 + 4;
                        if (strict) {
                            clash |= erow[k] < r && elx[k] > a0 - 3 && elx[k] < a1 + 3;
                            clash |= erow[k] > r && ex > ex0[k] - 3 && ex < ex1[k] + 3;
                        }
                    }
                    if (!clash) {
                        row = r;
                        ex0[e] = a0;
                        ex1[e] = a1;
                    }
                }
            }
        }
        if (row < 0) { /* crowded beyond reason: stack it on a new row */
            row = nrows;
            ex0[e] = ex + 2.5 + tw > x + w ? ex - 2.5 - tw : ex + 2.5;
            ex1[e] = ex0[e] + tw;
        }
        erow[e] = row;
        if (row + 1 > nrows) nrows = row + 1;
    }
    double events_h = nrows * efs * 1.3;
    g.py0 = y + legend_h + title_h + events_h + fs * 0.6;
    g.py1 = y + h - fs * 2.2;
    if (g.py1 - g.py0 < 20) g.py0 = g.py1 - 20;

    if (ch->y_title)
        text(cx, ops, f, BC_FONT_SANS, fs, th->muted,
             x, y + legend_h + fs * 1.2, ch->y_title, 0);

    /* Gridlines and tick labels. */
    for (int i = 0; i < nt; i++) {
        double v = g.lo + i * g.step;
        double yy = ymap(&g, v);
        if (fabs(v) > g.step * 1e-9)
            bc_ops_line(ops, g.px0, yy, g.px1, yy, th->rule, 0.35, 0);
        bc_chart_format(v, g.step, buf, sizeof buf);
        double tw = bc_font_width(f, buf, strlen(buf), fs);
        text(cx, ops, f, BC_FONT_SANS, fs, th->muted, g.px0 - 4 - tw, yy + fs * 0.35, buf, 0);
    }

    if (ch->kind == BC_CHART_BAR) {
        double gw = slot * (ch->stacked ? 0.62 : 0.8);
        for (int c = 0; c < nc; c++) {
            double cx0 = g.px0 + c * slot + (slot - gw) / 2;
            double pos = 0, neg = 0;
            for (int s = 0; s < ns; s++) {
                double v = ch->values[s * nc + c];
                if (isnan(v) || v == 0) continue;
                uint32_t col = th->palette[s % th->npalette];
                if (ch->stacked) {
                    double base = v >= 0 ? pos : neg;
                    double y0 = ymap(&g, base), y1 = ymap(&g, base + v);
                    bc_ops_rect(ops, cx0, fmin(y0, y1), gw, fabs(y1 - y0), col, BC_NO_COLOR, 0);
                    if (v >= 0) pos += v; else neg += v;
                } else {
                    double bw = gw / ns;
                    double y0 = ymap(&g, 0), y1 = ymap(&g, v);
                    bc_ops_rect(ops, cx0 + s * bw, fmin(y0, y1), bw * 0.92, fabs(y1 - y0), col,
                                BC_NO_COLOR, 0);
                }
            }
        }
    } else {
        for (int s = 0; s < ns; s++) {
            uint32_t col = th->palette[s % th->npalette];
            double px = 0, py = 0;
            int have = 0;
            for (int c = 0; c < nc; c++) {
                double v = ch->values[s * nc + c];
                if (isnan(v)) { have = 0; continue; }
                double xx = g.px0 + (c + 0.5) * slot, yy = ymap(&g, v);
                if (have) bc_ops_line(ops, px, py, xx, yy, col, 1.4, 0);
                px = xx;
                py = yy;
                have = 1;
            }
        }
    }
    /* Zero baseline over the marks. */
    double y0 = ymap(&g, g.lo <= 0 && g.hi >= 0 ? 0 : g.lo);
    bc_ops_line(ops, g.px0, y0, g.px1, y0, th->text, 0.7, 0);

    /* Category labels, thinned to a step that fits. */
    double maxlw = 0;
    for (int c = 0; c < nc; c++) {
        double tw = bc_font_width(f, ch->categories[c], strlen(ch->categories[c]), fs);
        if (tw > maxlw) maxlw = tw;
    }
    int every = ch->label_every;
    if (every <= 0) {
        static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000};
        every = 1;
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            every = steps[i];
            if (slot * every >= maxlw + 6) break;
        }
    }
    /* Year-like categories are labelled on round years (1950, 1960 …), others every n-th. */
    int years = every > 1;
    for (int c = 0; c < nc && years; c++) {
        char *end;
        long v = strtol(ch->categories[c], &end, 10);
        (void)v;
        if (end == ch->categories[c]) years = 0;
    }
    for (int c = 0; c < nc; c++) {
        const char *lab = ch->categories[c];
        if (years) {
            char *end;
            long v = strtol(lab, &end, 10);
            if (*end || v % every) continue;
        } else if (c % every) {
            continue;
        }
        double tw = bc_font_width(f, lab, strlen(lab), fs);
        double cxm = g.px0 + (c + 0.5) * slot;
        if (every > 1) bc_ops_line(ops, cxm, g.py1, cxm, g.py1 + 2.5, th->muted, 0.4, 0);
        text(cx, ops, f, BC_FONT_SANS, fs, th->muted, cxm - tw / 2, g.py1 + fs * 1.5, lab, 0);
    }

    /* Event markers: a dashed vertical line up to its label's row. */
    for (int e = 0; e < ch->nevents; e++) {
        double at = ch->events[e].at;
        if (at < -0.5 || at > nc - 0.5) continue;
        double ex = g.px0 + (at + 0.5) * slot;
        double ly = g.py0 - events_h + erow[e] * efs * 1.3 + efs;
        bc_ops_line(ops, ex, ly - efs * 0.9, ex, g.py1, th->muted, 0.5, 1);
        text(cx, ops, f, BC_FONT_SANS, efs, th->text, ex0[e], ly, ch->events[e].label, 0);
    }
    return BC_OK;
}
