/*
** api_chart_more.c — s:chart's options for the richer charts (issue 18): scatter points and
** their trend line, series on a right-hand axis, annotations with leader lines, small
** multiples, decimals per axis, value labels on chosen categories, and a chart kept inside
** one column of a two-column brief. Every bad option is an error at the plugin's line that
** names the chart and says what to write instead.
*/
#include "lua/api_chart_more.h"

#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "base/utf8.h"
#include "layout/chart.h"
#include "lua/api_int.h"
#include "lua/num.h"

struct bc_chart_more *bc_api_chart_more(bc_api *api, bc_chart *ch)
{
    if (!ch->more) {
        ch->more = bc_arena_alloc(api->doc->arena, sizeof *ch->more);
        ch->more->dec_x = ch->more->dec_y = ch->more->dec_y2 = -1;
    }
    return ch->more;
}

void bc_api_chart_decimals(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    lua_getfield(L, 2, "decimals");
    int t = lua_type(L, -1);
    lua_pop(L, 1);
    if (t != LUA_TTABLE) {
        ch->decimals = bc_num_fieldint(L, 2, "decimals", what, -1, 0, 10);
        return;
    }
    static const char *const keys[] = {"labels", "x", "y", "y2", NULL};
    lua_getfield(L, 2, "decimals");
    int d = lua_gettop(L);
    bc_api_check_keys(L, d, "s:chart: decimals", keys);
    char name[160];
    snprintf(name, sizeof name, "%s: decimals", what);
    bc_chart_more *m = bc_api_chart_more(api, ch);
    ch->decimals = bc_num_fieldint(L, d, "labels", name, -1, 0, 10);
    m->dec_x = bc_num_fieldint(L, d, "x", name, -1, 0, 10);
    m->dec_y = bc_num_fieldint(L, d, "y", name, -1, 0, 10);
    m->dec_y2 = bc_num_fieldint(L, d, "y2", name, -1, 0, 10);
    lua_pop(L, 1);
}

/* A label or text field: a string (or a finite number) in valid UTF-8, copied to the arena;
   NULL when absent. */
static const char *text_field(lua_State *L, bc_api *api, int t, const char *field, const char *what)
{
    lua_getfield(L, t, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return NULL;
    }
    if (lua_type(L, -1) == LUA_TNUMBER) bc_num_checktext(L, -1, what);
    if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
        luaL_error(L, "%s: %s must be text, got %s", what, field, luaL_typename(L, -1));
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    if (bc_utf8_check(s, len) != (size_t)-1) luaL_error(L, "%s: %s: invalid UTF-8", what, field);
    const char *r = bc_arena_strndup(api->doc->arena, s, len);
    lua_pop(L, 1);
    return r;
}

/* A required number field of the table at t, finite and inside the digits briefc prints. */
static double number_field(lua_State *L, int t, const char *field, const char *what)
{
    lua_getfield(L, t, field);
    char name[200];
    snprintf(name, sizeof name, "%s: %s", what, field);
    if (lua_isnil(L, -1)) luaL_error(L, "%s needs a number", name);
    double v = bc_num_check(L, -1, name, -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX);
    lua_pop(L, 1);
    return v;
}

/* A scatter point's series = "name": every point names one, or none does; at most
   BC_CHART_MAX_SERIES names, numbered in order of first use. */
static void point_series(lua_State *L, bc_api *api, bc_chart *ch, bc_chart_more *m, int pt, int i,
                         const char *pw)
{
    const char *name = text_field(L, api, pt, "series", pw);
    if (!name != !m->group && i > 0)
        luaL_error(L, "%s: %s; give every point a series, or none", pw,
                   name ? "has a series but the points before it have none" : "has no series");
    if (!name) return;
    if (!m->group) {
        m->group = bc_arena_alloc(api->doc->arena, (size_t)ch->ncat * sizeof(int));
        m->groups = bc_arena_alloc(api->doc->arena, BC_CHART_MAX_SERIES * sizeof(char *));
    }
    int g = 0;
    while (g < m->ngroups && strcmp(m->groups[g], name)) g++;
    if (g == BC_CHART_MAX_SERIES)
        luaL_error(L, "%s: a scatter shows at most %d series; '%s' is one too many", pw,
                   BC_CHART_MAX_SERIES, name);
    if (g == m->ngroups) m->groups[m->ngroups++] = name;
    m->group[i] = g;
}

void bc_api_chart_points(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    bc_arena *a = api->doc->arena;
    static const char *const point_keys[] = {"x", "y", "label", "series", NULL};
    lua_getfield(L, 2, "categories");
    lua_getfield(L, 2, "series");
    if (!lua_isnil(L, -1) || !lua_isnil(L, -2))
        luaL_error(L,
                   "%s: a scatter takes points = {{x =, y =, label =}, ...}, not categories "
                   "and series",
                   what);
    lua_pop(L, 2);
    int np = bc_api_list_field(L, 2, "points", 0);
    if (np < 2 || np > BC_CHART_MAX_CATEGORIES)
        luaL_error(L, "%s: a scatter needs 2 to %d points = {{x =, y =, label =}, ...}, got %d",
                   what, BC_CHART_MAX_CATEGORIES, np);
    int pts = lua_gettop(L);
    bc_chart_more *m = bc_api_chart_more(api, ch);
    ch->ncat = np;
    ch->nser = 1;
    ch->categories = bc_arena_alloc(a, (size_t)np * sizeof(char *));
    ch->values = bc_arena_alloc(a, (size_t)np * sizeof(double));
    m->x = bc_arena_alloc(a, (size_t)np * sizeof(double));
    ch->series = bc_arena_alloc(a, sizeof(char *));
    ch->series[0] = ch->y_title ? ch->y_title : "Points";
    for (int i = 0; i < np; i++) {
        lua_geti(L, pts, i + 1);
        char pw[160];
        snprintf(pw, sizeof pw, "%s: point %d", what, i + 1);
        if (!lua_istable(L, -1)) luaL_error(L, "%s must be a table {x =, y =, label =}", pw);
        int pt = lua_gettop(L);
        bc_api_check_keys(L, pt, "s:chart: point", point_keys);
        m->x[i] = number_field(L, pt, "x", pw);
        ch->values[i] = number_field(L, pt, "y", pw);
        if (ch->log && !(ch->values[i] > 0))
            luaL_error(L, "%s: a log scale needs positive values; y is %f", pw, ch->values[i]);
        const char *lab = text_field(L, api, pt, "label", pw);
        ch->categories[i] = lab ? lab : "";
        point_series(L, api, ch, m, pt, i, pw);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* The index of category name in the chart, or -1. */
static int category_index(const bc_chart *ch, const char *name)
{
    for (int c = 0; c < ch->ncat; c++)
        if (!strcmp(ch->categories[c], name)) return c;
    return -1;
}

void bc_api_chart_series_keys(lua_State *L, bc_api *api, bc_chart *ch, int ser, int s,
                              const char *what)
{
    static const char *const sides[] = {"left", "right", NULL}, *const marks[] = {"bar", "line",
                                                                                  NULL};
    char sw[200];
    snprintf(sw, sizeof sw, "%s: series '%.80s'", what, ch->series[s]);
    int right = bc_api_enum_field(L, ser, "axis", sides, 0, sw);
    const char *facet = text_field(L, api, ser, "facet", sw);
    lua_getfield(L, ser, "mark");
    int marked = !lua_isnil(L, -1);
    lua_pop(L, 1);
    int line = bc_api_enum_field(L, ser, "mark", marks, 0, sw);
    if (marked && ch->kind != BC_CHART_BAR)
        luaL_error(L, "%s: mark is for kind = \"bar\", to draw a series as a line over the bars",
                   sw);
    if (!right && !facet && !line) return;
    bc_chart_more *m = bc_api_chart_more(api, ch);
    bc_arena *a = api->doc->arena;
    if (line) { /* a bar-and-line chart: this series a line over the bars */
        if (!m->line) m->line = bc_arena_alloc(a, (size_t)ch->nser);
        m->line[s] = 1;
    }
    if (right) {
        if (ch->kind != BC_CHART_BAR && ch->kind != BC_CHART_LINE)
            luaL_error(L, "%s: axis = \"right\" is for kind = \"bar\" or \"line\"", sw);
        if (!m->right) m->right = bc_arena_alloc(a, (size_t)ch->nser);
        m->right[s] = 1;
    }
    if (facet) {
        if (!m->facet) {
            m->facet = bc_arena_alloc(a, (size_t)ch->nser * sizeof(int));
            m->facets = bc_arena_alloc(a, (size_t)ch->nser * sizeof(char *));
            for (int i = 0; i < ch->nser; i++) m->facet[i] = -1;
        }
        int f = 0;
        while (f < m->nfacets && strcmp(m->facets[f], facet)) f++;
        if (f == m->nfacets) m->facets[m->nfacets++] = facet;
        m->facet[s] = f;
    }
}

/* trend = true | "equation": the least-squares line of a scatter, with its equation. */
static void read_trend(lua_State *L, bc_chart *ch, bc_chart_more *m, const char *what)
{
    lua_getfield(L, 2, "trend");
    int t = lua_type(L, -1);
    if (t == LUA_TBOOLEAN)
        m->trend = lua_toboolean(L, -1);
    else if (t == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "equation"))
        m->trend = 2;
    else if (t != LUA_TNIL)
        luaL_error(L, "%s: trend must be true or \"equation\" (the line with its equation and R²)",
                   what);
    lua_pop(L, 1);
    double a, b, r2;
    if (m->trend && ch->kind != BC_CHART_SCATTER)
        luaL_error(L, "%s: trend fits a line to points; use it with kind = \"scatter\"", what);
    if (m->trend && ch->log)
        luaL_error(L, "%s: a trend line is fitted on a linear scale; drop log or trend", what);
    if (m->trend && !bc_chart_fit(ch, &a, &b, &r2))
        luaL_error(L, "%s: a trend line needs points at two different x values at least", what);
}

/* An annotation's panel = "name" among small multiples: required there, refused elsewhere. */
static int annot_panel(lua_State *L, bc_api *api, const bc_chart_more *m, int at, const char *aw)
{
    const char *panel = text_field(L, api, at, "panel", aw);
    if (!m->facet) {
        if (panel) luaL_error(L, "%s: panel is for small multiples (series with facet =)", aw);
        return 0;
    }
    if (!panel) luaL_error(L, "%s needs panel, the facet it notes (e.g. '%s')", aw, m->facets[0]);
    for (int f = 0; f < m->nfacets; f++)
        if (!strcmp(m->facets[f], panel)) return f;
    luaL_error(L, "%s: panel '%s' is not one of the facets", aw, panel);
    return 0;
}

/* annotations = {{x =, y =, text =}}: x a category (a number for a scatter), y a value; on
   small multiples panel = the facet it goes in. */
static void read_annotations(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    static const char *const keys[] = {"x", "y", "text", "panel", NULL};
    int n = bc_api_list_field(L, 2, "annotations", 0);
    int list = lua_gettop(L);
    if (n > 0) {
        bc_chart_more *m = bc_api_chart_more(api, ch);
        if (ch->kind == BC_CHART_DONUT || ch->kind == BC_CHART_MAP)
            luaL_error(L, "%s: annotations mark points of a plot; a donut or map has none", what);
        if (n > 50) luaL_error(L, "%s: at most 50 annotations, got %d", what, n);
        m->annots = bc_arena_alloc(api->doc->arena, (size_t)n * sizeof *m->annots);
        for (int i = 0; i < n; i++) {
            char aw[160];
            snprintf(aw, sizeof aw, "%s: annotation %d", what, i + 1);
            lua_geti(L, list, i + 1);
            if (!lua_istable(L, -1)) luaL_error(L, "%s must be a table {x =, y =, text =}", aw);
            int at = lua_gettop(L);
            bc_api_check_keys(L, at, "s:chart: annotation", keys);
            bc_chart_annot *an = &m->annots[i];
            an->text = text_field(L, api, at, "text", aw);
            if (!an->text || !an->text[0]) luaL_error(L, "%s needs text", aw);
            an->panel = annot_panel(L, api, m, at, aw);
            if (ch->kind == BC_CHART_SCATTER) {
                an->x = number_field(L, at, "x", aw);
            } else {
                const char *x = text_field(L, api, at, "x", aw);
                if (!x) luaL_error(L, "%s needs x, one of the categories", aw);
                int c = category_index(ch, x);
                if (c < 0) luaL_error(L, "%s: x '%s' is not one of the categories", aw, x);
                an->x = c;
            }
            an->y = number_field(L, at, "y", aw);
            if (ch->log && !(an->y > 0)) luaL_error(L, "%s: y must be positive on a log scale", aw);
            lua_pop(L, 1);
        }
        m->nannots = n;
    }
    lua_pop(L, 1);
}

/* facet = "series" (a panel per series) or each series' facet; facet_columns. */
static void read_facets(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    lua_getfield(L, 2, "facet");
    int given = !lua_isnil(L, -1);
    if (given && (lua_type(L, -1) != LUA_TSTRING || strcmp(lua_tostring(L, -1), "series")))
        luaL_error(L,
                   "%s: facet must be \"series\" (a panel per series); to group series in "
                   "panels give each series facet = \"panel name\"",
                   what);
    lua_pop(L, 1);
    bc_chart_more *m = ch->more;
    if (given) {
        if (m && m->facet)
            luaL_error(L, "%s: give facet = \"series\" or each series a facet, not both", what);
        m = bc_api_chart_more(api, ch);
        bc_arena *a = api->doc->arena;
        m->facet = bc_arena_alloc(a, (size_t)ch->nser * sizeof(int));
        m->facets = bc_arena_alloc(a, (size_t)ch->nser * sizeof(char *));
        for (int s = 0; s < ch->nser; s++) {
            m->facet[s] = s;
            m->facets[s] = ch->series[s];
        }
        m->nfacets = ch->nser;
    }
    if (!m || !m->facet) {
        lua_getfield(L, 2, "facet_columns");
        if (!lua_isnil(L, -1)) luaL_error(L, "%s: facet_columns needs facet", what);
        lua_pop(L, 1);
        return;
    }
    for (int s = 0; s < ch->nser; s++)
        if (m->facet[s] < 0)
            luaL_error(L, "%s: series '%s' has no facet; give every series one", what,
                       ch->series[s]);
    if (ch->kind != BC_CHART_BAR && ch->kind != BC_CHART_LINE && ch->kind != BC_CHART_AREA)
        luaL_error(L, "%s: small multiples (facet) are for kind = \"bar\", \"line\" or \"area\"",
                   what);
    if (m->right)
        luaL_error(L, "%s: small multiples share one value axis; drop axis = \"right\"", what);
    if (ch->log) luaL_error(L, "%s: small multiples are drawn on a linear scale; drop log", what);
    if (ch->nevents)
        luaL_error(L, "%s: events would repeat in every panel; drop them or facet", what);
    if (m->nfacets > 24) luaL_error(L, "%s: at most 24 panels, got %d", what, m->nfacets);
    char fw[160];
    snprintf(fw, sizeof fw, "%s", what);
    m->facet_cols =
        bc_num_fieldint(L, 2, "facet_columns", fw, m->nfacets < 3 ? m->nfacets : 3, 1, 6);
}

/* value_labels = {"FY2010", ...}: labels on those categories only. */
static void read_label_cats(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    lua_getfield(L, 2, "value_labels");
    if (lua_istable(L, -1)) {
        int t = lua_gettop(L);
        int n = (int)luaL_len(L, t);
        if (n < 1) luaL_error(L, "%s: value_labels is true, false or a list of categories", what);
        bc_chart_more *m = bc_api_chart_more(api, ch);
        m->label_cats = bc_arena_alloc(api->doc->arena, (size_t)ch->ncat);
        for (int i = 1; i <= n && i <= BC_CHART_MAX_CATEGORIES; i++) {
            lua_geti(L, t, i);
            if (lua_type(L, -1) == LUA_TNUMBER) bc_num_checktext(L, -1, what);
            const char *name = lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER
                                   ? lua_tostring(L, -1)
                                   : NULL;
            if (!name)
                luaL_error(L, "%s: value_labels %d must be a category, got %s", what, i,
                           luaL_typename(L, -1));
            int c = category_index(ch, name);
            if (c < 0)
                luaL_error(L, "%s: value_labels: '%s' is not one of the categories", what, name);
            m->label_cats[c] = 1;
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1) && !lua_isboolean(L, -1)) {
        luaL_error(L, "%s: value_labels is true, false or a list of categories, not %s", what,
                   luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

/* The right-hand axis: its title and format, and the kinds it goes with. */
static void read_right(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    static const char *const formats[] = {"number", "money", "percent", NULL};
    bc_chart_more *m = ch->more;
    int nright = bc_chart_nright(ch);
    const char *t2 = bc_api_opt_string_field(L, api, 2, "y2_title");
    lua_getfield(L, 2, "y2_format");
    int f2 = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!nright) {
        if (t2 || f2 || (m && m->dec_y2 >= 0))
            luaL_error(L,
                       "%s: y2_title, y2_format and decimals.y2 are for a right-hand axis; put a "
                       "series on it with axis = \"right\"",
                       what);
        return;
    }
    if (nright == ch->nser)
        luaL_error(L, "%s: every series is on the right axis; keep one on the left", what);
    if (ch->stack != BC_STACK_NONE)
        luaL_error(L, "%s: stacked values share one axis; drop axis = \"right\"", what);
    if (ch->log) luaL_error(L, "%s: a log scale and a right-hand axis do not mix", what);
    if (ch->legend == BC_LEGEND_DIRECT)
        luaL_error(L,
                   "%s: legend = \"direct\" labels line ends where the right axis is; use "
                   "legend = \"top\"",
                   what);
    m->y2_title = t2;
    m->format2 = bc_api_enum_field(L, 2, "y2_format", formats, ch->format, what);
}

/* mark = "line" series: at least one series left as bars, nothing that stacks or facets them. */
static void check_lines(lua_State *L, const bc_chart *ch, const char *what)
{
    const bc_chart_more *m = ch->more;
    int n = 0;
    for (int s = 0; m->line && s < ch->nser; s++) n += m->line[s];
    if (!n) return;
    if (n == ch->nser)
        luaL_error(L,
                   "%s: every series has mark = \"line\"; keep one as bars, or use kind = \"line\"",
                   what);
    if (ch->stack != BC_STACK_NONE)
        luaL_error(L, "%s: a line cannot stand in a stack of bars; drop stacked or mark = \"line\"",
                   what);
    if (m->facet) luaL_error(L, "%s: small multiples and mark = \"line\" do not mix", what);
}

void bc_api_chart_options(lua_State *L, bc_api *api, bc_chart *ch, const char *what)
{
    bc_chart_more *m = bc_api_chart_more(api, ch);
    check_lines(L, ch, what);
    read_trend(L, ch, m, what);
    read_right(L, api, ch, what);
    read_facets(L, api, ch, what);
    read_annotations(L, api, ch, what);
    read_label_cats(L, api, ch, what);
    if ((ch->kind == BC_CHART_RANGE || ch->kind == BC_CHART_DUMBBELL) && ch->nser != 2)
        luaL_error(L,
                   "%s: a %s chart draws each category from series 1 to series 2; give 2 "
                   "series, got %d",
                   what, ch->kind == BC_CHART_RANGE ? "range" : "dumbbell", ch->nser);
    lua_getfield(L, 2, "aspect");
    if ((ch->kind == BC_CHART_RANGE || ch->kind == BC_CHART_DUMBBELL) && lua_isnil(L, -1)) {
        double asp = (ch->ncat * 24.0 + 40) / 450; /* rows of about 24 points on a page's measure */
        ch->aspect = asp < 0.15 ? 0.15 : asp > 0.9 ? 0.9 : asp;
    }
    lua_pop(L, 1);
    if (m->dec_x >= 0 && ch->kind != BC_CHART_SCATTER)
        luaL_error(L, "%s: decimals.x is for a scatter's x axis; a %s chart's categories have none",
                   what, ch->kind == BC_CHART_MAP ? "map" : "category");
    lua_getfield(L, 2, "span");
    if (!lua_isnil(L, -1) && !lua_isboolean(L, -1))
        luaL_error(L, "%s: span must be true (across a two-column page) or false (in one column)",
                   what);
    m->in_column = lua_isboolean(L, -1) && !lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (!m->x && !m->right && !m->annots && !m->facet && !m->label_cats && !m->in_column &&
        !m->line && m->dec_x < 0 && m->dec_y < 0 && m->dec_y2 < 0)
        ch->more = NULL; /* a classic chart: every path as before */
}
