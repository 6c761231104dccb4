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
    bc_arena *a; /* labels built while drawing live here */
    bc_error *err;
    /* Sets a label that needs bidi order or shaping as body text is (the fallback chain,
       HarfBuzz, bidi), its start at (x, y) on the baseline along angle; appends its ops to ops
       (none when ops is NULL) and returns its width. NULL: every label set by the cmap. */
    double (*label)(void *u, bc_ops *ops, const char *s, size_t len, int bold, double size,
                    uint32_t color, double x, double y, double angle);
    void *u;
    int rtl;       /* a right-to-left brief: labels placed mirrored about x = mirror / 2 */
    double mirror; /* (see bc_chart_mirror) */
} bc_chart_ctx;

/* {====================================================== richer charts (issue 18) */

/* A note at a point of the plot, its label placed clear of the marks with a leader line. */
typedef struct bc_chart_annot {
    double x; /* scatter: the x value; else the category index */
    double y; /* on the value axis (the left one) */
    const char *text;
    int panel; /* small multiples: the panel it is drawn in (its facet index) */
} bc_chart_annot;

/* What a chart adds to the classic kinds. bc_chart.more is NULL when it uses none of it. */
typedef struct bc_chart_more {
    double *x;                /* scatter: ncat x values (bc_chart.values holds y) */
    int trend;                /* scatter: 0 none, 1 least-squares line, 2 with its equation */
    unsigned char *right;     /* per series: on the right-hand value axis, or NULL */
    const char *y2_title;     /* title of the right-hand axis */
    int format2;              /* bc_chart_format_kind of the right-hand axis */
    int dec_x, dec_y, dec_y2; /* tick decimals of each axis; -1: what the step needs */
    bc_chart_annot *annots;
    int nannots;
    int *facet;          /* per series: its panel (small multiples), or NULL */
    const char **facets; /* panel titles */
    int nfacets, facet_cols;
    unsigned char *label_cats; /* per category: value label shown; NULL: every category */
    int in_column;             /* two-column body: set in one column, not across the page */
    unsigned char *line;       /* per series of a bar chart: drawn as a line, or NULL */
    int *group;                /* scatter: each point's series (points' series =), or NULL */
    const char **groups;       /* scatter: the series' names, in order of first use */
    int ngroups;
} bc_chart_more;

/* Series s of a bar chart drawn as a line over the bars (mark = "line"). */
#define BC_CHART_IS_LINE(ch, s) ((ch)->more && (ch)->more->line && (ch)->more->line[s])

/* A chart's right-hand series count (0 without more). */
int bc_chart_nright(const bc_chart *ch);

/* Least squares of y on x over the chart's points: slope *a, intercept *b, R² *r2. Returns 0
   when fewer than two distinct x values leave the line undefined. */
int bc_chart_fit(const bc_chart *ch, double *a, double *b, double *r2);

/* The /Alt of the kinds and options of issue 18 (scatter, range, dumbbell, facets, a right
   axis, annotations) in arena a; NULL for a chart that uses none, which tags.c describes. */
const char *bc_chart_alt_more(bc_arena *a, const bc_chart *ch);

/* }====================================================== */

/* The smallest value a log axis shows: a power of ten below it underflows a double. */
#define BC_CHART_LOG_MIN 1e-300

/* Draws the chart into the box (x, y, w, h), layout coordinates. */
bc_status bc_chart_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                        double w, double h);

/* Mirrors the geometry of ops[from..] (all but text, which bc_chart_text already placed
   mirrored when cx->rtl) about x = mirror / 2: a chart in a right-to-left brief, its value axis
   at the right, categories and legend entries from right to left. Polygons' points are copied
   into a before they change. */
void bc_chart_mirror(bc_ops *ops, int from, double mirror, bc_arena *a);

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
