/*
** chart.h — vector charts drawn as bc_ops: bars (stacked or grouped) and lines, with nice
** axis ticks, gridlines, a legend, thinned category labels and event markers.
*/
#ifndef BC_CHART_H
#define BC_CHART_H

#include "doc/doc.h"
#include "layout/fontset.h"
#include "layout/ops.h"
#include "doc/theme.h"

typedef struct bc_chart_ctx {
    const bc_theme *th;
    bc_fontset *fs;
    bc_arena *a;      /* labels built while drawing live here */
    bc_error *err;
} bc_chart_ctx;

/* The smallest value a log axis shows: a power of ten below it underflows a double. */
#define BC_CHART_LOG_MIN 1e-300

/* Draws the chart into the box (x, y, w, h), layout coordinates. */
bc_status bc_chart_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                        double w, double h);

/* The least height (points) the chart needs to set every category label apart: a horizontal
   bar or dot chart grows with its categories (40 bars need about 450 pt); others 0. */
double bc_chart_min_height(const bc_chart *ch);

/* Chooses tick values for [lo, hi]: a step of 1, 2 or 5 x 10^n giving about target ticks.
   Writes the rounded axis bounds and the step. */
void bc_chart_ticks(double lo, double hi, int target, double *axis_lo, double *axis_hi,
                    double *step);

/* Formats v with thousands separators and the decimals a step needs ("1,204", "0.25"). */
void bc_chart_format(double v, double step, char *out, size_t cap);

#endif
