/*
** api_map.c — s:chart{kind = "map", geo = "data/pakistan.geojson" (or .topojson; geojson = is
**             the same) | map = "world", object =, regions = {names}, extent = {lon0, lat0,
**             lon1, lat1}, data = rows, key = "province", value = "aid", geo_key = "name",
**             projection = "equirectangular" | "mercator" | "natural-earth" | "albers" |
**             "orthographic", centre = {lon, lat}, parallels = {south, north}, breaks = "equal" |
**             "quantile" | "jenks" | {edges}, classes = n, highlight = name | {names},
**             points = {{name =, lon =, lat =, capital =}}, labels = true, title = "the value's
**             name in the legend", caption =, source =, label =, alt =, aspect =, format =,
**             decimals =, mono =, legend = "auto" | "none"}
**
** A choropleth: each row of data names a region (row[key], matched to the property geo_key,
** "name" by default) and gives its value (row[value]: a number, a numeric string as CSV gives,
** or nil / "" for none). Regions without a row show "no data". Without data it is a locator
** map: regions neutral, the highlighted ones in the accent. map = "world" is the shipped
** Natural Earth countries (geo/ in briefc's data folder, named in English, geo_key "name" or
** "id" for ISO 3166 numeric codes); regions keeps only the named ones, extent frames a part of
** the world and cuts the rest at the frame. A file is read through the file door like every
** data file and parsed by geo.c under caps. The table is then
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
#include "base/home.h"
#include "base/suggest.h"
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
                   required && lua_isnil(L, -1) ? "it is required for a map"
                                                : luaL_typename(L, -1));
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
            snprintf(m, sizeof m, "%s: data row %d: %s is '%.40s', not a number", what, row, col,
                     s);
            luaL_error(L, "%s", m);
        }
    } else {
        luaL_error(L, "%s: data row %d: %s must be a number, got %s", what, row, col,
                   luaL_typename(L, -1));
    }
    if (!isfinite(*v) || fabs(*v) > 1e15)
        luaL_error(L, "%s: data row %d: %s must be a finite number of at most 15 digits", what, row,
                   col);
    return 1;
}

static const char *copy_keys[] = {"caption", "source",   "label", "alt", "aspect",
                                  "format",  "decimals", "mono",  NULL};

/* The value of each region (NAN: none) from the rows of data, each naming its region. */
static double *read_values(lua_State *L, bc_api *api, int idx, const bc_geo *g, const char *key,
                           const char *val, const char *file, const char *what)
{
    double *v = bc_arena_alloc(api->doc->arena, (size_t)g->n * sizeof *v);
    for (int i = 0; i < g->n; i++) v[i] = NAN;
    unsigned char *seen = bc_arena_alloc(api->doc->arena, (size_t)g->n);
    lua_getfield(L, idx, "data");
    if (!lua_istable(L, -1))
        luaL_error(L, "%s: data must be a list of rows (as ctx:csv gives), got %s", what,
                   luaL_typename(L, -1));
    int data = lua_gettop(L);
    lua_Integer nrows = (lua_Integer)lua_rawlen(L, data);
    if (nrows > BC_GEO_MAX_FEATURES)
        luaL_error(L, "%s: more than %d data rows", what, BC_GEO_MAX_FEATURES);
    for (lua_Integer r = 1; r <= nrows; r++) {
        if (lua_rawgeti(L, data, r) != LUA_TTABLE)
            luaL_error(L, "%s: data row %d must be a table", what, (int)r);
        lua_getfield(L, -1, key);
        const char *name = NULL;
        if (lua_type(L, -1) == LUA_TSTRING)
            name = lua_tostring(L, -1);
        else if (lua_type(L, -1) == LUA_TNUMBER)
            name = lua_tostring(L, -1); /* converts in place */
        if (!name) luaL_error(L, "%s: data row %d has no %s to name its region", what, (int)r, key);
        int i = bc_geo_find(g, name);
        if (i < 0) {
            char list[400] = "";
            size_t o = 0;
            for (int k = 0; k < g->n && o < sizeof list - 80; k++)
                o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", k ? ", " : "",
                                      g->f[k].name);
            char m[800];
            snprintf(m, sizeof m,
                     "%s: data row %d: '%.60s' is not a region of %s (its regions: %s%s)", what,
                     (int)r, name, file, list, o >= sizeof list - 80 ? ", …" : "");
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
    lua_pushfstring(L, "Map%s%s: %s by %s across %d regions", cap ? ", " : "", cap ? cap : "", name,
                    key, g->n);
    luaL_addvalue(&b);
    int hi = -1, lo = -1, none = 0;
    for (int i = 0; i < g->n; i++) {
        if (isnan(v[i])) {
            none++;
            continue;
        }
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
                if (k > 12) {
                    luaL_addstring(&b, "others");
                    break;
                }
                luaL_addstring(&b, g->f[i].name);
            }
    }
    luaL_pushresult(&b);
}

static const char *const map_keys[] = {
    "kind",   "geojson", "geo",     "map",        "object",    "regions", "extent",    "data",
    "key",    "value",   "geo_key", "projection", "breaks",    "classes", "highlight", "points",
    "labels", "caption", "source",  "label",      "alt",       "aspect",  "format",    "decimals",
    "mono",   "legend",  "title",   "centre",     "parallels", NULL};

static void check_keys(lua_State *L, int idx, const char *what)
{
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int ok = 0;
        for (int i = 0; k && map_keys[i]; i++) ok |= !strcmp(k, map_keys[i]);
        if (!ok) {
            const char *near = k ? bc_suggest(k, map_keys) : NULL;
            char m[600];
            snprintf(m, sizeof m,
                     "%s: unknown field '%.60s'%s%s%s (a map takes geo or map, object, "
                     "regions, extent, data, key, value, geo_key, projection, breaks, classes, "
                     "highlight, points, labels, title, caption, source, label, alt, aspect, "
                     "format, decimals, mono, legend, centre, parallels)",
                     what, k ? k : luaL_typename(L, -1), near ? "; did you mean '" : "",
                     near ? near : "", near ? "'?" : "");
            luaL_error(L, "%s", m);
        }
    }
}

/* Reads the regions: the shipped world or a file of the brief, through the file door. */
static bc_geo *read_regions(lua_State *L, bc_api *api, int idx, const char *what,
                            const char **shown)
{
    const char *file = str_field(L, idx, "geo", what, 0);
    const char *alias = str_field(L, idx, "geojson", what, 0);
    const char *map = str_field(L, idx, "map", what, 0);
    const char *geo_key = str_field(L, idx, "geo_key", what, 0);
    const char *object = str_field(L, idx, "object", what, 0);
    if (!file) file = alias;
    if ((file != NULL) + (map != NULL) != 1)
        luaL_error(L,
                   "%s: give the regions as geo = \"data/<file>.geojson\" (or .topojson) or as "
                   "map = \"world\"%s",
                   what, file ? ", not both" : "");
    if (map && strcmp(map, "world"))
        luaL_error(L,
                   "%s: map must be \"world\" (the shipped Natural Earth countries), not '%s'; "
                   "for other regions give geo = \"data/<file>.geojson\"",
                   what, map);
    const char *dir =
        map ? bc_arena_printf(api->doc->arena, "%s/geo", bc_home_dir()) : api->brief_real;
    const char *dirs[] = {dir, NULL};
    bc_file_roots roots = {dirs, map ? "briefc's geo folder" : "the brief folder"};
    *shown = map ? "world (Natural Earth, 1:50m)" : file;
    char *path = bc_arena_printf(api->doc->arena, "%s/%s", dir, map ? "world-50m.topojson" : file);
    char *text = NULL;
    size_t len = 0;
    bc_error e;
    bc_geo *g = NULL;
    if (bc_file_read(path, map ? "world-50m.topojson" : file, BC_FILE_DATA, &roots, &text, &len,
                     &e) != BC_OK)
        luaL_error(L, "%s", e.msg);
    bc_status st = bc_geo_parse_cached(text, len, map ? "world-50m.topojson" : file,
                                       geo_key ? geo_key : "name", object, api->doc->arena, &g, &e);
    free(text);
    if (st != BC_OK) luaL_error(L, "%s", e.msg);
    for (int i = 0; i < g->n; i++)
        if (bc_utf8_check(g->f[i].name, strlen(g->f[i].name)) != (size_t)-1)
            luaL_error(L, "%s: region %d of %s has a name that is not valid UTF-8", what, i + 1,
                       *shown);
    return g;
}

/* Raises the error for a region name that g lacks, with the nearest one. */
static void no_region(lua_State *L, const bc_geo *g, const char *what, const char *field,
                      const char *name, const char *shown)
{
    const char **names = malloc((size_t)(g->n + 1) * sizeof *names);
    const char *near = NULL;
    if (names) {
        for (int i = 0; i < g->n; i++) names[i] = g->f[i].name;
        names[g->n] = NULL;
        near = bc_suggest(name, (const char *const *)names);
    }
    char m[600];
    snprintf(m, sizeof m, "%s: %s: '%.60s' is not a region of %s%s%.60s%s", what, field, name,
             shown, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    free(names);
    luaL_error(L, "%s", m);
}

/* A list of region names (or one name) at field k: calls fn for each. */
static void each_name(lua_State *L, int idx, const char *k, const char *what,
                      void (*fn)(lua_State *, bc_geo *, const char *, const char *, const char *),
                      bc_geo *g, const char *shown)
{
    lua_getfield(L, idx, k);
    if (lua_type(L, -1) == LUA_TSTRING) {
        fn(L, g, lua_tostring(L, -1), what, shown);
    } else if (lua_istable(L, -1)) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        if (n > BC_GEO_MAX_FEATURES)
            luaL_error(L, "%s: %s names more than %d regions", what, k, BC_GEO_MAX_FEATURES);
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
                luaL_error(L, "%s: %s[%d] must be a region's name", what, k, (int)i);
            fn(L, g, lua_tostring(L, -1), what, shown);
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        luaL_error(L, "%s: %s must be a region's name or a list of them, got %s", what, k,
                   luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

static void mark_kept(lua_State *L, bc_geo *g, const char *name, const char *what,
                      const char *shown)
{
    int i = bc_geo_find(g, name);
    if (i < 0) no_region(L, g, what, "regions", name, shown);
    g->f[i].highlight |= 2; /* kept; 1 stays the highlight */
}

static void mark_highlight(lua_State *L, bc_geo *g, const char *name, const char *what,
                           const char *shown)
{
    int i = bc_geo_find(g, name);
    if (i < 0) no_region(L, g, what, "highlight", name, shown);
    g->f[i].highlight |= 1;
}

/* regions = {…}: only the named regions stay, in the file's order, and the bounds shrink. */
static void keep_regions(lua_State *L, int idx, bc_geo *g, const char *what, const char *shown)
{
    lua_getfield(L, idx, "regions");
    int has = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!has) return;
    each_name(L, idx, "regions", what, mark_kept, g, shown);
    int o = 0;
    g->lon0 = g->lat0 = HUGE_VAL;
    g->lon1 = g->lat1 = -HUGE_VAL;
    for (int i = 0; i < g->n; i++) {
        if (!(g->f[i].highlight & 2)) continue;
        g->f[o] = g->f[i];
        g->f[o].highlight = 0;
        g->lon0 = fmin(g->lon0, g->f[o].lon0), g->lon1 = fmax(g->lon1, g->f[o].lon1);
        g->lat0 = fmin(g->lat0, g->f[o].lat0), g->lat1 = fmax(g->lat1, g->f[o].lat1);
        o++;
    }
    g->n = o;
}

static double num_at(lua_State *L, int t, int i, const char *what, const char *field)
{
    lua_rawgeti(L, t, i);
    int ok;
    double v = lua_tonumberx(L, -1, &ok);
    lua_pop(L, 1);
    if (!ok || !isfinite(v)) luaL_error(L, "%s: %s[%d] must be a number", what, field, i);
    return v;
}

/* extent = {lon0, lat0, lon1, lat1} */
static void read_extent(lua_State *L, int idx, bc_geo *g, const char *what)
{
    lua_getfield(L, idx, "extent");
    if (!lua_isnil(L, -1)) {
        if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 4)
            luaL_error(L, "%s: extent must be {west, south, east, north} in degrees", what);
        for (int i = 0; i < 4; i++) g->ext[i] = num_at(L, lua_gettop(L), i + 1, what, "extent");
        if (!(g->ext[0] >= -180 && g->ext[2] <= 180 && g->ext[0] < g->ext[2] && g->ext[1] >= -90 &&
              g->ext[3] <= 90 && g->ext[1] < g->ext[3]))
            luaL_error(L,
                       "%s: extent must be {west, south, east, north} with -180 <= west < east "
                       "<= 180 and -90 <= south < north <= 90",
                       what);
        g->has_extent = 1;
    }
    lua_pop(L, 1);
}

/* points = {{name =, lon =, lat =, capital =}, …} */
static void read_points(lua_State *L, int idx, bc_geo *g, bc_arena *a, const char *what)
{
    lua_getfield(L, idx, "points");
    if (!lua_isnil(L, -1)) {
        if (!lua_istable(L, -1))
            luaL_error(L, "%s: points must be a list of {name =, lon =, lat =}", what);
        int t = lua_gettop(L), n = (int)lua_rawlen(L, t);
        if (n > BC_GEO_MAX_MARKS) luaL_error(L, "%s: more than %d points", what, BC_GEO_MAX_MARKS);
        g->marks = bc_arena_alloc(a, (size_t)(n ? n : 1) * sizeof *g->marks);
        for (int i = 1; i <= n; i++) {
            if (lua_rawgeti(L, t, i) != LUA_TTABLE)
                luaL_error(L, "%s: points[%d] must be {name =, lon =, lat =}", what, i);
            bc_geo_mark *m = &g->marks[g->nmarks++];
            lua_getfield(L, -1, "name");
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "%s: points[%d] needs a name", what, i);
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            if (len > 200 || bc_utf8_check(s, len) != (size_t)-1)
                luaL_error(L, "%s: points[%d]'s name must be valid UTF-8 of at most 200 bytes",
                           what, i);
            m->name = bc_arena_strdup(a, s);
            lua_pop(L, 1);
            lua_getfield(L, -1, "lon");
            lua_getfield(L, -2, "lat");
            int ok1, ok2;
            m->lon = lua_tonumberx(L, -2, &ok1), m->lat = lua_tonumberx(L, -1, &ok2);
            if (!ok1 || !ok2 || !(fabs(m->lon) <= 180) || !(fabs(m->lat) <= 90))
                luaL_error(L, "%s: points[%d] ('%s') needs lon in -180..180 and lat in -90..90",
                           what, i, m->name);
            lua_pop(L, 2);
            lua_getfield(L, -1, "capital");
            m->capital = lua_toboolean(L, -1);
            lua_pop(L, 2);
        }
    }
    lua_pop(L, 1);
}

/* centre = {lon, lat} (orthographic's point of view, Albers' central meridian) and
   parallels = {south, north} (Albers' standard parallels), each checked for its projection */
static void read_view(lua_State *L, int idx, bc_geo *g, const char *what)
{
    lua_getfield(L, idx, "centre");
    if (!lua_isnil(L, -1)) {
        if (g->proj != BC_PROJ_ORTHO && g->proj != BC_PROJ_ALBERS)
            luaL_error(L, "%s: centre is for projection = \"orthographic\" or \"albers\"", what);
        if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 2)
            luaL_error(L, "%s: centre must be {longitude, latitude} in degrees", what);
        for (int i = 0; i < 2; i++) g->centre[i] = num_at(L, lua_gettop(L), i + 1, what, "centre");
        if (fabs(g->centre[0]) > 180 || fabs(g->centre[1]) > 90)
            luaL_error(L,
                       "%s: centre must be {longitude, latitude} with -180 <= longitude <= 180 "
                       "and -90 <= latitude <= 90",
                       what);
        g->has_centre = 1;
    }
    lua_pop(L, 1);
    lua_getfield(L, idx, "parallels");
    if (!lua_isnil(L, -1)) {
        if (g->proj != BC_PROJ_ALBERS)
            luaL_error(L, "%s: parallels are for projection = \"albers\"", what);
        if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 2)
            luaL_error(L, "%s: parallels must be {south, north} in degrees", what);
        for (int i = 0; i < 2; i++)
            g->parallels[i] = num_at(L, lua_gettop(L), i + 1, what, "parallels");
        if (!(g->parallels[0] >= -89 && g->parallels[0] < g->parallels[1] && g->parallels[1] <= 89))
            luaL_error(L, "%s: parallels must be {south, north} with -89 <= south < north <= 89",
                       what);
        g->has_parallels = 1;
    }
    lua_pop(L, 1);
}

/* projection, breaks, classes, labels */
static void read_style(lua_State *L, int idx, bc_geo *g, const char *what)
{
    static const char *const projs[] = {"equirectangular", "mercator",     "natural-earth",
                                        "albers",          "orthographic", NULL};
    const char *proj = str_field(L, idx, "projection", what, 0);
    int pi = 0;
    while (proj && projs[pi] && strcmp(proj, projs[pi])) pi++;
    if (proj && !projs[pi])
        luaL_error(L,
                   "%s: projection must be \"equirectangular\", \"mercator\", \"natural-earth\", "
                   "\"albers\" or \"orthographic\", not '%s'",
                   what, proj);
    static const bc_geo_proj kinds[] = {BC_PROJ_EQUIRECT, BC_PROJ_MERCATOR, BC_PROJ_NATURAL_EARTH,
                                        BC_PROJ_ALBERS, BC_PROJ_ORTHO};
    g->proj = kinds[proj ? pi : 0];
    read_view(L, idx, g, what);
    lua_getfield(L, idx, "labels");
    g->labels = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, idx, "classes");
    if (!lua_isnil(L, -1)) {
        int ok;
        lua_Integer k = lua_tointegerx(L, -1, &ok);
        if (!ok || k < 1 || k > BC_GEO_MAX_CLASSES)
            luaL_error(L, "%s: classes must be a whole number from 1 to %d", what,
                       BC_GEO_MAX_CLASSES);
        g->nclasses = (int)k;
    }
    lua_pop(L, 1);
    lua_getfield(L, idx, "breaks");
    if (lua_istable(L, -1)) {
        int t = lua_gettop(L), n = (int)lua_rawlen(L, t);
        if (n < 2 || n > BC_GEO_MAX_CLASSES + 1)
            luaL_error(L, "%s: breaks as a list needs 2 to %d ascending edges", what,
                       BC_GEO_MAX_CLASSES + 1);
        for (int i = 0; i < n; i++) {
            g->given[i] = num_at(L, t, i + 1, what, "breaks");
            if (i && !(g->given[i] > g->given[i - 1]))
                luaL_error(L, "%s: breaks must ascend: breaks[%d] is not above breaks[%d]", what,
                           i + 1, i);
        }
        g->ngiven = n;
        g->breaks = BC_BREAKS_GIVEN;
    } else if (lua_type(L, -1) == LUA_TSTRING) {
        const char *b = lua_tostring(L, -1);
        if (!strcmp(b, "equal"))
            g->breaks = BC_BREAKS_EQUAL;
        else if (!strcmp(b, "quantile"))
            g->breaks = BC_BREAKS_QUANTILE;
        else if (!strcmp(b, "jenks"))
            g->breaks = BC_BREAKS_JENKS;
        else
            luaL_error(L,
                       "%s: breaks must be \"equal\", \"quantile\", \"jenks\" or a list of edges, "
                       "not '%s'",
                       what, b);
    } else if (!lua_isnil(L, -1)) {
        luaL_error(L, "%s: breaks must be \"equal\", \"quantile\", \"jenks\" or a list of edges",
                   what);
    }
    lua_pop(L, 1);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Pushes the alt text of a locator map: the highlighted regions, the others shown (named when
   at most 15, in alphabetical order) and the points. */
static void push_locator_alt(lua_State *L, int idx, const bc_geo *g)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_getfield(L, idx, "caption");
    const char *cap = lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    lua_pushfstring(L, "Map%s%s: ", cap ? ", " : "", cap ? cap : "");
    luaL_addvalue(&b);
    const char **lit = malloc((size_t)(g->n + 1) * sizeof *lit),
               **rest = malloc((size_t)(g->n + 1) * sizeof *rest);
    if (!lit || !rest) {
        free(lit), free(rest);
        luaL_error(L, "out of memory");
    }
    int nl = 0, nr = 0;
    for (int i = 0; i < g->n; i++)
        if (bc_geo_shown(g, i)) {
            if (g->f[i].highlight)
                lit[nl++] = g->f[i].name;
            else
                rest[nr++] = g->f[i].name;
        }
    qsort(lit, (size_t)nl, sizeof *lit, by_name);
    qsort(rest, (size_t)nr, sizeof *rest, by_name);
    for (int i = 0; i < nl && i < 15; i++) {
        luaL_addstring(&b, i ? (i == nl - 1 ? " and " : ", ") : "");
        luaL_addstring(&b, lit[i]);
    }
    if (nl) luaL_addstring(&b, " highlighted");
    if (nr > 15 || (nr && nl > 15)) {
        lua_pushfstring(L, "%s%d regions shown", nl ? " among " : "", nl + nr);
        luaL_addvalue(&b);
    } else {
        for (int i = 0; i < nr; i++) {
            luaL_addstring(&b, i ? ", " : nl ? "; also shown: " : "regions shown: ");
            luaL_addstring(&b, rest[i]);
        }
    }
    free(lit), free(rest);
    for (int i = 0; i < g->nmarks && i < 40; i++) {
        luaL_addstring(&b, i ? ", " : "; places marked: ");
        luaL_addstring(&b, g->marks[i].name);
    }
    luaL_pushresult(&b);
}

/* The chart table s_chart reads: categories the regions, one series their values. */
static void push_chart(lua_State *L, int idx, const bc_geo *g, const double *v, const char *title,
                       const char *legend)
{
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
    lua_pushstring(L, title);
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
}

/* The aspect of the regions' own shape (or of the extent), with room for the legend. */
static double natural_aspect(const bc_geo *g)
{
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL, X, Y;
    if (g->has_extent) {
        for (int i = 0; i <= 16; i++)
            for (int s = 0; s < 4; s++) {
                double t = i / 16.0;
                double lon =
                    s < 2 ? g->ext[0] + (g->ext[2] - g->ext[0]) * t : g->ext[s == 2 ? 0 : 2];
                double lat =
                    s < 2 ? g->ext[s == 0 ? 1 : 3] : g->ext[1] + (g->ext[3] - g->ext[1]) * t;
                bc_geo_project(g, g->proj, lon, lat, &X, &Y);
                x0 = fmin(x0, X), x1 = fmax(x1, X), y0 = fmin(y0, Y), y1 = fmax(y1, Y);
            }
    } else {
        for (int i = 0; i < g->n; i++)
            for (int p = 0; p < g->f[i].npts; p++) {
                bc_geo_project(g, g->proj, g->f[i].pts[2 * p], g->f[i].pts[2 * p + 1], &X, &Y);
                x0 = fmin(x0, X), x1 = fmax(x1, X), y0 = fmin(y0, Y), y1 = fmax(y1, Y);
            }
    }
    double asp = x1 > x0 ? (y1 - y0) / (x1 - x0) + (g->locator ? 0 : 0.08) : 0.8;
    return fmin(fmax(asp, 0.2), 1.5);
}

const struct bc_geo *bc_api_map_prepare(lua_State *L, bc_api *api, int idx)
{
    idx = lua_absindex(L, idx);
    lua_getfield(L, idx, "caption");
    char what[120];
    snprintf(what, sizeof what, "map '%.80s'",
             lua_isstring(L, -1) ? lua_tostring(L, -1) : "(no caption)");
    lua_pop(L, 1);
    check_keys(L, idx, what);
    lua_getfield(L, idx, "data");
    int has_data = !lua_isnil(L, -1);
    lua_pop(L, 1);
    const char *key = str_field(L, idx, "key", what, has_data);
    const char *val = str_field(L, idx, "value", what, has_data);
    const char *legend = str_field(L, idx, "legend", what, 0);
    const char *title = str_field(L, idx, "title", what, 0);
    if (!has_data && (key || val))
        luaL_error(L, "%s: key and value name columns of data, which is missing", what);
    if (legend && strcmp(legend, "auto") && strcmp(legend, "none"))
        luaL_error(L, "%s: legend must be \"auto\" or \"none\" for a map, not '%s'", what, legend);
    const char *shown;
    bc_geo *g = read_regions(L, api, idx, what, &shown);
    keep_regions(L, idx, g, what, shown);
    each_name(L, idx, "highlight", what, mark_highlight, g, shown);
    read_extent(L, idx, g, what);
    read_points(L, idx, g, api->doc->arena, what);
    read_style(L, idx, g, what);
    g->locator = !has_data;
    double *v;
    if (has_data) {
        v = read_values(L, api, idx, g, key, val, shown, what);
    } else {
        v = bc_arena_alloc(api->doc->arena, (size_t)g->n * sizeof *v);
        for (int i = 0; i < g->n; i++) v[i] = NAN;
    }
    push_chart(L, idx, g, v, title ? title : val ? val : "", legend);
    int t = lua_gettop(L);
    lua_getfield(L, idx, "aspect");
    int has_aspect = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!has_aspect) {
        lua_pushnumber(L, natural_aspect(g));
        lua_setfield(L, t, "aspect");
    }
    lua_getfield(L, idx, "alt");
    int has_alt = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!has_alt) { /* written from the data */
        if (has_data)
            push_alt(L, idx, g, v, title ? title : val, key);
        else
            push_locator_alt(L, idx, g);
        lua_setfield(L, t, "alt");
    }
    lua_replace(L, idx);
    return g;
}
