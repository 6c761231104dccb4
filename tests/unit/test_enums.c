/*
** test_enums.c — the name tables next to doc.h's enums (issue 13: one place for enum names):
** one name for every value, in order, unique, NULL after the last; and the chart kinds and
** legends the plugin API reads are the ones plugins/briefc.meta.lua documents.
*/
#include <stdlib.h>

#include "doc/doc.h"
#include "check.h"
#include "base/util.h"

/* names has exactly n entries before its NULL, none empty, no two alike. */
static void table(const char *what, const char *const *names, int n)
{
    int k = 0;
    while (k <= n && names[k]) k++;
    if (k != n) fprintf(stderr, "%s: %d names for %d values\n", what, k, n);
    CHECK(k == n);
    for (int i = 0; i < k; i++) {
        CHECK(names[i][0] != 0);
        for (int j = i + 1; j < k; j++) CHECK(strcmp(names[i], names[j]) != 0);
    }
}

/* The meta file's annotation line that starts with field lists every name in quotes. */
static void documented(const char *meta, const char *field, const char *const *names, int from)
{
    const char *line = strstr(meta, field);
    CHECK(line != NULL);
    if (!line) return;
    const char *end = strchr(line, '\n');
    for (int i = from; names[i]; i++) {
        char q[64];
        snprintf(q, sizeof q, "\"%s\"", names[i]);
        const char *at = strstr(line, q);
        if (!at || (end && at > end)) fprintf(stderr, "briefc.meta.lua: %s lacks %s\n", field, q);
        CHECK(at && (!end || at < end));
    }
}

int main(void)
{
    table("block kinds", bc_block_kind_names, BC_BLOCK_ORIENT + 1);
    table("paragraph styles", bc_para_style_names, BC_PARA_PULL + 1);
    table("chart kinds", bc_chart_kind_names, BC_CHART_DUMBBELL + 1);
    table("chart formats", bc_chart_format_names, BC_FMT_PERCENT + 1);
    table("chart legends", bc_chart_legend_names, BC_LEGEND_DIRECT + 1);
    CHECK_STR(bc_chart_kind_names[BC_CHART_HBAR], "hbar");
    CHECK_STR(bc_chart_legend_names[BC_LEGEND_DIRECT], "direct");
    CHECK_STR(bc_block_kind_names[BC_BLOCK_TOC], "contents");

    char *meta;
    size_t len;
    bc_error err;
    CHECK(bc_read_file(BC_PROJECT_DIR "/plugins/briefc.meta.lua", &meta, &len, &err) == BC_OK);
    if (check_failed) return check_done();
    documented(meta, "---@field kind? \"bar\"", bc_chart_kind_names, 0);
    /* the chart's legend (after its kind; the theme's chart defaults document a subset) */
    const char *chart = strstr(meta, "---@field kind? \"bar\"");
    documented(chart ? chart : meta, "---@field legend? ", bc_chart_legend_names, BC_LEGEND_TOP);
    free(meta);
    return check_done();
}
