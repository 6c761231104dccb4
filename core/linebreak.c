/*
** linebreak.c — optimal-fit paragraph breaking by dynamic programming.
**
** best[b] is the least total demerits of setting words [0, b) so that a line ends after word
** b-1. For each b, candidate line starts a are tried from b-1 backwards until the line at full
** shrink no longer fits, so the work is O(words x words-per-line).
*/
#include "linebreak.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "util.h"

#define LINE_PENALTY 10.0
#define INFEASIBLE 1e30

static double line_cost(double natural, double stretch, double shrink, double measure,
                        int last, int justify, double *ratio, int *overfull)
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
        *ratio = stretch > 0 ? slack / stretch : (slack > 1e-9 ? 10 : 0);
    }
    if (last) {
        if (slack < 0 && justify) return pow(LINE_PENALTY + 100 * pow(fabs(*ratio), 3), 2);
        if (slack < 0) return pow(LINE_PENALTY + 100 * pow(fabs(*ratio), 3), 2);
        *ratio = 0;
        return LINE_PENALTY * LINE_PENALTY;
    }
    if (!justify) {
        double r = slack / measure * 20; /* squared slack, scaled to badness-like units */
        return pow(LINE_PENALTY + r * r * 10, 2);
    }
    double r = fabs(*ratio);
    double badness = 100 * r * r * r;
    if (badness > 10000) badness = 10000 + (r - 4.64) * 1000; /* still ordered when very loose */
    return pow(LINE_PENALTY + badness, 2);
}

int bc_linebreak(const bc_lb_word *w, int n, double measure, int justify, bc_lb_line *out)
{
    if (n <= 0) return 0;
    double *best = bc_xmalloc(((size_t)n + 1) * sizeof *best);
    int *prev = bc_xmalloc(((size_t)n + 1) * sizeof *prev);
    best[0] = 0;
    for (int b = 1; b <= n; b++) {
        best[b] = DBL_MAX;
        prev[b] = b - 1;
        double natural = 0, stretch = 0, shrink = 0;
        int last = (b == n);
        for (int a = b - 1; a >= 0; a--) {
            natural += w[a].width;
            if (a < b - 1) {
                natural += w[a].space;
                stretch += w[a].stretch;
                shrink += w[a].shrink;
            }
            double ratio;
            int over;
            double c = line_cost(natural, stretch, shrink, measure, last, justify, &ratio, &over);
            if (over && a < b - 1) break; /* a longer line only gets wider */
            if (over) c = INFEASIBLE;     /* a single too-wide word: allowed, but last resort */
            if (best[a] + c < best[b]) {
                best[b] = best[a] + c;
                prev[b] = a;
            }
        }
    }
    /* Walk back to collect the lines, then reverse. */
    int nl = 0;
    for (int b = n; b > 0; b = prev[b]) {
        out[nl].first = prev[b];
        out[nl].end = b;
        nl++;
    }
    for (int i = 0; i < nl / 2; i++) {
        bc_lb_line t = out[i];
        out[i] = out[nl - 1 - i];
        out[nl - 1 - i] = t;
    }
    for (int i = 0; i < nl; i++) {
        double natural = 0, stretch = 0, shrink = 0;
        for (int k = out[i].first; k < out[i].end; k++) {
            natural += w[k].width;
            if (k < out[i].end - 1) {
                natural += w[k].space;
                stretch += w[k].stretch;
                shrink += w[k].shrink;
            }
        }
        out[i].natural = natural;
        line_cost(natural, stretch, shrink, measure, i == nl - 1, justify, &out[i].ratio,
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
    for (int i = 0; i < nlines; i++) {
        double natural = 0, stretch = 0, shrink = 0, ratio;
        int over;
        for (int k = lines[i].first; k < lines[i].end; k++) {
            natural += w[k].width;
            if (k < lines[i].end - 1) {
                natural += w[k].space;
                stretch += w[k].stretch;
                shrink += w[k].shrink;
            }
        }
        total += line_cost(natural, stretch, shrink, measure, i == nlines - 1, justify, &ratio, &over);
    }
    return total;
}
