/*
** api_data.c — ctx:csv and ctx:json: data files as Lua tables, with strict rows that name a
** missing column.
*/
#define _GNU_SOURCE
#include "lua/api_int.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "lua/brief.h"
#include "base/csv.h"
#include "base/suggest.h"

/*
** Strict rows. A row of ctx:csv (or an object in a ctx:json array of objects) answers nil for
** a column it has but left empty, and an error for a column it does not have, so r.Year
** where the column is year names the mistake instead of "attempt to compare number with
** nil" further on:
**   data/aid.csv has no column 'Year' (did you mean 'year'?); its columns are year, total
** Upvalues of row_index: the set of names, their list in order, the file, the noun.
*/
static int row_index(lua_State *L)
{
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 0; /* known, and empty here */
    const char *k = lua_tostring(L, 2);
    const char *noun = lua_tostring(L, lua_upvalueindex(4));
    int list = lua_upvalueindex(2);
    lua_Integer n = (lua_Integer)lua_rawlen(L, list);
    const char *best = NULL;
    int bd = 3;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        const char *c = lua_tostring(L, -1);
        int d = strcasecmp(c, k) ? bc_brief_distance(k, c) : 0;
        if (d < bd) {
            bd = d;
            best = c;
        }
        lua_pop(L, 1);
        if (i <= 40) {
            if (i > 1) luaL_addstring(&b, ", ");
            luaL_addstring(&b, c);
        } else if (i == 41) {
            luaL_addstring(&b, ", \xE2\x80\xA6");
        }
    }
    luaL_pushresult(&b);
    char msg[300];
    snprintf(msg, sizeof msg, "%s has no %s '%.60s'", lua_tostring(L, lua_upvalueindex(3)), noun,
             k);
    if (best)
        return luaL_error(L, "%s (did you mean '%s'?); its %ss are %s", msg, best, noun,
                          lua_tostring(L, -1));
    return luaL_error(L, "%s; its %ss are %s", msg, noun, lua_tostring(L, -1));
}

/* Gives every table in the list at rows the strict metatable for the names in the list at
   names (file and noun for the message). */
void bc_api_strict_rows(lua_State *L, int rows, int names, const char *file, const char *noun)
{
    rows = lua_absindex(L, rows);
    names = lua_absindex(L, names);
    lua_Integer n = (lua_Integer)lua_rawlen(L, names);
    lua_createtable(L, 0, 3);                                /* the metatable */
    lua_createtable(L, 0, (int)(n < 1 << 20 ? n : 1 << 20)); /* the set */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, names, i);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
    }
    lua_pushvalue(L, names);
    lua_pushstring(L, file);
    lua_pushstring(L, noun);
    lua_pushcclosure(L, row_index, 4);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable"); /* a plugin cannot take it off or change it */
    lua_Integer nr = (lua_Integer)lua_rawlen(L, rows);
    for (lua_Integer i = 1; i <= nr; i++) {
        if (lua_rawgeti(L, rows, i) == LUA_TTABLE) {
            lua_pushvalue(L, -2);
            lua_setmetatable(L, -2);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* luaL_error with the whole of printf's formats (luaL_error knows no precision: "%.60s"). */
static int csv_fail(lua_State *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int csv_fail(lua_State *L, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return luaL_error(L, "%s", msg);
}

/* The column types a plugin declared, as a Lua table at index types: checks every name
   against the header and every type against the three known; unknown ones raise with a
   suggestion. */
static void check_types(lua_State *L, int types, int header, int ncols, const char *rel)
{
    lua_createtable(L, 0, ncols);
    int set = lua_gettop(L);
    for (int i = 1; i <= ncols; i++) {
        lua_rawgeti(L, header, i);
        lua_pushboolean(L, 1);
        lua_rawset(L, set);
    }
    lua_pushnil(L);
    while (lua_next(L, types)) {
        if (lua_type(L, -2) != LUA_TSTRING) csv_fail(L, "csv: types: keys must be column names");
        const char *name = lua_tostring(L, -2), *t = lua_tostring(L, -1);
        if (lua_type(L, -1) != LUA_TSTRING ||
            (strcmp(t, "string") && strcmp(t, "integer") && strcmp(t, "number"))) {
            const char *known[] = {"string", "integer", "number", NULL};
            const char *best = lua_type(L, -1) == LUA_TSTRING ? bc_suggest(t, known) : NULL;
            csv_fail(L,
                     "csv: types: column '%.60s' has type '%.40s'%s%s%s; a type is \"string\", "
                     "\"integer\" or \"number\"",
                     name, lua_type(L, -1) == LUA_TSTRING ? t : luaL_typename(L, -1),
                     best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
        }
        lua_pushvalue(L, -2);
        int found = lua_rawget(L, set) != LUA_TNIL; /* a set: no columns × types loop */
        lua_pop(L, 1);
        if (!found) {
            const char *best = NULL;
            int bd = 3;
            for (int i = 1; i <= ncols; i++) {
                lua_rawgeti(L, header, i);
                const char *c = lua_tostring(L, -1);
                int d = strcasecmp(c, name) ? bc_brief_distance(name, c) : 0;
                if (d < bd) bd = d, best = c;
                lua_pop(L, 1);
            }
            if (best)
                csv_fail(L, "csv: types: %s has no column '%.60s' (did you mean '%s'?)", rel, name,
                         best);
            csv_fail(L, "csv: types: %s has no column '%.60s'", rel, name);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1); /* the set */
}

/* Pushes field f of column name (at the top of the stack) as its declared type (or, with
   none, a number when it is one without loss, else text). Raises file:line:column. */
static void push_field(lua_State *L, bc_csv *c, const bc_buf *f, int quoted, int types,
                       const char *rel)
{
    const char *type = NULL;
    if (types) {
        lua_pushvalue(L, -1);
        if (lua_rawget(L, types) == LUA_TSTRING) type = lua_tostring(L, -1);
        lua_pop(L, 1); /* a string in the types table stays alive */
    }
    size_t blank = 0; /* a declared number left blank, even quoted or in spaces, is missing */
    while (type && strcmp(type, "string") && blank < f->len &&
           isspace((unsigned char)f->data[blank]))
        blank++;
    if ((f->len == 0 && !quoted) || (type && strcmp(type, "string") && blank == f->len)) {
        lua_pushnil(L);
        return;
    }
    if (type && !strcmp(type, "string")) {
        lua_pushlstring(L, f->data, f->len);
        return;
    }
    if (type) {
        const char *why;
        long long iv = 0;
        double dv = 0;
        why = !strcmp(type, "integer") ? bc_csv_parse_integer(f->data, f->len, &iv)
                                       : bc_csv_parse_number(f->data, f->len, &dv);
        if (why)
            csv_fail(L, "%s:%d:%d: column '%.60s' is declared \"%s\", but '%.40s' %s", rel,
                     c->field_line, c->field_col, lua_tostring(L, -1), type, f->data, why);
        if (!strcmp(type, "integer"))
            lua_pushinteger(L, (lua_Integer)iv);
        else
            lua_pushnumber(L, dv);
        return;
    }
    if (!quoted && bc_csv_is_number(f->data, f->len)) {
        lua_stringtonumber(L, f->data);
        if (!isfinite(lua_tonumber(L, -1))) /* 1e999 reads as an infinity */
            csv_fail(L,
                     "%s:%d: column '%.60s': %.40s is too large for a number (quote it to keep it "
                     "as text)",
                     rel, c->row_line, lua_tostring(L, -2), f->data);
        return;
    }
    lua_pushlstring(L, f->data, f->len);
}

/* ctx:csv(path [, { types = {col = "string"|"integer"|"number"}, encoding = "utf-8"|
   "windows-1252"|"latin-1" }]) -> list of rows keyed by the header's column names; a column
   without a declared type is typed a number only when it is one without loss */
int bc_api_c_csv(lua_State *L)
{
    bc_api *api = bc_api_ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    int types = 0;
    const char *encoding = "utf-8";
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        static const char *const known[] = {"types", "encoding", NULL};
        bc_api_check_keys(L, 3, "csv", known);
        if (lua_getfield(L, 3, "types") != LUA_TNIL) {
            if (!lua_istable(L, -1)) luaL_error(L, "csv: types must be a table of column = type");
            types = lua_gettop(L);
        } else
            lua_pop(L, 1);
        if (lua_getfield(L, 3, "encoding") != LUA_TNIL) {
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "csv: encoding must be \"utf-8\", \"windows-1252\" or \"latin-1\"");
            encoding = lua_tostring(L, -1); /* kept on the stack */
        }
    }
    size_t len;
    const char *data = bc_api_read_confined_bytes(L, api, rel, &len);
    bc_error err;
    char *decoded;
    size_t dlen;
    if (bc_csv_decode(data, len, encoding, &decoded, &dlen, &err) != BC_OK) {
        if (err.line) luaL_error(L, "%s:%d: %s", rel, err.line, err.msg);
        luaL_error(L, "csv: %s", err.msg);
    }
    if (decoded) { /* into a Lua string, so an error below cannot leak it */
        lua_pushlstring(L, decoded, dlen);
        free(decoded);
        data = lua_tolstring(L, -1, &len);
    }
    bc_csv c;
    bc_csv_init(&c, data, len);
    c.literal_quotes = 1; /* 37°36'37.8"N reads as written */
    bc_buf *f = &api->scratch;
    int quoted, row_end, r;
    lua_newtable(L); /* header */
    int header = lua_gettop(L);
    int ncols = 0;
    while ((r = bc_csv_field(&c, f, &quoted, &row_end, &err)) == 1) {
        if (f->len == 0)
            luaL_error(L, "%s:%d: column %d has an empty name", rel, c.row_line, ncols + 1);
        lua_pushlstring(L, f->data, f->len);
        lua_rawseti(L, header, ++ncols);
        if (row_end) break;
    }
    if (r < 0) luaL_error(L, "%s:%d: %s", rel, err.line, err.msg);
    if (ncols == 0) luaL_error(L, "%s: the file is empty (a header row is required)", rel);
    if (types) check_types(L, types, header, ncols, rel);
    lua_newtable(L); /* rows */
    int rows = lua_gettop(L);
    int nrows = 0, col = 0;
    lua_createtable(L, 0, ncols); /* sized: growing a table field by field rehashes it */
    while ((r = bc_csv_field(&c, f, &quoted, &row_end, &err)) == 1) {
        if (col >= ncols)
            luaL_error(L, "%s:%d: row has more than the header's %d fields", rel, c.row_line,
                       ncols);
        lua_rawgeti(L, header, col + 1);
        push_field(L, &c, f, quoted, types, rel);
        lua_rawset(L, -3);
        col++;
        if (row_end) {
            if (col != ncols)
                luaL_error(L, "%s:%d: row has %d fields, the header has %d", rel, c.row_line, col,
                           ncols);
            lua_rawseti(L, rows, ++nrows);
            lua_createtable(L, 0, ncols);
            col = 0;
        }
    }
    if (r < 0) luaL_error(L, "%s:%d: %s", rel, err.line, err.msg);
    lua_pop(L, 1);
    /* rows.columns lists the header in order */
    lua_pushvalue(L, header);
    lua_setfield(L, rows, "columns");
    bc_api_strict_rows(L, rows, header, rel, "column");
    return 1;
}

/* Pushes a cJSON value as Lua: objects and arrays as tables, null as nil. */
static void push_json(lua_State *L, const cJSON *j, int depth, const char *key)
{
    if (depth > 200) luaL_error(L, "JSON nested deeper than 200 levels");
    luaL_checkstack(L, 8, "JSON");
    if (cJSON_IsObject(j)) {
        lua_createtable(L, 0, cJSON_GetArraySize(j));
        for (const cJSON *c = j->child; c; c = c->next) {
            push_json(L, c, depth + 1, c->string);
            lua_setfield(L, -2, c->string ? c->string : "");
        }
    } else if (cJSON_IsArray(j)) {
        int n = cJSON_GetArraySize(j), i = 0, objects = n > 0;
        lua_createtable(L, n, 1);
        for (const cJSON *c = j->child; c; c = c->next) {
            push_json(L, c, depth + 1, key);
            lua_rawseti(L, -2, ++i);
            objects &= cJSON_IsObject(c);
        }
        if (objects) { /* an array of objects is rows: the union of their keys are its fields */
            lua_newtable(L); /* names in order of first appearance */
            lua_newtable(L); /* seen */
            int k = 0;
            for (const cJSON *c = j->child; c; c = c->next)
                for (const cJSON *f = c->child; f; f = f->next) {
                    const char *name = f->string ? f->string : "";
                    if (lua_getfield(L, -1, name) == LUA_TNIL) {
                        lua_pushboolean(L, 1);
                        lua_setfield(L, -3, name);
                        lua_pushstring(L, name);
                        lua_rawseti(L, -4, ++k);
                    }
                    lua_pop(L, 1);
                }
            lua_pop(L, 1);
            bc_api_strict_rows(L, -2, -1, lua_tostring(L, 2), "field");
            lua_pop(L, 1);
        }
        lua_pushinteger(L, n); /* arrays keep their length, nulls included */
        lua_setfield(L, -2, "n");
    } else if (cJSON_IsString(j)) {
        lua_pushstring(L, j->valuestring);
    } else if (cJSON_IsNumber(j)) {
        double v = j->valuedouble;
        if (!isfinite(v)) /* 1e999 parses to an infinity */
            luaL_error(L, "%s: a number is too large for a double%s%s%s", lua_tostring(L, 2),
                       key ? " (key '" : "", key ? key : "", key ? "')" : "");
        if (v == floor(v) && fabs(v) < 9e15)
            lua_pushinteger(L, (lua_Integer)v);
        else
            lua_pushnumber(L, v);
    } else if (cJSON_IsBool(j)) {
        lua_pushboolean(L, cJSON_IsTrue(j));
    } else {
        lua_pushnil(L);
    }
}

/* json_to_lua(root, path): the path names the file in errors */
static int json_to_lua(lua_State *L)
{
    push_json(L, lua_touserdata(L, 1), 0, NULL);
    return 1;
}

/* ctx:json(path) -> the file's value; JSON null becomes nil, arrays carry n */
int bc_api_c_json(lua_State *L)
{
    bc_api *api = bc_api_ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    size_t len;
    const char *data = bc_api_read_confined(L, api, rel, &len);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (!root) {
        size_t off = end && end >= data ? (size_t)(end - data) : 0;
        int line = 1;
        size_t col = 1;
        for (size_t i = 0; i < off && i < len; i++) {
            if (data[i] == '\n') {
                line++;
                col = 1;
            } else
                col++;
        }
        return luaL_error(L, "%s:%d: invalid JSON at column %d (byte %d)", rel, line, (int)col,
                          (int)off);
    }
    /* Convert under protection so the tree is freed whatever happens. */
    lua_pushcfunction(L, json_to_lua);
    lua_pushlightuserdata(L, root);
    lua_pushstring(L, rel);
    int st = lua_pcall(L, 2, 1, 0);
    cJSON_Delete(root);
    if (st != LUA_OK) { /* raised inside the conversion: give it the plugin's line */
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return 1;
}
