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

/* {====================================================== rules (chart_rules.c) */

/* The rules s:chart asks as it reads a plugin's chart (lua/api_chart.c). Each check returns
   NULL when the chart keeps the rule, else the message (in arena a), starting with what,
   the chart's name. */
#define BC_CHART_MAX_CATEGORIES 10000
#define BC_CHART_MAX_SERIES 32

/* What the options imply: a 100 % stack shows percents; an area chart stacks. */
void bc_chart_imply(bc_chart *ch);
/* A direct legend labels line ends, so it goes with line charts only. */
const char *bc_chart_check_options(const bc_chart *ch, const char *what, bc_arena *a);
/* The aspect (height over width) when the plugin gives none. */
double bc_chart_default_aspect(const bc_chart *ch);
const char *bc_chart_check_categories(int nc, const char *what, bc_arena *a);
/* 1 to BC_CHART_MAX_SERIES series; a donut shows one. */
const char *bc_chart_check_series(const bc_chart *ch, int ns, const char *what, bc_arena *a);
/* Value c of series s (NAN: a gap): positive on a log scale, never negative in a donut. */
const char *bc_chart_check_value(const bc_chart *ch, int s, int c, double v, const char *what,
                                 bc_arena *a);
/* Stacked values cannot use a log scale. */
const char *bc_chart_check_scale(const bc_chart *ch, const char *what, bc_arena *a);
/* Reference line r at v: positive on a log scale. */
const char *bc_chart_check_reference(const bc_chart *ch, int r, double v, const char *what,
                                     bc_arena *a);

/* }====================================================== */

#endif
