/*
** linebreak.c — optimal-fit paragraph breaking by dynamic programming.
**
** best[b] is the least total demerits of setting words [0, b) so that a line ends after word
** b-1. For each b, candidate line starts a are tried from b-1 backwards until the line at full
** shrink no longer fits, so the work is O(words x words-per-line).
*/
#include "text/linebreak.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "base/util.h"

#define LINE_PENALTY 10.0
#define INFEASIBLE 1e30

/* pow() is a libm call; these are the two powers line costs need, inline. */
static inline double sq(double x) { return x * x; }
static inline double cube(double x) { return x * x * x; }

/* full: the line has no space between words and the next word would not fit on it (the pieces of
   a word too wide for any line, ideographs): as good as a line can be, so not loose. */
static inline __attribute__((always_inline)) double line_cost(double natural, double stretch,
                                                              double shrink, double measure,
                                                              int last, int justify, int full,
                                                              double *ratio, int *overfull)
{
    double slack = measure - natural;
    *overfull = 0;
    *ratio = 0;
    if (slack < 0) {
        if (shrink <= 0 || -slack > shrink + 1e-9) {
            *overfull = 1;
            *ratio = -1;
            return INFEASIBLE;
        }
        *ratio = slack / shrink;
    } else if (!last) {
        *ratio = stretch > 0 ? slack / stretch : (slack > 1e-9 && !full ? 10 : 0);
    }
    if (last) {
        if (slack < 0) return sq(LINE_PENALTY + 100 * cube(fabs(*ratio)));
        *ratio = 0;
        return LINE_PENALTY * LINE_PENALTY;
    }
    if (!justify) {
        double r =
            full ? 0 : slack / measure * 20; /* squared slack, scaled to badness-like units */
        return sq(LINE_PENALTY + r * r * 10);
    }
    double r = fabs(*ratio);
    double badness = 100 * r * r * r;
    if (badness > 10000) badness = 10000 + (r - 4.64) * 1000; /* still ordered when very loose */
    return sq(LINE_PENALTY + badness);
}

#define HYPHEN_DEMERITS 2500.0 /* TeX: \\hyphenpenalty 50, squared */
#define DOUBLE_HYPHEN_DEMERITS 10000.0
#define MAX_HYPHEN_RUN 2

/* Whether the line ending before word b, of this natural width and with these interword
   spaces, is full (see line_cost). */
static int is_full(const bc_lb_word *w, int b, int n, double natural, double gaps, double measure)
{
    return gaps <= 0 && b < n && natural + w[b - 1].space + w[b].width > measure;
}

/* The natural width of a line of words [a, b) measured as nat: less its first word's lead, and
   less as much of its last word's tail as it takes to fit the measure. */
static double trimmed(const bc_lb_word *w, int a, int b, int hyph, double nat, double measure)
{
    nat -= w[a].lead;
    if (!hyph && nat > measure && w[b - 1].tail > 0)
        nat -= nat - measure < w[b - 1].tail ? nat - measure : w[b - 1].tail;
    return nat;
}

/* Natural width, stretch and shrink of the line [a, b), with the hyphen when it ends on one. */
static void measure_line(const bc_lb_word *w, int a, int b, int n, double measure, double *natural,
                         double *stretch, double *shrink, double *gaps, int *hyph)
{
    double nat = 0, st = 0, sh = 0, gp = 0;
    for (int k = a; k < b; k++) {
        nat += w[k].width;
        if (k < b - 1) {
            nat += w[k].space;
            gp += w[k].space;
            st += w[k].stretch;
            sh += w[k].shrink;
        }
    }
    *hyph = b < n && w[b - 1].hyphen > 0;
    if (*hyph) nat += w[b - 1].hyphen;
    *natural = a < b ? trimmed(w, a, b, *hyph, nat, measure) : nat;
    *gaps = gp;
    *stretch = st;
    *shrink = sh;
}

int bc_linebreak(const bc_lb_word *w, int n, double measure, int justify, bc_lb_line *out)
{
    if (n <= 0) return 0;
    /* best[b * 3 + h]: least demerits for words [0, b) ending on a line break after b - 1,
       with h hyphenated lines in a row ending there. Every word may end a line: after a space,
       at a hyphenation point (with a hyphen), or, for the pieces of a word too long for any
       line that the caller split, anywhere. */
    size_t cells = ((size_t)n + 1) * 3;
    double *best = bc_xmalloc(cells * sizeof *best);
    int *prev = bc_xmalloc(cells * sizeof *prev);
    for (size_t i = 0; i < cells; i++) {
        best[i] = DBL_MAX;
        prev[i] = -1;
    }
    best[0] = 0;
    int trims = 0; /* a word with a lead or tail: Chinese or Japanese punctuation */
    for (int k = 0; k < n && !trims; k++) trims = w[k].lead > 0 || w[k].tail > 0;
    for (int b = 1; b <= n; b++) {
        int last = (b == n);
        /* The demerits of a line are summed in the order base + cost + hyphen + penalty +
           double hyphen; the terms that are 0 are left out (adding +0.0 to a sum that is not
           -0.0 changes no bit, and no sum here is -0.0), which is the same number. */
        double pen = last ? 0 : w[b - 1].penalty;
        /* Widths accumulate as the line grows leftwards: linear in the words per line. */
        int hyph = b < n && w[b - 1].hyphen > 0;
        double natural = hyph ? w[b - 1].hyphen : 0, stretch = 0, shrink = 0, gaps = 0;
        /* the three cells ending at b, kept in registers while the starts are tried (no start
           writes another cell, and a start reads only cells before b) */
        double e0 = DBL_MAX, e1 = DBL_MAX, e2 = DBL_MAX;
        int p0 = -1, p1 = -1, p2 = -1;
        for (int a = b - 1; a >= 0; a--) {
            natural += w[a].width;
            if (a < b - 1) {
                natural += w[a].space;
                gaps += w[a].space;
                stretch += w[a].stretch;
                shrink += w[a].shrink;
            }
            double ratio, nat = trims ? trimmed(w, a, b, hyph, natural, measure) : natural;
            int over;
            double c = line_cost(nat, stretch, shrink, measure, last, justify,
                                 is_full(w, b, n, nat, gaps, measure), &ratio, &over);
            if (over && a < b - 1) break; /* a longer line only gets wider */
            if (over) c = INFEASIBLE;     /* a single too-wide word: allowed, but last resort */
            const double *from = best + (size_t)a * 3;
            double d;
            if (!hyph) { /* every run of hyphens ends here: the three states go to cell 0, in order */
                if (from[0] != DBL_MAX && (d = from[0] + c + pen) < e0) e0 = d, p0 = a * 3;
                if (from[1] != DBL_MAX && (d = from[1] + c + pen) < e0) e0 = d, p0 = a * 3 + 1;
                if (from[2] != DBL_MAX && (d = from[2] + c + pen) < e0) e0 = d, p0 = a * 3 + 2;
                continue;
            }
            /* h hyphens in a row before: h + 1 now, never more than MAX_HYPHEN_RUN (2) */
            if (from[0] != DBL_MAX && (d = from[0] + c + HYPHEN_DEMERITS + pen) < e1)
                e1 = d, p1 = a * 3;
            if (from[1] != DBL_MAX &&
                (d = from[1] + c + HYPHEN_DEMERITS + pen + DOUBLE_HYPHEN_DEMERITS) < e2)
                e2 = d, p2 = a * 3 + 1;
        }
        best[(size_t)b * 3] = e0, prev[(size_t)b * 3] = p0;
        best[(size_t)b * 3 + 1] = e1, prev[(size_t)b * 3 + 1] = p1;
        best[(size_t)b * 3 + 2] = e2, prev[(size_t)b * 3 + 2] = p2;
    }
    /* Walk back from the cheapest end state to collect the lines, then reverse. */
    int state = n * 3;
    for (int h = 1; h < 3; h++)
        if (best[(size_t)n * 3 + (size_t)h] < best[(size_t)state]) state = n * 3 + h;
    int nl = 0;
    while (state > 0 && prev[state] >= 0) {
        int b = state / 3, a = prev[state] / 3;
        out[nl].first = a;
        out[nl].end = b;
        nl++;
        state = prev[state];
    }
    for (int i = 0; i < nl / 2; i++) {
        bc_lb_line t = out[i];
        out[i] = out[nl - 1 - i];
        out[nl - 1 - i] = t;
    }
    for (int i = 0; i < nl; i++) {
        double natural, stretch, shrink, gaps;
        measure_line(w, out[i].first, out[i].end, n, measure, &natural, &stretch, &shrink, &gaps,
                     &out[i].hyphenated);
        out[i].natural = natural;
        line_cost(natural, stretch, shrink, measure, i == nl - 1, justify,
                  is_full(w, out[i].end, n, natural, gaps, measure), &out[i].ratio,
                  &out[i].overfull);
    }
    free(best);
    free(prev);
    return nl;
}

double bc_linebreak_cost(const bc_lb_word *w, const bc_lb_line *lines, int nlines, double measure,
                         int justify)
{
    double total = 0;
    int run = 0, n = nlines ? lines[nlines - 1].end : 0;
    for (int i = 0; i < nlines; i++) {
        double natural, stretch, shrink, gaps, ratio;
        int over, hyph;
        measure_line(w, lines[i].first, lines[i].end, n, measure, &natural, &stretch, &shrink,
                     &gaps, &hyph);
        total += line_cost(natural, stretch, shrink, measure, i == nlines - 1, justify,
                           is_full(w, lines[i].end, n, natural, gaps, measure), &ratio, &over);
        if (i < nlines - 1) total += w[lines[i].end - 1].penalty;
        if (hyph) {
            total += HYPHEN_DEMERITS + (run > 0 ? DOUBLE_HYPHEN_DEMERITS : 0);
            if (++run > MAX_HYPHEN_RUN) return DBL_MAX;
        } else {
            run = 0;
        }
    }
    return total;
}
