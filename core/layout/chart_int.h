/*
** chart_int.h — what the chart files (chart*.c) share: the drawing context, scales, the plot
** box and the helpers one file defines for the others. Included only by layout/chart*.c.
*/
#ifndef BC_CHART_INT_H
#define BC_CHART_INT_H

#include <stdint.h>

#include "layout/chart.h"

#define FS 7.5 /* label size */
#define PI 3.14159265358979323846
#define NBSP "\xC2\xA0"

typedef struct C {
    const bc_chart *ch;
    bc_chart_ctx *cx;
    bc_ops *ops;
    bc_font *f, *fb;
    bc_font *fall; /* the fallback font, opened on first need */
    int no_fall;   /* … or known to be missing */
    const bc_theme *th;
    const struct scale *fixed; /* small multiples: the value scale every panel shares */
    const int *cmap;           /* small multiples: a panel's series to the chart's colours */
    int no_ylabels;            /* small multiples: a panel right of the first shows no ticks */
} C;

typedef struct scale {
    double lo, hi, step; /* axis bounds and tick step (in log10 units when log) */
    int log;
    double p0, p1; /* pixel positions of lo and hi */
} scale;

/* Chooses how category labels fit a slot width: every n-th (years on round numbers) or
   rotated 45 degrees. */
typedef struct catlabels {
    int every;
    int years; /* label year-like categories on multiples of every */
    int rotate;
    double height;
} catlabels;

typedef struct plot {
    double x0, x1, y0, y1; /* plot box: left, right, top, bottom */
    scale val;             /* value axis */
    scale val2;            /* the right-hand value axis, when two */
    int two;               /* series on the right (more->right) map through val2 */
    scale xs;              /* scatter: the x axis */
    double slot;           /* bc_chart_width (or height) of one category */
    int horizontal;        /* categories down the left, values along the bottom */
    catlabels cl;
} plot;

/* Event labels in rows above the plot: each in the first row and side (right of its marker,
   else left) where it overlaps no other label and no other marker's line. */
typedef struct evplan {
    int *row;
    double *x0, *x1, *lx;
    int nrows;
} evplan;

/* chart.c */
void bc_chart_format_tick(const bc_chart *ch, double v, double step, char *out, size_t cap);
/* A tick in format fmt with dec decimals (-1: what the step needs). */
void bc_chart_format_axis(const bc_chart *ch, int fmt, int dec, double v, double step, char *out,
                          size_t cap);
/* Whether category k of a bar chart gets its value label. */
int bc_chart_label_shown(const bc_chart *ch, int k);
int bc_chart_label_decimals(const bc_chart *ch);
int bc_chart_side_decimals(const bc_chart *ch, int side);
/* Series s's value label, in its axis' format and decimals. */
void bc_chart_series_label(const bc_chart *ch, int s, double v, char *out, size_t cap);
void bc_chart_format_label(const bc_chart *ch, int dec, double v, char *out, size_t cap);

/* chart_draw.c */
void bc_chart_text(C *c, int bold, double size, uint32_t color, double x, double y, const char *s,
                   double angle);
double bc_chart_label_width(C *c, int bold, const char *s, double size);
double bc_chart_width(C *c, const char *s, double size);
uint32_t bc_chart_series_color(C *c, int s);
void bc_chart_fill_rect(C *c, int s, double x, double y, double w, double h, double t);
float *bc_chart_points(C *c, int n);
void bc_chart_fill_poly(C *c, int s, const float *p, int n, double t);
void bc_chart_marker(C *c, int s, double x, double y, double r, uint32_t col);
int bc_chart_line_dash(C *c, int s);
void bc_chart_dot(C *c, double x, double y, double r, uint32_t col);
void bc_chart_series_dot(C *c, int s, double x, double y, double r);

/* chart_scale.c; side: -1 every series, 0 the left axis's, 1 the right's */
void bc_chart_make_scale_side(const bc_chart *ch, scale *sc, int target, int side);
const scale *bc_chart_scale_of(const C *c, const plot *p, int s);
void bc_chart_align_scale(const bc_chart *ch, const scale *left, scale *right);
double bc_chart_smap(const scale *s, double v);
int bc_chart_nticks(const scale *s);
double bc_chart_tick_value(const scale *s, int i);
void bc_chart_make_scale(const bc_chart *ch, scale *sc, int target);

/* chart_axis.c */
double bc_chart_legend_at(C *c, double x, double y, double w, int draw);
void bc_chart_plan_categories(C *c, double slot, catlabels *cl);
void bc_chart_grid(C *c, plot *p);
void bc_chart_baseline(C *c, plot *p);
void bc_chart_category_labels(C *c, plot *p);

/* chart_bar.c */
void bc_chart_bars(C *c, plot *p);

/* chart_line.c */
void bc_chart_lines(C *c, plot *p);
void bc_chart_areas(C *c, plot *p);
void bc_chart_dots(C *c, plot *p);

/* chart_mark.c */
void bc_chart_references(C *c, plot *p);
void bc_chart_plan_events(C *c, plot *p, double xmax, evplan *e);
void bc_chart_draw_events(C *c, plot *p, const evplan *e);

/* chart_cartesian.c */
double bc_chart_cat_center(const plot *p, int k);
void bc_chart_cartesian(C *c, double x, double y, double w, double h);

/* chart_scatter.c */
void bc_chart_scatter(C *c, double x, double y, double w, double h);

/* chart_range.c: range bars and dumbbells, rows down the left */
void bc_chart_ranges(C *c, plot *p);

/* chart_facet.c */
void bc_chart_facets(C *c, double x, double y, double w, double h);

/* chart_axis2.c: the right-hand axis's ticks */
void bc_chart_right_axis(C *c, plot *p);
double bc_chart_right_axis_width(C *c, const plot *p);

/* chart_annot.c: labels placed clear of what the plot draws from op mark0 on */
typedef struct bc_chart_box {
    double x0, y0, x1, y1;
} bc_chart_box;
typedef struct bc_chart_place {
    bc_chart_box *v; /* what a label must not cover: marks and labels so far */
    int n, cap;
    bc_chart_box bound; /* where labels may go */
    double pad;         /* clearance around a label; 0: the default */
    int gw, gh;         /* a grid of cells over bound: each lists the boxes that touch it, so a */
    int **cell;         /* look-up reads a few cells, not every box (a line of 10,000 points) */
    int *cn, *cc;       /* each cell's count and capacity */
    long budget;        /* box tests left for the wide search of notes that found no ring free:
                          a bound on the work a dense chart (80,000 line pieces) can ask */
} bc_chart_place;
void bc_chart_place_init(C *c, bc_chart_place *pl, int mark0, bc_chart_box bound);
void bc_chart_place_add(C *c, bc_chart_place *pl, bc_chart_box b);
/* Places a label of width tw at size fs near (px, py): beside it when free, else further out
   with a leader line; returns 0 (and draws nothing) when no place is free and force is 0. */
int bc_chart_place_label(C *c, bc_chart_place *pl, double px, double py, const char *text,
                         double fs, uint32_t col, int force);
void bc_chart_annotations(C *c, plot *p, int mark0);

/* chart_donut.c */
void bc_chart_donut(C *c, double x, double y, double w, double h);

#endif
