/* test_chart.c — chart geometry: marks proportional to values, stacks that sum, label
   thinning, and edge cases that must draw something sensible without a NaN in sight. */
#include <math.h>
#include <stdlib.h>

#include "layout/chart.h"
#include "check.h"

static bc_fontset *fs;
static bc_theme th;

static bc_chart *make(bc_arena *a, bc_chart_kind kind, int ncat, int nser, const double *vals)
{
    bc_chart *ch = bc_arena_alloc(a, sizeof *ch);
    ch->kind = kind;
    ch->ncat = ncat;
    ch->nser = nser;
    ch->categories = bc_arena_alloc(a, (size_t)ncat * sizeof(char *));
    for (int k = 0; k < ncat; k++) ch->categories[k] = bc_arena_printf(a, "C%d", k);
    ch->series = bc_arena_alloc(a, (size_t)nser * sizeof(char *));
    for (int s = 0; s < nser; s++) ch->series[s] = bc_arena_printf(a, "S%d", s);
    ch->values = bc_arena_alloc(a, (size_t)(ncat * nser) * sizeof(double));
    if (vals) memcpy(ch->values, vals, (size_t)(ncat * nser) * sizeof(double));
    ch->aspect = 0.5;
    return ch;
}

static int draw(const bc_chart *ch, bc_arena *a, bc_ops *ops)
{
    bc_error err;
    bc_chart_ctx cx = {&th, fs, a, &err, NULL, NULL, 0, 0};
    return bc_chart_draw(ch, &cx, ops, 0, 0, 400, 200) == BC_OK;
}

static int all_finite(const bc_ops *ops)
{
    for (int i = 0; i < ops->n; i++) {
        const bc_op *o = &ops->v[i];
        if (!isfinite(o->x) || !isfinite(o->y) || !isfinite(o->w) || !isfinite(o->h)) return 0;
        if (o->kind == BC_OP_POLY || (o->kind == BC_OP_CLIP && o->len)) {
            const float *p = (const float *)o->text;
            for (size_t k = 0; k < 2 * o->len; k++)
                if (!isfinite(p[k])) return 0;
        }
    }
    return 1;
}

/* heights of rects filled with colour col, in drawing order */
static int rect_heights(const bc_ops *ops, uint32_t col, double *h, int max)
{
    int n = 0;
    for (int i = 0; i < ops->n && n < max; i++)
        if (ops->v[i].kind == BC_OP_RECT && ops->v[i].fill == col &&
            ops->v[i].w > 7.5) /* not a legend swatch */
            h[n++] = ops->v[i].h;
    return n;
}

static void test_bars_proportional(void)
{
    bc_arena *a = bc_arena_new();
    double v[] = {10, 20, 40, 5};
    bc_chart *ch = make(a, BC_CHART_BAR, 4, 1, v);
    bc_ops ops = {0};
    CHECK(draw(ch, a, &ops));
    double h[8];
    int n = rect_heights(&ops, th.palette[0], h, 8);
    CHECK(n == 4);
    if (n == 4) {
        CHECK_NEAR(h[1] / h[0], 2.0, 0.02);
        CHECK_NEAR(h[2] / h[0], 4.0, 0.04);
        CHECK_NEAR(h[3] / h[0], 0.5, 0.01);
    }
    bc_ops_free(&ops);
    bc_arena_free(a);
}

static void test_stacks_sum(void)
{
    bc_arena *a = bc_arena_new();
    /* series-major: S0 = {10, 30}, S1 = {20, 10} -> totals 30 and 40 */
    double v[] = {10, 30, 20, 10};
    bc_chart *ch = make(a, BC_CHART_BAR, 2, 2, v);
    ch->stack = BC_STACK_NORMAL;
    bc_ops ops = {0};
    CHECK(draw(ch, a, &ops));
    double h0[4], h1[4];
    int n0 = rect_heights(&ops, th.palette[0], h0, 4),
        n1 = rect_heights(&ops, th.palette[1], h1, 4);
    CHECK(n0 == 2 && n1 == 2);
    if (n0 == 2 && n1 == 2) {
        CHECK_NEAR((h0[1] + h1[1]) / (h0[0] + h1[0]), 40.0 / 30.0, 0.01);
        CHECK_NEAR(h1[0] / h0[0], 2.0, 0.02);
    }
    bc_ops_free(&ops);
    /* percent stacks fill the same height in every category */
    ch->stack = BC_STACK_PERCENT;
    ch->format = BC_FMT_PERCENT;
    CHECK(draw(ch, a, &ops));
    double p0[8], p1[8];
    n0 = rect_heights(&ops, th.palette[0], p0, 8);
    n1 = rect_heights(&ops, th.palette[1], p1, 8);
    CHECK(n0 == 2 && n1 == 2); /* one rectangle per series and category, no more, no fewer */
    if (n0 == 2 && n1 == 2) {
        CHECK(p0[0] > 1 && p1[0] > 1);
        CHECK_NEAR(p0[0] + p1[0], p0[1] + p1[1], 0.05);
        CHECK_NEAR(p0[0] / (p0[0] + p1[0]), 10.0 / 30.0, 0.005); /* each its share */
        CHECK_NEAR(p0[1] / (p0[1] + p1[1]), 30.0 / 40.0, 0.005);
    }
    bc_ops_free(&ops);
    bc_arena_free(a);
}

static void test_label_thinning(void)
{
    bc_arena *a = bc_arena_new();
    double *v = bc_arena_alloc(a, 200 * sizeof(double));
    for (int k = 0; k < 200; k++) v[k] = k % 17;
    bc_chart *ch = make(a, BC_CHART_LINE, 200, 1, v);
    bc_ops ops = {0};
    CHECK(draw(ch, a, &ops));
    int labels = 0;
    double last_end = -1e9;
    int overlap = 0;
    for (int i = 0; i < ops.n; i++) {
        const bc_op *o = &ops.v[i];
        if (o->kind == BC_OP_TEXT && o->len >= 2 && o->text[0] == 'C') {
            labels++;
            if (o->x < last_end) overlap = 1;
            last_end = o->x + o->len * o->size * 0.6;
        }
    }
    CHECK(labels > 5 && labels < 200);
    CHECK(!overlap);
    CHECK(all_finite(&ops));
    bc_ops_free(&ops);
    bc_arena_free(a);
}

static void test_edge_cases(void)
{
    bc_arena *a = bc_arena_new();
    bc_chart_kind kinds[] = {BC_CHART_BAR,  BC_CHART_HBAR,  BC_CHART_LINE,
                             BC_CHART_AREA, BC_CHART_DONUT, BC_CHART_DOT};
    double zeros[6] = {0, 0, 0, 0, 0, 0};
    double nans[6] = {NAN, NAN, NAN, NAN, NAN, NAN};
    double mixed[6] = {1e15, -3e14, NAN, 0, 2, 1e15};
    double one[1] = {42};
    double tiny[6] = {5e-324, 1e-323, 5e-324,
                      5e-324, 1e-323, 5e-324}; /* denormal: no power-of-ten step */
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        const double *sets[] = {zeros, nans, mixed, tiny};
        for (int s = 0; s < 4; s++) {
            int nser = kinds[k] == BC_CHART_DONUT ? 1 : 2;
            bc_chart *ch = make(a, kinds[k], nser == 1 ? 6 : 3, nser, sets[s]);
            if (kinds[k] == BC_CHART_DONUT && s == 2) continue; /* the API refuses negatives */
            bc_ops ops = {0};
            CHECK(draw(ch, a, &ops));
            CHECK(all_finite(&ops));
            CHECK(ops.n > 0);
            bc_ops_free(&ops);
        }
        bc_chart *single = make(a, kinds[k], 1, 1, one);
        bc_ops ops = {0};
        CHECK(draw(single, a, &ops));
        CHECK(all_finite(&ops));
        bc_ops_free(&ops);
    }
    /* a log scale spanning many decades */
    double wide[4] = {1e-3, 1, 1e6, 1e12};
    bc_chart *lg = make(a, BC_CHART_LINE, 4, 1, wide);
    lg->log = 1;
    bc_ops ops = {0};
    CHECK(draw(lg, a, &ops));
    CHECK(all_finite(&ops));
    bc_ops_free(&ops);
    /* the widest a log axis may be: the API refuses values below BC_CHART_LOG_MIN */
    double widest[2] = {BC_CHART_LOG_MIN, 1e15};
    lg = make(a, BC_CHART_BAR, 2, 1, widest);
    lg->log = 1;
    ops = (bc_ops){0};
    CHECK(draw(lg, a, &ops));
    CHECK(all_finite(&ops));
    bc_ops_free(&ops);
    bc_arena_free(a);
}

int main(void)
{
    const char *dirs[] = {BC_PROJECT_DIR "/fonts", NULL};
    fs = bc_fontset_new("NotoSerif", "NotoSans", dirs);
    bc_theme_default(&th);
    test_bars_proportional();
    test_stacks_sum();
    test_label_thinning();
    test_edge_cases();
    bc_fontset_free(fs);
    return check_done();
}
