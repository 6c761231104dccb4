/* test_linebreak.c — the optimal-fit breaker on fixed paragraphs. */
#include <math.h>
#include <stdio.h>

#include "check.h"
#include "text/linebreak.h"

static bc_lb_word W(double w)
{
    bc_lb_word x = {w, 3, 1.5, 1, 0, 0, 0, 0};
    return x;
}

static void test_fits_and_balances(void)
{
    /* 12 words of width 20, spaces 3: a line of 100 holds 4 words (4*20+3*3 = 89). */
    bc_lb_word w[12];
    for (int i = 0; i < 12; i++) w[i] = W(20);
    bc_lb_line out[12];
    int n = bc_linebreak(w, 12, 100, 1, out);
    CHECK(n == 3);
    for (int i = 0; i < n; i++) {
        CHECK(!out[i].overfull);
        CHECK(out[i].end - out[i].first == 4);
        CHECK(out[i].natural <= 100 + 3 * 1); /* at most full shrink */
    }
    CHECK(out[n - 1].ratio == 0); /* the last line is set at its natural width */
}

/*
** An independent cost, written from the model linebreak.h describes rather than from
** linebreak.c: a line's demerits are (line penalty 10 + badness)^2, its badness 100 r^3 for
** adjustment ratio r (past 10000 it grows by 1000 per unit of r beyond 4.64), or for ragged
** text 10 (20 slack / measure)^2, except that a line with no space between its words that
** the next word would not fit on has r = 0 (the pieces of a word cut to fit, ideographs);
** the last line costs 10^2 at its natural width; a line ending after a word with a penalty
** (a dash, a cut) adds it; a line wider
** than the measure at full shrink is infeasible; a line ending on a hyphen adds 50^2, one
** after another hyphenated line 100^2 more, and three in a row are not allowed.
*/
#define REF_INFEASIBLE 1e30
static double ref_line(const bc_lb_word *w, int n, int a, int b, double measure, int last,
                       int justify, int *hyph)
{
    double nat = 0, st = 0, sh = 0, gaps = 0;
    for (int k = a; k < b; k++) nat += w[k].width;
    for (int k = a; k + 1 < b; k++) {
        nat += w[k].space;
        gaps += w[k].space;
        st += w[k].stretch;
        sh += w[k].shrink;
    }
    *hyph = b < n && w[b - 1].hyphen > 0;
    if (*hyph) nat += w[b - 1].hyphen;
    double slack = measure - nat, r = 0;
    /* no space between words and the next word would not fit: full, not loose */
    int full = gaps <= 0 && b < n && nat + w[b - 1].space + w[b].width > measure;
    if (slack < 0) {
        if (sh <= 0 || -slack > sh + 1e-9) return REF_INFEASIBLE;
        r = slack / sh;
    }
    if (last) {
        double p = slack < 0 ? 10 + 100 * fabs(r) * fabs(r) * fabs(r) : 10;
        return p * p;
    }
    if (!justify) {
        double q = full ? 0 : 20 * slack / measure;
        return (10 + 10 * q * q) * (10 + 10 * q * q);
    }
    if (slack >= 0) r = st > 0 ? slack / st : (slack > 1e-9 && !full ? 10 : 0);
    double bad = 100 * fabs(r) * fabs(r) * fabs(r);
    if (bad > 10000) bad = 10000 + (fabs(r) - 4.64) * 1000;
    return (10 + bad) * (10 + bad);
}

static double ref_cost(const bc_lb_word *w, int n, const bc_lb_line *lines, int m, double measure,
                       int justify)
{
    double total = 0;
    int run = 0;
    for (int i = 0; i < m; i++) {
        int hyph;
        double c =
            ref_line(w, n, lines[i].first, lines[i].end, measure, i == m - 1, justify, &hyph);
        if (c >= REF_INFEASIBLE) return REF_INFEASIBLE;
        total += c;
        run = hyph ? run + 1 : 0;
        if (run > 2) return REF_INFEASIBLE;
        if (hyph) total += 50.0 * 50 + (run > 1 ? 100.0 * 100 : 0);
        if (i < m - 1) total += w[lines[i].end - 1].penalty; /* a break after a dash, a cut */
    }
    return total;
}

/* Every way to cut n words into lines, by brute force with the independent cost: the
   breaker's lines cost the least, and bc_linebreak_cost agrees with the independent cost. */
static void test_optimal_by_brute_force(void)
{
    unsigned seed = 12345;
    int compared = 0, disagree = 0, worse = 0, hyphenated = 0, shrunk = 0, penalised = 0;
    for (int trial = 0; trial < 120; trial++) {
        int n = 4 + trial % 9;
        bc_lb_word w[14];
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            w[i] = W(8 + (seed >> 16) % 40);
            if (trial % 3 == 1) { /* uneven glue */
                w[i].stretch = 0.5 + (seed >> 4) % 5;
                w[i].shrink = 0.2 + (seed >> 7) % 3 * 0.6;
            }
            if (trial % 2 && (seed >> 8) % 3 == 0) { /* a hyphenation point: no space after */
                w[i].space = w[i].stretch = w[i].shrink = 0;
                w[i].hyphen = 3;
            } else if (trial % 4 == 2 && (seed >> 9) % 3 == 0) { /* after a dash, or a cut */
                w[i].space = w[i].stretch = w[i].shrink = 0;
                w[i].penalty = (seed >> 11) % 2 ? BC_LB_EXPLICIT : BC_LB_EMERGENCY;
            }
        }
        for (int justify = 0; justify < 2; justify++) {
            bc_lb_line dp[14], cut[14];
            int m = bc_linebreak(w, n, 100, justify, dp);
            double best = ref_cost(w, n, dp, m, 100, justify);
            double least = REF_INFEASIBLE;
            for (unsigned mask = 0; mask < (1u << (n - 1)); mask++) {
                int k = 0, first = 0;
                for (int i = 0; i < n; i++) {
                    if (i == n - 1 || (mask >> i & 1)) {
                        cut[k].first = first;
                        cut[k].end = i + 1;
                        k++;
                        first = i + 1;
                    }
                }
                double c = ref_cost(w, n, cut, k, 100, justify);
                if (c < least) least = c;
                if (c < REF_INFEASIBLE) {
                    double d = bc_linebreak_cost(w, cut, k, 100, justify);
                    compared++;
                    if (fabs(d - c) > 1e-6 * (1 + c)) {
                        if (disagree++ < 3)
                            fprintf(stderr, "trial %d: bc_linebreak_cost %g, independent %g\n",
                                    trial, d, c);
                    }
                }
            }
            if (!(best <= least * (1 + 1e-9))) {
                if (worse++ < 3)
                    fprintf(stderr, "trial %d (justify %d): breaker's lines cost %g, least %g\n",
                            trial, justify, best, least);
            }
            int next = 0;
            for (int i = 0; i < m; i++) {
                CHECK(dp[i].first == next);
                next = dp[i].end;
                hyphenated += dp[i].hyphenated;
                penalised += i < m - 1 && w[dp[i].end - 1].penalty > 0;
                shrunk += dp[i].ratio < 0;
            }
            CHECK(next == n);
        }
    }
    CHECK(worse == 0);
    CHECK(disagree == 0);
    CHECK(compared > 10000);
    CHECK(hyphenated > 10 && shrunk > 5); /* the cases reach hyphens and shrinking */
    CHECK(penalised > 10);                /* … and breaks with a penalty */
}

static void test_shrink_used_when_justified_only(void)
{
    /* 3 words of 32 with spaces 3 = 102 natural; shrink 1 each gives 100: fits justified. */
    bc_lb_word w[] = {W(32), W(32), W(32)};
    bc_lb_line out[3];
    int n = bc_linebreak(w, 3, 100, 1, out);
    CHECK(n == 1 && out[0].ratio < 0 && out[0].ratio >= -1); /* shrunk, within its shrink */
    /* ragged text: callers pass zero stretch and shrink, so nothing may exceed the measure */
    bc_lb_word r[3];
    for (int i = 0; i < 3; i++) {
        r[i] = w[i];
        r[i].stretch = r[i].shrink = 0;
    }
    n = bc_linebreak(r, 3, 100, 0, out);
    for (int i = 0; i < n; i++) CHECK(out[i].natural <= 100);
}

/* Ideographs: no space between them, but glue that stretches (layout's LAY_CJK_STRETCH): a
   justified line of them is stretched to the measure, by the ratio of its slack to its
   glue; without glue the same line is full, at ratio 0. */
static void test_ideograph_glue(void)
{
    bc_lb_word w[30];
    for (int i = 0; i < 30; i++) {
        bc_lb_word x = {10, 0, 1, 0.2, 0, 0, 0, 0};
        w[i] = x;
    }
    bc_lb_line out[30];
    int n = bc_linebreak(w, 30, 95.5, 1, out);
    CHECK(n == 4);
    for (int i = 0; i < n - 1; i++)
        CHECK(out[i].end - out[i].first == 9 && fabs(out[i].ratio - 5.5 / 8) < 1e-9);
    CHECK(out[n - 1].ratio == 0); /* the last line at its natural width */
    for (int i = 0; i < 30; i++) w[i].stretch = w[i].shrink = 0;
    n = bc_linebreak(w, 30, 95.5, 1, out);
    CHECK(n == 4 && out[0].ratio == 0);
}

static void test_overlong_word_flagged(void)
{
    bc_lb_word w[] = {W(10), W(150), W(10)};
    bc_lb_line out[3];
    int n = bc_linebreak(w, 3, 100, 1, out);
    int over = 0;
    for (int i = 0; i < n; i++) over += out[i].overfull;
    CHECK(over == 1);
    CHECK(bc_linebreak(w, 0, 100, 1, out) == 0);
}

static void test_hyphen_runs(void)
{
    /* many hyphenation points and a narrow measure: never three hyphens in a row, hyphen
       width counted, and the last line never ends on a hyphen */
    bc_lb_word w[60];
    for (int i = 0; i < 60; i++) {
        w[i] = W(14);
        if (i % 3 != 2) {
            w[i].space = w[i].stretch = w[i].shrink = 0;
            w[i].hyphen = 3;
        }
    }
    bc_lb_line out[60];
    int n = bc_linebreak(w, 60, 40, 1, out), run = 0, maxrun = 0;
    for (int i = 0; i < n; i++) {
        run = out[i].hyphenated ? run + 1 : 0;
        if (run > maxrun) maxrun = run;
        CHECK(!out[i].overfull);
        CHECK(out[i].natural <= 40 + 10);
    }
    CHECK(maxrun <= 2);
    CHECK(!out[n - 1].hyphenated);
}

static void test_linear_enough(void)
{
    /* 20,000 words finish quickly: the search stops once a line cannot fit. */
    static bc_lb_word w[20000];
    static bc_lb_line out[20000];
    for (int i = 0; i < 20000; i++) w[i] = W(10 + (i * 7) % 23);
    int n = bc_linebreak(w, 20000, 300, 1, out);
    CHECK(n > 1000);
    int bad = 0;
    for (int i = 0; i < n; i++) bad += out[i].overfull;
    CHECK(bad == 0);
}

/* Chinese punctuation at line edges: a word's lead comes off the natural width of a line it
   starts, and its tail off one it ends, only as far as the line needs to fit and before the
   gaps shrink. Ideographs of 10 on a 463.28 line, the 46th with a stop after it (20, kept
   together): without a tail the first line stops at 45 (stretched) rather than shrink 6.72;
   with a tail of 5 on the stop it takes all 46 and shrinks only the 1.72 left. */
static void test_lead_and_tail(void)
{
    bc_lb_word w[60];
    for (int i = 0; i < 60; i++) {
        bc_lb_word x = {10, 0, 1, 0.2, 0, 0, 0, 0};
        w[i] = x;
    }
    w[45].width = 20;
    bc_lb_line out[60];
    int n = bc_linebreak(w, 60, 463.28, 1, out);
    CHECK(n == 2 && out[0].end == 45);
    w[45].tail = 5;
    n = bc_linebreak(w, 60, 463.28, 1, out);
    CHECK(n == 2 && out[0].end == 46 && fabs(out[0].natural - 465) < 1e-9);
    CHECK(out[0].ratio < 0 && fabs(out[0].ratio * 45 * 0.2 - (463.28 - 465)) < 1e-9);
    w[45].tail = 0;
    w[59].tail = 5; /* not taken where nothing needs it */
    n = bc_linebreak(w, 60, 463.28, 1, out);
    CHECK(n == 2 && fabs(out[1].natural - 160) < 1e-9);
    w[59].tail = 0;
    w[45].lead = 5; /* an opening bracket and a letter: starting the second line, 5 narrower */
    n = bc_linebreak(w, 60, 463.28, 1, out);
    CHECK(n == 2 && out[1].first == 45 && fabs(out[1].natural - 155) < 1e-9);
    CHECK(bc_linebreak(w, 1, 100, 1, out) == 1 && fabs(out[0].natural - 10) < 1e-9);
    w[0].lead = 5; /* the first word of a paragraph starts a line too */
    CHECK(bc_linebreak(w, 1, 100, 1, out) == 1 && fabs(out[0].natural - 5) < 1e-9);
}

int main(void)
{
    test_lead_and_tail();
    test_fits_and_balances();
    test_optimal_by_brute_force();
    test_shrink_used_when_justified_only();
    test_ideograph_glue();
    test_overlong_word_flagged();
    test_hyphen_runs();
    test_linear_enough();
    return check_done();
}
