/*
** brief_charts.c — theme.charts, the house style's chart defaults:
**   charts = "colour" | "mono"
**   charts = { style = "colour" | "mono", legend = "top" | "bottom" | "right" | "none",
**              value_labels = "none" | "all" | "last" | "max" | "ends" | "highlighted" }
** legend applies to every chart whose plugin leaves legend unset, value_labels to every bar,
** range and dumbbell chart whose plugin leaves value_labels unset (layout/chart.c applies
** them). Reads without raising: the caller reports msg at the brief's line.
*/
#include "lua/brief_charts.h"
#include "lua/brief_read.h"

#include <stdio.h>
#include <string.h>

#include "base/suggest.h"
#include "doc/doc.h"

/* The index of the string at the top of the stack among names, or -1 (msg written). */
static int pick(lua_State *L, const char *key, const char *const *names, char *msg, size_t cap)
{
    char name[64];
    snprintf(name, sizeof name, "theme.charts.%s", key);
    int i = -1;
    return bc_brief_pick(L, name, names, &i, msg, cap) ? i : -1;
}

static int read_table(lua_State *L, int c, bc_theme *th, char *msg, size_t cap)
{
    static const char *const keys[] = {"style", "legend", "value_labels", NULL};
    static const char *const styles[] = {"colour", "mono", NULL};
    static const char *const legends[] = {"top", "right", "bottom", "none", NULL};
    static const bc_chart_legend legend_of[] = {BC_LEGEND_TOP, BC_LEGEND_RIGHT, BC_LEGEND_BOTTOM,
                                                BC_LEGEND_NONE};
    static const char *const labels[] = {"none", "all", "last", "max", "ends", "highlighted", NULL};
    static const char label_of[] = "naimeh";
    lua_pushnil(L);
    while (lua_next(L, c)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int known = 0;
        for (int i = 0; k && keys[i]; i++) known |= !strcmp(k, keys[i]);
        if (!known) {
            const char *near = k ? bc_suggest(k, keys) : NULL;
            snprintf(msg, cap,
                     "unknown chart setting '%s'%s%s%s; theme.charts takes style, legend "
                     "and value_labels",
                     k ? k : "(not a name)", near ? " (did you mean '" : "", near ? near : "",
                     near ? "'?)" : "");
            lua_pop(L, 1);
            return 0;
        }
    }
    int ok = 1, i;
    lua_getfield(L, c, "style");
    if (!lua_isnil(L, -1)) {
        if ((i = pick(L, "style", styles, msg, cap)) < 0)
            ok = 0;
        else
            th->chart_mono = i;
    }
    lua_pop(L, 1);
    lua_getfield(L, c, "legend");
    if (ok && !lua_isnil(L, -1)) {
        if ((i = pick(L, "legend", legends, msg, cap)) < 0)
            ok = 0;
        else
            th->chart_legend = (int)legend_of[i];
    }
    lua_pop(L, 1);
    lua_getfield(L, c, "value_labels");
    if (ok && !lua_isnil(L, -1)) {
        if ((i = pick(L, "value_labels", labels, msg, cap)) < 0)
            ok = 0;
        else
            th->chart_labels = label_of[i];
    }
    lua_pop(L, 1);
    return ok;
}

int bc_brief_theme_charts(lua_State *L, int t, bc_theme *th, char *msg, size_t cap)
{
    lua_getfield(L, t, "charts");
    int ok = 1;
    if (lua_type(L, -1) == LUA_TTABLE) {
        ok = read_table(L, lua_gettop(L), th, msg, cap);
    } else if (!lua_isnil(L, -1)) {
        const char *cs = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        if (cs && !strcmp(cs, "mono"))
            th->chart_mono = 1;
        else if (cs && !strcmp(cs, "colour"))
            th->chart_mono = 0;
        else {
            snprintf(msg, cap,
                     "theme.charts must be \"colour\" or \"mono\", or a table { style =, "
                     "legend =, value_labels = }");
            ok = 0;
        }
    }
    lua_pop(L, 1);
    return ok;
}
