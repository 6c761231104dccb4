/*
** api_chart.c — s:chart: the chart's options, categories, series, highlights, events and
** reference lines read into a chart block.
*/
#define _GNU_SOURCE
#include "doc/terms.h"
#include "lua/api_int.h"
#include "lua/api_chart_more.h"
#include "lua/api_map.h"

#include <math.h>
#include <string.h>

#include "layout/chart.h"
#include "lua/num.h"
#include "base/utf8.h"

/* Category label from a string or number. */
static const char *label_at(lua_State *L, bc_api *api, int idx, int i, const char *what)
{
    lua_geti(L, idx, i);
    size_t len;
    const char *s;
    if (lua_type(L, -1) == LUA_TNUMBER) {
        char name[96];
        snprintf(name, sizeof name, "%s %d", what, i);
        bc_num_checktext(L, -1, name);
        if (lua_isinteger(L, -1))
            lua_pushfstring(L, "%I", (LUAI_UACINT)lua_tointeger(L, -1));
        else
            lua_pushstring(L, lua_tostring(L, -1));
        lua_remove(L, -2);
    }
    if (lua_type(L, -1) != LUA_TSTRING)
        luaL_error(L, "%s %d must be text, got %s", what, i, luaL_typename(L, -1));
    s = lua_tolstring(L, -1, &len);
    if (bc_utf8_check(s, len) != (size_t)-1) luaL_error(L, "%s %d: invalid UTF-8", what, i);
    const char *r = bc_arena_strndup(api->doc->arena, s, len);
    lua_pop(L, 1);
    return r;
}

/* Raises msg (a broken chart rule, chart.h) at the plugin's line; nothing when msg is NULL. */
static void rule(lua_State *L, const char *msg)
{
    if (msg) luaL_error(L, "%s", msg);
}

/* The options of s:chart's table at index 2: kind, format, legend, stacking, flags, titles. */
static void read_options(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    bc_arena *a = api->doc->arena;
    ch->kind = (bc_chart_kind)bc_api_enum_field(L, 2, "kind", bc_chart_kind_names, 0, what);
    ch->format =
        (bc_chart_format_kind)bc_api_enum_field(L, 2, "format", bc_chart_format_names, 0, what);
    ch->legend = (bc_chart_legend)bc_api_enum_field(L, 2, "legend", bc_chart_legend_names, 0, what);
    lua_getfield(L, 2, "stacked");
    if (lua_type(L, -1) == LUA_TSTRING) {
        if (strcmp(lua_tostring(L, -1), "percent"))
            luaL_error(L, "%s: stacked must be true, false or \"percent\"", what);
        ch->stack = BC_STACK_PERCENT;
    } else {
        ch->stack = lua_toboolean(L, -1) ? BC_STACK_NORMAL : BC_STACK_NONE;
    }
    lua_pop(L, 1);
    bc_chart_imply(ch);
    rule(L, bc_chart_check_options(ch, what, a));
    ch->markers = bc_api_opt_bool_field(L, 2, "markers", 0);
    ch->value_labels = bc_api_opt_bool_field(L, 2, "value_labels", -1); /* -1: the theme's */
    bc_api_chart_decimals(L, api, ch, what);
    ch->log = bc_api_opt_bool_field(L, 2, "log", 0);
    ch->mono = bc_api_opt_bool_field(L, 2, "mono", -1); /* -1: the theme's */
    bc_api_opt_inline_field(L, api, 2, "caption", &ch->caption);
    bc_api_opt_inline_field(L, api, 2, "source", &ch->source);
    ch->y_title = bc_api_opt_string_field(L, api, 2, "y_title");
    ch->x_title = bc_api_opt_string_field(L, api, 2, "x_title");
    ch->alt = bc_api_opt_string_field(L, api, 2, "alt");
    ch->aspect = bc_num_field(L, 2, "aspect", what, bc_chart_default_aspect(ch), 0.1, 2);
    ch->label_every = bc_num_fieldint(L, 2, "label_every", what, 0, 0, 10000);
}

/* The series list at index sers: each {name =, values = {...}}, one value per category. */
static void read_series(lua_State *L, bc_api *api, bc_chart *ch, int sers, const char *what)
{
    bc_arena *a = api->doc->arena;
    static const char *const ser_keys[] = {"name", "values", "axis", "facet", "mark", NULL};
    int nc = ch->ncat, ns = ch->nser;
    for (int s = 0; s < ns; s++) {
        lua_geti(L, sers, s + 1);
        if (!lua_istable(L, -1)) luaL_error(L, "%s: series %d must be a table", what, s + 1);
        int ser = lua_gettop(L);
        bc_api_check_keys(L, ser, "s:chart: series", ser_keys);
        const char *name = bc_api_opt_string_field(L, api, ser, "name");
        ch->series[s] = name ? name : bc_arena_printf(a, "Series %d", s + 1);
        lua_getfield(L, ser, "values");
        if (!lua_istable(L, -1))
            luaL_error(L, "%s: series '%s' needs a list of values", what, ch->series[s]);
        bc_api_chart_series_keys(L, api, ch, ser, s, what);
        for (int c = 0; c < nc; c++) {
            lua_geti(L, -1, c + 1);
            double v = NAN; /* nil: a gap */
            char vname[300], msg[400];
            snprintf(vname, sizeof vname, "%s: series '%.80s', value %d", what, ch->series[s],
                     c + 1);
            if (lua_type(L, -1) == LUA_TNUMBER) {
                if (!bc_num_read(L, -1, vname, -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX, 0, &v, msg,
                                 sizeof msg))
                    luaL_error(L, "%s%s", msg,
                               isnan(lua_tonumber(L, -1)) ? "; write nil for a missing value" : "");
            } else if (!lua_isnil(L, -1))
                luaL_error(L, "%s: series '%s', value %d must be a number or nil, got %s", what,
                           ch->series[s], c + 1, luaL_typename(L, -1));
            rule(L, bc_chart_check_value(ch, s, c, v, what, a));
            if (ch->log && !isnan(v) &&
                !bc_num_ok(v, vname, BC_CHART_LOG_MIN, BC_NUM_DIGITS_MAX, 0, msg, sizeof msg))
                luaL_error(L, "%s", msg);
            ch->values[s * nc + c] = v;
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
    }
}

/* highlight = {...}: categories drawn in the accent colour. Leaves its list on the stack. */
static void read_highlight(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    int nc = ch->ncat;
    int nh = bc_api_list_field(L, 2, "highlight", 0);
    if (nh) {
        ch->highlight = bc_arena_alloc(api->doc->arena, (size_t)nc);
        for (int i = 1; i <= nh; i++) {
            const char *h = label_at(L, api, lua_gettop(L), i, "highlight");
            int found = 0;
            for (int c = 0; c < nc; c++)
                if (!strcmp(ch->categories[c], h)) ch->highlight[c] = found = 1;
            if (!found) luaL_error(L, "%s: highlight '%s' is not one of the categories", what, h);
        }
    }
}

/* events = {{at =, label =, offset =}}: markers at categories. Leaves its list on the stack. */
static void read_events(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    static const char *const ev_keys[] = {"at", "label", "offset", NULL};
    int nc = ch->ncat;
    int ne = bc_api_list_field(L, 2, "events", 0);
    int evs = lua_gettop(L);
    ch->events = bc_arena_alloc(api->doc->arena, (size_t)(ne ? ne : 1) * sizeof *ch->events);
    for (int e = 0; e < ne; e++) {
        lua_geti(L, evs, e + 1);
        if (!lua_istable(L, -1)) luaL_error(L, "%s: event %d must be a table", what, e + 1);
        int ev = lua_gettop(L);
        bc_api_check_keys(L, ev, "s:chart: event", ev_keys);
        const char *label = bc_api_opt_string_field(L, api, ev, "label");
        if (!label) luaL_error(L, "%s: event %d needs a label", what, e + 1);
        lua_getfield(L, ev, "at");
        const char *at = lua_tostring(L, -1);
        if (!at) luaL_error(L, "%s: event %d needs 'at', a category", what, e + 1);
        int found = -1;
        for (int c = 0; c < nc; c++)
            if (strcmp(ch->categories[c], at) == 0) found = c;
        if (found < 0)
            luaL_error(L, "%s: event %d: '%s' is not one of the categories", what, e + 1, at);
        char evname[160];
        snprintf(evname, sizeof evname, "%s: event %d", what, e + 1);
        double offset = bc_num_field(L, ev, "offset", evname, 0, -0.5, 0.5);
        lua_pop(L, 2);
        ch->events[ch->nevents].at = found + offset;
        ch->events[ch->nevents].label = label;
        ch->nevents++;
    }
}

/* references = {{value =, label =}}: reference lines. Leaves its list on the stack. */
static void read_references(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    static const char *const ref_keys[] = {"value", "label", NULL};
    int nr = bc_api_list_field(L, 2, "references", 0);
    int refs = lua_gettop(L);
    ch->refs = bc_arena_alloc(api->doc->arena, (size_t)(nr ? nr : 1) * sizeof *ch->refs);
    for (int r = 0; r < nr; r++) {
        lua_geti(L, refs, r + 1);
        if (!lua_istable(L, -1)) luaL_error(L, "%s: reference %d must be a table", what, r + 1);
        int rt = lua_gettop(L);
        bc_api_check_keys(L, rt, "s:chart: reference", ref_keys);
        lua_getfield(L, rt, "value");
        if (lua_isnil(L, -1)) luaL_error(L, "%s: reference %d needs a numeric value", what, r + 1);
        char refname[160];
        snprintf(refname, sizeof refname, "%s: reference %d: value", what, r + 1);
        double v = bc_num_check(L, -1, refname, -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX);
        rule(L, bc_chart_check_reference(ch, r, v, what, api->doc->arena));
        if (ch->log) bc_num_check(L, -1, refname, BC_CHART_LOG_MIN, BC_NUM_DIGITS_MAX);
        lua_pop(L, 1);
        ch->refs[r].value = v;
        ch->refs[r].label = bc_api_opt_string_field(L, api, rt, "label");
        ch->nrefs++;
        lua_pop(L, 1);
    }
}

/* categories = {...} and series = {...}; leaves the categories list on the stack. */
static void read_data(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    bc_arena *a = api->doc->arena;
    int nc = bc_api_list_field(L, 2, "categories", 1);
    int cats = lua_gettop(L);
    rule(L, bc_chart_check_categories(nc, what, a));
    ch->ncat = nc;
    ch->categories = bc_arena_alloc(a, (size_t)nc * sizeof(char *));
    for (int c = 0; c < nc; c++) ch->categories[c] = label_at(L, api, cats, c + 1, "category");
    int ns = bc_api_list_field(L, 2, "series", 1);
    int sers = lua_gettop(L);
    rule(L, bc_chart_check_series(ch, ns, what, a));
    ch->nser = ns;
    ch->series = bc_arena_alloc(a, (size_t)ns * sizeof(char *));
    ch->values = bc_arena_alloc(a, (size_t)ns * (size_t)nc * sizeof(double));
    read_series(L, api, ch, sers, what);
    lua_pop(L, 1);
}

/*
** s:chart{kind = "bar" | "hbar" | "line" | "area" | "donut" | "dot" | "map" | "scatter" | "range"
**         | "dumbbell", stacked = true | "percent",
**         caption =, categories = {...}, series = {{name =, values = {...}}, ...},
**         format = "number" | "money" | "percent", legend = "top" | "right" | "bottom" | "none"
**         | "direct", markers =, value_labels =, log =, mono =, highlight = {...},
**         x_title =, y_title =, source =, aspect = 0.5, label_every =,
**         events = {{at =, label =}}, references = {{value =, label =}},
**         alt = "description for screen readers (default: written from the data)",
**         points = {{x =, y =, label =}}, trend =, y2_title =, y2_format =,
**         annotations = {{x =, y =, text =}}, facet =, facet_columns =, span =}
** The Lua table is read here; what makes a good chart is asked of layout/chart_rules.c; the
** options of the richer charts (points to span, a series' axis and facet) of
** lua/api_chart_more.c.
*/
int bc_api_s_chart(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    bc_arena *a = api->doc->arena;
    static const char *const keys[] = {
        "kind",      "stacked",    "caption",     "categories",   "series",        "format",
        "decimals",  "legend",     "markers",     "value_labels", "log",           "mono",
        "highlight", "x_title",    "y_title",     "source",       "aspect",        "label_every",
        "events",    "references", "label",       "alt",          "points",        "trend",
        "y2_title",  "y2_format",  "annotations", "facet",        "facet_columns", "span",
        NULL};
    const struct bc_geo *geo = bc_api_map_wanted(L, 2) ? bc_api_map_prepare(L, api, 2) : NULL;
    bc_api_check_keys(L, 2, "s:chart", keys);
    bc_chart *ch = bc_arena_alloc(a, sizeof *ch);
    ch->geo = geo;
    /* Messages name the chart by its caption, so a plugin with several charts is clear. */
    lua_getfield(L, 2, "caption");
    const char *cap = lua_tostring(L, -1);
    char what[120];
    snprintf(what, sizeof what, "chart '%.80s'", cap ? cap : "(no caption)");
    lua_pop(L, 1);
    read_options(L, api, ch, what);
    if (ch->kind == BC_CHART_SCATTER) {
        bc_api_chart_points(L, api, ch, what);
        lua_getfield(L, 2, "events");
        if (!lua_isnil(L, -1))
            luaL_error(L, "%s: events mark categories; a scatter has none (use annotations)", what);
        lua_pop(L, 1);
        lua_pushnil(L); /* where the categories list would be */
    } else {
        read_data(L, api, ch, what);
    }
    rule(L, bc_chart_check_scale(ch, what, a));
    read_highlight(L, api, ch, what);
    lua_pop(L, 1);
    read_events(L, api, ch, what);
    lua_pop(L, 1);
    read_references(L, api, ch, what);
    lua_pop(L, 1);
    bc_api_chart_options(L, api, ch, what);
    lua_pop(L, 1); /* categories */
    ch->number = ++api->doc->nfigures;
    const char *label = bc_api_opt_string_field(L, api, 2, "label");
    bc_block *blk = bc_doc_add(api->doc, BC_BLOCK_CHART);
    blk->u.chart = ch;
    if (label &&
        !bc_doc_label(api->doc, blk, label,
                      bc_arena_printf(api->doc->arena, bc_doc_terms(api->doc)->figure, ch->number)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}
