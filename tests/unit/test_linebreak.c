/* test_linebreak.c — the optimal-fit breaker on fixed paragraphs. */
#include "check.h"
#include "text/linebreak.h"

static bc_lb_word W(double w) { bc_lb_word x = {w, 3, 1.5, 1, 0}; return x; }

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

/* Every way to cut n words into lines, by brute force: the breaker's cost is the least. */
static void test_optimal_by_brute_force(void)
{
    unsigned seed = 12345;
    for (int trial = 0; trial < 40; trial++) {
        int n = 4 + trial % 7;
        bc_lb_word w[12];
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            w[i] = W(8 + (seed >> 16) % 40);
            if (trial % 2 && (seed >> 8) % 3 == 0) { /* a hyphenation point: no space after */
                w[i].space = w[i].stretch = w[i].shrink = 0;
                w[i].hyphen = 3;
            }
        }
        for (int justify = 0; justify < 2; justify++) {
            bc_lb_line dp[12], cut[12];
            int m = bc_linebreak(w, n, 100, justify, dp);
            double best = bc_linebreak_cost(w, dp, m, 100, justify);
            double least = 1e300;
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
                double c = bc_linebreak_cost(w, cut, k, 100, justify);
                if (c < least) least = c;
            }
            CHECK(best <= least * (1 + 1e-12));
            int next = 0;
            for (int i = 0; i < m; i++) {
                CHECK(dp[i].first == next);
                next = dp[i].end;
            }
            CHECK(next == n);
        }
    }
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
    for (int i = 0; i < 3; i++) { r[i] = w[i]; r[i].stretch = r[i].shrink = 0; }
    n = bc_linebreak(r, 3, 100, 0, out);
    for (int i = 0; i < n; i++) CHECK(out[i].natural <= 100);
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

int main(void)
{
    test_fits_and_balances();
    test_optimal_by_brute_force();
    test_shrink_used_when_justified_only();
    test_overlong_word_flagged();
    test_hyphen_runs();
    test_linear_enough();
    return check_done();
}
