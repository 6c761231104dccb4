/*
** api_map.c — s:chart{kind = "map", geojson = "data/pakistan.geojson", data = rows,
**             key = "province", value = "aid", geo_key = "name", projection = "equirectangular"
**             | "mercator", labels = true, title = "the value's name in the legend", caption =, source =, label =, alt =, aspect =,
**             format =, decimals =, mono =, legend = "auto" | "none"}
**
** A choropleth: each row of data names a region (row[key], matched to the GeoJSON property
** geo_key, "name" by default) and gives its value (row[value]: a number, a numeric string as
** CSV gives, or nil / "" for none). Regions without a row show "no data". The GeoJSON is read
** through the file door like every data file and parsed by geo.c under caps. The table is then
** rewritten as an ordinary chart (categories: the regions; one series: the values), so captions,
** numbering, labels and the Figure's alt text work as for every chart; the alt text, unless
** given, says the highest and lowest regions and those without data.
*/
#include "lua/api_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "base/fileio.h"
#include "base/utf8.h"
#include "layout/geo.h"

int bc_api_map_wanted(lua_State *L, int idx)
{
    lua_getfield(L, idx, "kind");
    int yes = lua_type(L, -1) == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "map");
    lua_pop(L, 1);
    return yes;
}

static const char *str_field(lua_State *L, int idx, const char *k, const char *what, int required)
{
    lua_getfield(L, idx, k);
    const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (!s && (required || !lua_isnil(L, -1)))
        luaL_error(L, "%s: %s must be text (%s)", what, k,
                   required && lua_isnil(L, -1) ? "it is required for a map" : luaL_typename(L, -1));
    lua_pop(L, 1); /* the string stays alive in the table */
    return s;
}

/* A row's value: a finite number, a numeric string, or none (nil or ""). */
static int row_value(lua_State *L, const char *what, int row, const char *col, double *v)
{
    int t = lua_type(L, -1);
    if (t == LUA_TNIL) return 0;
    if (t == LUA_TNUMBER) {
        *v = lua_tonumber(L, -1);
    } else if (t == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1), *end;
        while (*s == ' ') s++;
        if (!*s) return 0;
        char *e;
        *v = strtod(s, &e);
        for (end = e; *end == ' '; end++) {}
        if (e == s || *end || !strpbrk(s, "0123456789") || strpbrk(s, "xXpPnNiI")) {
            char m[400]; /* lua_pushfstring knows no precision */
            snprintf(m, sizeof m, "%s: data row %d: %s is '%.40s', not a number", what, row, col, s);
            luaL_error(L, "%s", m);
        }
    } else {
        luaL_error(L, "%s: data row %d: %s must be a number, got %s", what, row, col, luaL_typename(L, -1));
    }
    if (!isfinite(*v) || fabs(*v) > 1e15)
        luaL_error(L, "%s: data row %d: %s must be a finite number of at most 15 digits", what, row, col);
    return 1;
}

static const char *copy_keys[] = {"caption", "source", "label", "alt", "aspect", "format",
                                  "decimals", "mono", NULL};

/* The value of each region (NAN: none) from the rows of data, each naming its region. */
static double *read_values(lua_State *L, bc_api *api, int idx, const bc_geo *g, const char *key,
                           const char *val, const char *file, const char *what)
{
    double *v = bc_arena_alloc(api->doc->arena, (size_t)g->n * sizeof *v);
    for (int i = 0; i < g->n; i++) v[i] = NAN;
    unsigned char *seen = bc_arena_alloc(api->doc->arena, (size_t)g->n);
    lua_getfield(L, idx, "data");
    if (!lua_istable(L, -1))
        luaL_error(L, "%s: data must be a list of rows (as ctx:csv gives), got %s", what, luaL_typename(L, -1));
    int data = lua_gettop(L);
    lua_Integer nrows = (lua_Integer)lua_rawlen(L, data);
    if (nrows > BC_GEO_MAX_FEATURES) luaL_error(L, "%s: more than %d data rows", what, BC_GEO_MAX_FEATURES);
    for (lua_Integer r = 1; r <= nrows; r++) {
        if (lua_rawgeti(L, data, r) != LUA_TTABLE)
            luaL_error(L, "%s: data row %d must be a table", what, (int)r);
        lua_getfield(L, -1, key);
        const char *name = NULL;
        if (lua_type(L, -1) == LUA_TSTRING) name = lua_tostring(L, -1);
        else if (lua_type(L, -1) == LUA_TNUMBER) name = lua_tostring(L, -1); /* converts in place */
        if (!name) luaL_error(L, "%s: data row %d has no %s to name its region", what, (int)r, key);
        int i = bc_geo_find(g, name);
        if (i < 0) {
            char list[400] = "";
            size_t o = 0;
            for (int k = 0; k < g->n && o < sizeof list - 80; k++)
                o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", k ? ", " : "", g->f[k].name);
            char m[800];
            snprintf(m, sizeof m, "%s: data row %d: '%.60s' is not a region of %s (its regions: %s%s)",
                     what, (int)r, name, file, list, o >= sizeof list - 80 ? ", …" : "");
            luaL_error(L, "%s", m);
        }
        if (seen[i]) {
            char m[300];
            snprintf(m, sizeof m, "%s: data row %d: '%.60s' has a row already", what, (int)r, name);
            luaL_error(L, "%s", m);
        }
        seen[i] = 1;
        lua_pop(L, 1);
        lua_getfield(L, -1, val);
        double x;
        if (row_value(L, what, (int)r, val, &x)) v[i] = x;
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    return v;
}

/* Pushes the alt text written from the data: what is mapped, the highest and lowest regions
   and those without data. */
static void push_alt(lua_State *L, int idx, const bc_geo *g, const double *v, const char *name,
                     const char *key)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_getfield(L, idx, "caption");
    const char *cap = lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    lua_pushfstring(L, "Map%s%s: %s by %s across %d regions", cap ? ", " : "", cap ? cap : "",
                    name, key, g->n);
    luaL_addvalue(&b);
    int hi = -1, lo = -1, none = 0;
    for (int i = 0; i < g->n; i++) {
        if (isnan(v[i])) { none++; continue; }
        if (hi < 0 || v[i] > v[hi]) hi = i;
        if (lo < 0 || v[i] < v[lo]) lo = i;
    }
    char num[64];
    if (hi >= 0) {
        snprintf(num, sizeof num, "%.6g", v[hi]);
        lua_pushfstring(L, "; highest %s in %s", num, g->f[hi].name);
        luaL_addvalue(&b);
        snprintf(num, sizeof num, "%.6g", v[lo]);
        lua_pushfstring(L, ", lowest %s in %s", num, g->f[lo].name);
        luaL_addvalue(&b);
    }
    if (none) {
        luaL_addstring(&b, "; no data for ");
        for (int i = 0, k = 0; i < g->n; i++)
            if (isnan(v[i])) {
                if (k++) luaL_addstring(&b, k == none ? " and " : ", ");
                if (k > 12) { luaL_addstring(&b, "others"); break; }
                luaL_addstring(&b, g->f[i].name);
            }
    }
    luaL_pushresult(&b);
}

const struct bc_geo *bc_api_map_prepare(lua_State *L, bc_api *api, int idx)
{
    static const char *const keys[] = {"kind", "geojson", "data", "key", "value", "geo_key",
                                       "projection", "labels", "caption", "source", "label",
                                       "alt", "aspect", "format", "decimals", "mono", "legend", "title",
                                       NULL};
    idx = lua_absindex(L, idx);
    lua_getfield(L, idx, "caption");
    char what[120];
    snprintf(what, sizeof what, "map '%.80s'", lua_isstring(L, -1) ? lua_tostring(L, -1) : "(no caption)");
    lua_pop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int ok = 0;
        for (int i = 0; k && keys[i]; i++) ok |= !strcmp(k, keys[i]);
        if (!ok)
            luaL_error(L, "%s: unknown field '%s' (a map takes geojson, data, key, value, geo_key, "
                       "projection, labels, title, caption, source, label, alt, aspect, format, "
                       "decimals, mono, legend)", what, k ? k : luaL_typename(L, -1));
    }
    const char *file = str_field(L, idx, "geojson", what, 1);
    const char *key = str_field(L, idx, "key", what, 1);
    const char *val = str_field(L, idx, "value", what, 1);
    const char *geo_key = str_field(L, idx, "geo_key", what, 0);
    const char *proj = str_field(L, idx, "projection", what, 0);
    const char *legend = str_field(L, idx, "legend", what, 0);
    const char *title = str_field(L, idx, "title", what, 0);
    if (proj && strcmp(proj, "equirectangular") && strcmp(proj, "mercator"))
        luaL_error(L, "%s: projection must be \"equirectangular\" or \"mercator\", not '%s'", what, proj);
    if (legend && strcmp(legend, "auto") && strcmp(legend, "none"))
        luaL_error(L, "%s: legend must be \"auto\" or \"none\" for a map, not '%s'", what, legend);
    /* the regions */
    const char *dirs[] = {api->brief_real, NULL};
    bc_file_roots roots = {dirs, "the brief folder"};
    char *path = bc_arena_printf(api->doc->arena, "%s/%s", api->brief_real, file);
    char *text = NULL;
    size_t len = 0;
    bc_error e;
    bc_geo *g = NULL;
    if (bc_file_read(path, file, BC_FILE_DATA, &roots, &text, &len, &e) != BC_OK)
        luaL_error(L, "%s", e.msg);
    bc_status st = bc_geo_parse(text, len, file, geo_key ? geo_key : "name", api->doc->arena, &g, &e);
    free(text);
    if (st != BC_OK) luaL_error(L, "%s", e.msg);
    for (int i = 0; i < g->n; i++)
        if (bc_utf8_check(g->f[i].name, strlen(g->f[i].name)) != (size_t)-1)
            luaL_error(L, "%s: region %d of %s has a name that is not valid UTF-8", what, i + 1, file);
    g->proj = proj && !strcmp(proj, "mercator") ? BC_PROJ_MERCATOR : BC_PROJ_EQUIRECT;
    lua_getfield(L, idx, "labels");
    g->labels = lua_toboolean(L, -1);
    lua_pop(L, 1);
    double *v = read_values(L, api, idx, g, key, val, file, what);
    /* the chart table s_chart reads */
    lua_createtable(L, 0, 12);
    int t = lua_gettop(L);
    lua_pushliteral(L, "map");
    lua_setfield(L, t, "kind");
    for (int i = 0; copy_keys[i]; i++) {
        lua_getfield(L, idx, copy_keys[i]);
        lua_setfield(L, t, copy_keys[i]);
    }
    if (legend && !strcmp(legend, "none")) {
        lua_pushliteral(L, "none");
        lua_setfield(L, t, "legend");
    }
    lua_createtable(L, g->n, 0);
    for (int i = 0; i < g->n; i++) {
        lua_pushstring(L, g->f[i].name);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, t, "categories");
    lua_createtable(L, 1, 0);
    lua_createtable(L, 0, 2);
    lua_pushstring(L, title ? title : val);
    lua_setfield(L, -2, "name");
    lua_createtable(L, g->n, 0);
    for (int i = 0; i < g->n; i++) {
        if (isnan(v[i])) continue;
        lua_pushnumber(L, v[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "values");
    lua_rawseti(L, -2, 1);
    lua_setfield(L, t, "series");
    lua_getfield(L, idx, "aspect");
    int has_aspect = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!has_aspect) { /* the regions' own shape, and room for the legend */
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        for (int i = 0; i < g->n; i++)
            for (int p = 0; p < g->f[i].npts; p++) {
                double X, Y;
                bc_geo_project(g, g->proj, g->f[i].pts[2 * p], g->f[i].pts[2 * p + 1], &X, &Y);
                x0 = fmin(x0, X), x1 = fmax(x1, X), y0 = fmin(y0, Y), y1 = fmax(y1, Y);
            }
        double asp = x1 > x0 ? (y1 - y0) / (x1 - x0) + 0.08 : 0.8;
        lua_pushnumber(L, fmin(fmax(asp, 0.2), 1.5));
        lua_setfield(L, t, "aspect");
    }
    lua_getfield(L, idx, "alt");
    int has_alt = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!has_alt) { /* written from the data */
        push_alt(L, idx, g, v, title ? title : val, key);
        lua_setfield(L, t, "alt");
    }
    lua_replace(L, idx);
    return g;
}
