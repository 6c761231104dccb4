/*
** chart_rules.c — what makes a chart one briefc can draw: the options that go together, how
** many categories and series, which values a donut or a log scale takes, and the defaults the
** options imply. s:chart (lua/api_chart.c) reads the plugin's table and asks these rules as
** it goes, so each message still points at the plugin's line; the messages are built in the
** document's arena.
*/
#include "layout/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A number as Lua's "%f" in an error message writes it: 14 significant digits, and ".0"
   after a whole number ("-3.0", "-0.25"). */
static void lua_number(double v, char *out, size_t cap)
{
    snprintf(out, cap, "%.14g", v);
    if (out[strspn(out, "-0123456789")] == '\0') {
        size_t n = strlen(out);
        if (n + 2 < cap) memcpy(out + n, ".0", 3);
    }
}

void bc_chart_imply(bc_chart *ch)
{
    if (ch->stack == BC_STACK_PERCENT) ch->format = BC_FMT_PERCENT;
    if (ch->kind == BC_CHART_AREA && ch->stack == BC_STACK_NONE) ch->stack = BC_STACK_NORMAL;
}

const char *bc_chart_check_options(const bc_chart *ch, const char *what, bc_arena *a)
{
    if (ch->legend == BC_LEGEND_DIRECT && ch->kind != BC_CHART_LINE)
        return bc_arena_printf(
            a, "%s: legend = \"direct\" labels line ends; use it with kind = \"line\"", what);
    return NULL;
}

double bc_chart_default_aspect(const bc_chart *ch)
{
    return ch->kind == BC_CHART_DONUT ? 0.36 : 0.5;
}

const char *bc_chart_check_categories(int nc, const char *what, bc_arena *a)
{
    if (nc < 1 || nc > BC_CHART_MAX_CATEGORIES)
        return bc_arena_printf(a, "%s: needs 1 to %d categories, got %d", what,
                               BC_CHART_MAX_CATEGORIES, nc);
    return NULL;
}

const char *bc_chart_check_series(const bc_chart *ch, int ns, const char *what, bc_arena *a)
{
    if (ns < 1 || ns > BC_CHART_MAX_SERIES)
        return bc_arena_printf(a, "%s: needs 1 to %d series, got %d", what, BC_CHART_MAX_SERIES,
                               ns);
    if (ch->kind == BC_CHART_DONUT && ns != 1)
        return bc_arena_printf(
            a, "%s: a donut shows one series (its categories are the slices), got %d", what, ns);
    return NULL;
}

const char *bc_chart_check_value(const bc_chart *ch, int s, int c, double v, const char *what,
                                 bc_arena *a)
{
    char num[64];
    if (isnan(v)) return NULL; /* a gap */
    if (ch->log && v <= 0) {
        lua_number(v, num, sizeof num);
        return bc_arena_printf(a,
                               "%s: a log scale needs positive values; series '%s', value %d is %s",
                               what, ch->series[s], c + 1, num);
    }
    if (ch->kind == BC_CHART_DONUT && v < 0) {
        lua_number(v, num, sizeof num);
        return bc_arena_printf(a, "%s: a donut cannot show a negative value ('%s' is %s)", what,
                               ch->categories[c], num);
    }
    return NULL;
}

const char *bc_chart_check_scale(const bc_chart *ch, const char *what, bc_arena *a)
{
    if (ch->log && ch->stack != BC_STACK_NONE)
        return bc_arena_printf(a, "%s: stacked values cannot use a log scale", what);
    return NULL;
}

const char *bc_chart_check_reference(const bc_chart *ch, int r, double v, const char *what,
                                     bc_arena *a)
{
    if (ch->log && v <= 0)
        return bc_arena_printf(a, "%s: reference %d must be positive on a log scale", what, r + 1);
    return NULL;
}
