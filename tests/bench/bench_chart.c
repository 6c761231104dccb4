/*
** bench_chart.c — drawing time of a 200-point line chart and a 12-category stacked bar chart
** (median of many draws, in process). Figures, not a test.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout/chart.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double run(bc_chart *ch, bc_fontset *fs, const bc_theme *th, int *nops)
{
    enum { N = 400 };
    static double t[N];
    for (int i = 0; i < N; i++) {
        bc_arena *a = bc_arena_new();
        bc_ops ops = {0};
        bc_error err;
        bc_chart_ctx cx = {th, fs, a, &err, NULL, NULL, 0, 0};
        double t0 = bc_now();
        bc_chart_draw(ch, &cx, &ops, 0, 0, 460, 180);
        t[i] = (bc_now() - t0) * 1e3;
        *nops = ops.n;
        bc_ops_free(&ops);
        bc_arena_free(a);
    }
    qsort(t, N, sizeof *t, cmp);
    return t[N / 2];
}

int main(void)
{
    const char *dirs[] = {BC_PROJECT_DIR "/fonts", NULL};
    bc_fontset *fs = bc_fontset_new("NotoSerif", "NotoSans", dirs);
    bc_theme th;
    bc_theme_default(&th);
    bc_arena *a = bc_arena_new();
    bc_chart line = {0};
    line.kind = BC_CHART_LINE;
    line.ncat = 200;
    line.nser = 1;
    line.categories = bc_arena_alloc(a, 200 * sizeof(char *));
    line.values = bc_arena_alloc(a, 200 * sizeof(double));
    const char *name = "Series";
    line.series = &name;
    for (int i = 0; i < 200; i++) {
        line.categories[i] = bc_arena_printf(a, "%d", 1825 + i);
        line.values[i] = 1000 + 800 * sin(i / 9.0) + i * 3;
    }
    int nops;
    double ms = run(&line, fs, &th, &nops);
    printf("%-34s median %7.3f ms   (%d drawing operations)\n", "200-point line chart, draw", ms,
           nops);
    bc_chart bars = line;
    bars.kind = BC_CHART_BAR;
    bars.stack = BC_STACK_NORMAL;
    bars.ncat = 12;
    bars.nser = 3;
    const char *names[3] = {"A", "B", "C"};
    bars.series = names;
    bars.values = bc_arena_alloc(a, 36 * sizeof(double));
    for (int i = 0; i < 36; i++) bars.values[i] = 100 + (i * 37) % 400;
    ms = run(&bars, fs, &th, &nops);
    printf("%-34s median %7.3f ms   (%d drawing operations)\n", "12 x 3 stacked bar chart, draw",
           ms, nops);
    bc_arena_free(a);
    bc_fontset_free(fs);
    return 0;
}
