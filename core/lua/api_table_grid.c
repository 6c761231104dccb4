/*
** api_table_grid.c — s:table's grid (api_table_grid.h): a cell written as a table spans
** columns and rows ({"Aid, $ m", colspan = 3}), `headers` adds column-header rows above the
** column titles, a row {group = "South Asia"} heads a row group and {…, subtotal = true}
** closes one. The plugin's rows are rewritten into plain rows of ncols values each, so the
** cell reading of s:table (numbers, decimals, alignment, markup) stays one code path.
**
** Lua binding layer: errors are raised with luaL_error at the plugin's line; everything
** allocated goes to the document's arena.
*/
#include "lua/api_table_grid.h"

#include <string.h>

#include <lauxlib.h>

#include "lua/num.h"

#define GRID_HEAD_MAX 8      /* header rows above the column titles */
#define GRID_ROWSPAN_MAX 255 /* rows one cell spans (tags store a byte) */

typedef struct grid {
    lua_State *L;
    bc_table *t;
    int nc, nhead, nr, ng;
    int until[64]; /* per column: the last grid row a cell spanning rows covers */
} grid;

static const char *row_name(const grid *G, int g, char *buf, size_t cap)
{
    if (g < G->nhead)
        snprintf(buf, cap, "header row %d", g + 1);
    else
        snprintf(buf, cap, "row %d", g - G->nhead);
    return buf;
}

/* Whether any entry of the list at idx (rows of cells) asks for the grid: a cell written as
   a table, or a row heading a group or closing one. */
static int wants_grid(lua_State *L, int idx, int n)
{
    int want = 0;
    for (int r = 1; r <= n && !want; r++) {
        if (lua_rawgeti(L, idx, r) == LUA_TTABLE) {
            int row = lua_gettop(L);
            lua_getfield(L, row, "group");
            lua_getfield(L, row, "subtotal");
            want = !lua_isnil(L, -1) || !lua_isnil(L, -2);
            lua_pop(L, 2);
            int len = (int)lua_rawlen(L, row);
            for (int c = 1; c <= len && c <= 64 && !want; c++) {
                want = lua_rawgeti(L, row, c) == LUA_TTABLE;
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    return want;
}

/* A cell written as a table at the top of the stack: replaced by its value; its span read. */
static bc_span cell_span(grid *G, int g, int c, int rows_left)
{
    lua_State *L = G->L;
    int cell = lua_gettop(L);
    char rn[32], what[64];
    row_name(G, g, rn, sizeof rn);
    snprintf(what, sizeof what, "s:table: %s, cell %d", rn, c + 1);
    lua_pushnil(L);
    while (lua_next(L, cell)) {
        lua_pop(L, 1);
        int ok = lua_type(L, -1) == LUA_TSTRING ? !strcmp(lua_tostring(L, -1), "colspan") ||
                                                      !strcmp(lua_tostring(L, -1), "rowspan")
                                                : lua_isinteger(L, -1) && lua_tointeger(L, -1) == 1;
        if (!ok)
            luaL_error(L,
                       "%s: a cell written as a table holds its text first and may have "
                       "colspan and rowspan, nothing else (got key %s)",
                       what,
                       lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1));
    }
    bc_span sp;
    sp.cols = (unsigned char)bc_num_fieldint(L, cell, "colspan", what, 1, 1, 64);
    sp.rows = (unsigned char)bc_num_fieldint(L, cell, "rowspan", what, 1, 1, GRID_ROWSPAN_MAX);
    if (c + sp.cols > G->nc)
        luaL_error(L, "%s: colspan = %d goes past the table's %d columns; make it %d at most", what,
                   sp.cols, G->nc, G->nc - c);
    if (sp.rows > rows_left)
        luaL_error(L, "%s: rowspan = %d goes past the last %s; make it %d at most", what, sp.rows,
                   g < G->nhead ? "header row" : "row", rows_left);
    for (int k = c; k < c + sp.cols; k++)
        if (G->until[k] >= g)
            luaL_error(L,
                       "%s: its colspan runs into column %d, which a cell of a row above "
                       "spans; make the spans meet without overlapping",
                       what, k + 1);
    lua_rawgeti(L, cell, 1);
    lua_replace(L, cell);
    return sp;
}

/* Fills out (the plain row at the top of the stack) from the plugin's row src (0: none, the
   column titles), setting the grid row's spans when the table has them. */
static void fill_row(grid *G, int g, int src, int rows_left)
{
    lua_State *L = G->L;
    bc_table *t = G->t;
    int out = lua_gettop(L), nc = G->nc;
    bc_span *sp = t->spans ? &t->spans[(size_t)g * (size_t)nc] : NULL;
    int len = src ? (int)lua_rawlen(L, src) : 0, k = 1;
    char rn[32];
    row_name(G, g, rn, sizeof rn);
    for (int c = 0; c < nc; c++) {
        if (G->until[c] >= g) { /* under a cell spanning rows */
            lua_pushliteral(L, "");
            lua_rawseti(L, out, c + 1);
            continue;
        }
        if (sp) sp[c] = (bc_span){1, 1};
        if (!src) continue;
        int ty = lua_rawgeti(L, src, k++);
        if (ty == LUA_TTABLE) {
            bc_span s = cell_span(G, g, c, rows_left);
            if (sp) sp[c] = s;
            for (int e = c; e < c + s.cols; e++)
                if (s.rows > 1) G->until[e] = g + s.rows - 1;
            lua_rawseti(L, out, c + 1);
            for (int e = c + 1; e < c + s.cols; e++) {
                if (sp) sp[e] = (bc_span){0, 0};
                lua_pushliteral(L, "");
                lua_rawseti(L, out, e + 1);
            }
            c += s.cols - 1;
            continue;
        }
        lua_rawseti(L, out, c + 1);
    }
    if (k - 1 < len && !t->spans)
        luaL_error(L, "%s has %d cells but the table has %d columns", rn, len, nc);
    if (k - 1 < len)
        luaL_error(L,
                   "%s has %d cells but the table has %d columns (counting the columns "
                   "cells span, and cells of rows above that span into it)",
                   rn, len, nc);
}

/* A body row heading a group: its text across the table, nothing spanning into it. */
static void group_row(grid *G, int g, int src)
{
    lua_State *L = G->L;
    int out = lua_gettop(L);
    char rn[32];
    row_name(G, g, rn, sizeof rn);
    for (int c = 0; c < G->nc; c++)
        if (G->until[c] >= g)
            luaL_error(L,
                       "%s heads a group, but a cell of a row above spans into it; end the "
                       "rowspan before the group",
                       rn);
    if (lua_rawlen(L, src) > 0)
        luaL_error(L, "%s heads a group: give its text as group = \"...\" and no cells", rn);
    lua_getfield(L, src, "group");
    if (!lua_isstring(L, -1))
        luaL_error(L, "%s: group must be the group's heading text, got %s", rn,
                   luaL_typename(L, -1));
    lua_rawseti(L, out, 1);
    for (int c = 1; c < G->nc; c++) {
        lua_pushliteral(L, "");
        lua_rawseti(L, out, c + 1);
    }
    bc_span *sp = &G->t->spans[(size_t)g * (size_t)G->nc];
    sp[0] = (bc_span){(unsigned char)G->nc, 1};
    for (int c = 1; c < G->nc; c++) sp[c] = (bc_span){0, 0};
    G->t->row_kind[g - G->nhead - 1] = BC_ROW_GROUP;
}

/* Copies the string-keyed fields of the row at src (strong, and whatever s:table checks) to
   the plain row at the top of the stack. */
static void copy_fields(lua_State *L, int src)
{
    int out = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        if (lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), "group")) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, out);
        } else {
            lua_pop(L, 1);
        }
    }
}

static void read_style(lua_State *L, bc_table *t, int idx)
{
    lua_getfield(L, idx, "style");
    const char *s = lua_tostring(L, -1);
    if (s && !strcmp(s, "booktabs"))
        t->style = 'b';
    else if (s && !strcmp(s, "ruled"))
        t->style = 'r';
    else if (!lua_isnil(L, -1))
        luaL_error(L, "s:table: style must be \"ruled\" or \"booktabs\", not '%s'",
                   s ? s : luaL_typename(L, -1));
    lua_getfield(L, idx, "width");
    s = lua_tostring(L, -1);
    if (s && !strcmp(s, "full"))
        t->full = 1;
    else if (!(s && !strcmp(s, "auto")) && !lua_isnil(L, -1))
        luaL_error(L,
                   "s:table: width must be \"full\" (the whole measure) or \"auto\" (the "
                   "content's width when it is narrow), not '%s'",
                   s ? s : luaL_typename(L, -1));
    lua_pop(L, 2);
}

int bc_api_table_grid(lua_State *L, bc_arena *a, bc_table *t, int idx)
{
    grid G = {.L = L, .t = t, .nc = t->ncols};
    idx = lua_absindex(L, idx);
    read_style(L, t, idx);
    lua_getfield(L, idx, "headers");
    int heads = lua_gettop(L);
    if (!lua_isnil(L, heads) && !lua_istable(L, heads))
        luaL_error(L, "s:table: headers must be a list of header rows, got %s",
                   luaL_typename(L, heads));
    G.nhead = lua_isnil(L, heads) ? 0 : bc_num_len(L, heads, "s:table: headers", GRID_HEAD_MAX);
    lua_getfield(L, idx, "rows");
    int rows = lua_gettop(L);
    if (lua_isnil(L, rows)) luaL_error(L, "field 'rows' is required");
    if (!lua_istable(L, rows))
        luaL_error(L, "field 'rows' must be a list, got %s", luaL_typename(L, rows));
    G.nr = bc_num_len(L, rows, "field 'rows'", 1000000);
    G.ng = G.nhead + 1 + G.nr;
    t->nhead = G.nhead;
    if (G.nhead || wants_grid(L, heads, G.nhead) || wants_grid(L, rows, G.nr)) {
        t->spans = bc_arena_alloc(a, (size_t)G.ng * (size_t)G.nc * sizeof *t->spans);
        t->row_kind = bc_arena_alloc(a, (size_t)(G.nr ? G.nr : 1));
    }
    for (int c = 0; c < G.nc; c++) G.until[c] = -1;
    lua_createtable(L, G.nhead, 0);
    int head_out = lua_gettop(L);
    for (int g = 0; g <= G.nhead; g++) {
        char rn[32];
        int src = 0;
        if (g < G.nhead) {
            if (lua_rawgeti(L, heads, g + 1) != LUA_TTABLE)
                luaL_error(L, "s:table: %s must be a list of cells, got %s",
                           row_name(&G, g, rn, sizeof rn), luaL_typename(L, -1));
            src = lua_gettop(L);
        }
        lua_createtable(L, G.nc, 0);
        fill_row(&G, g, src, G.nhead + 1 - g);
        if (g < G.nhead)
            lua_rawseti(L, head_out, g + 1);
        else
            lua_pop(L, 1); /* the column titles: only their spans */
        if (src) lua_remove(L, src);
    }
    lua_createtable(L, G.nr, 0);
    int body_out = lua_gettop(L);
    for (int r = 0; r < G.nr; r++) {
        int g = G.nhead + 1 + r;
        lua_rawgeti(L, rows, r + 1);
        int src = lua_gettop(L);
        lua_createtable(L, G.nc, 1);
        if (lua_istable(L, src)) {
            copy_fields(L, src);
            lua_getfield(L, src, "group");
            int group = !lua_isnil(L, -1);
            lua_pop(L, 1);
            if (group && t->spans)
                group_row(&G, g, src);
            else
                fill_row(&G, g, src, G.ng - g);
            if (!group && t->row_kind) {
                lua_getfield(L, src, "subtotal");
                if (lua_toboolean(L, -1)) t->row_kind[r] = BC_ROW_SUBTOTAL;
                lua_pop(L, 1);
            }
            lua_rawseti(L, body_out, r + 1);
        } else {
            lua_pop(L, 1);
            lua_pushvalue(L, src); /* s:table says what a row must be */
            lua_rawseti(L, body_out, r + 1);
        }
        lua_pop(L, 1);
    }
    lua_replace(L, rows);
    lua_replace(L, heads);
    return G.nr;
}
