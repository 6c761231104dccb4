/*
** api_table.c — s:table: columns, rows and their cells read into a table block.
*/
#define _GNU_SOURCE
#include "doc/terms.h"
#include "lua/api_int.h"
#include "lua/api_table_grid.h"

#include <string.h>

#include "lua/fmt.h"
#include "lua/num.h"

/* The columns list at index cols: each a title, or {title =, align =, width =, decimals =,
   unit =}. Sets decimals[c] (-1: as the numbers need) and unit[c] (NULL: none); returns
   whether any column has a width. */
static int read_columns(lua_State *L, bc_api *api, bc_table *t, int cols, int *decimals,
                        const char **unit)
{
    static const char *const col_keys[] = {"title", "align", "width", "decimals", "unit", NULL};
    int nc = t->ncols;
    int any_weight = 0;
    for (int c = 0; c < nc; c++) {
        decimals[c] = -1; /* the most any cell of the column needs */
        lua_geti(L, cols, c + 1);
        char what[64];
        snprintf(what, sizeof what, "column %d title", c + 1);
        t->align[c] = 'l';
        if (lua_istable(L, -1)) {
            char call[48];
            snprintf(call, sizeof call, "s:table: column %d", c + 1);
            bc_api_check_keys(L, -1, call, col_keys);
            lua_getfield(L, -1, "title");
            bc_api_get_inline(L, api, -1, what, &t->header[c]);
            lua_pop(L, 1);
            lua_getfield(L, -1, "align");
            const char *al = lua_tostring(L, -1);
            if (al) {
                if (strcmp(al, "left") == 0)
                    t->align[c] = 'l';
                else if (strcmp(al, "right") == 0)
                    t->align[c] = 'r';
                else if (strcmp(al, "center") == 0)
                    t->align[c] = 'c';
                else if (strcmp(al, "decimal") == 0)
                    t->align[c] = 'd';
                else
                    luaL_error(L,
                               "column %d: align must be left, right, center or decimal, not '%s'",
                               c + 1, al);
            }
            lua_pop(L, 1);
            char col[32];
            snprintf(col, sizeof col, "column %d", c + 1);
            t->weights[c] = bc_num_field(L, -1, "width", col, 0, 0, 1000);
            decimals[c] = bc_num_fieldint(L, -1, "decimals", col, -1, 0, 10);
            unit[c] = bc_api_opt_string_field(L, api, lua_gettop(L), "unit");
            any_weight |= t->weights[c] > 0;
        } else {
            bc_api_get_inline(L, api, -1, what, &t->header[c]);
        }
        lua_pop(L, 1);
    }
    return any_weight;
}

/* The header rows above the column titles (api_table_grid.c made them plain), at heads. */
static void read_head(lua_State *L, bc_api *api, bc_table *t, int heads)
{
    int nc = t->ncols;
    t->head = bc_arena_alloc(api->doc->arena,
                             (size_t)(t->nhead ? t->nhead : 1) * (size_t)nc * sizeof *t->head);
    for (int g = 0; g < t->nhead * nc; g++) {
        lua_geti(L, heads, g / nc + 1);
        lua_geti(L, -1, g % nc + 1);
        char what[64];
        snprintf(what, sizeof what, "header row %d, column %d", g / nc + 1, g % nc + 1);
        bc_api_get_inline(L, api, -1, what, &t->head[g]);
        lua_pop(L, 2);
    }
}

/*
** s:table{caption =, columns = {"Year", {title = "Total", align = "right", width = 2}, ...},
**         rows = {{...}, {..., strong = true}}, source = }
*/
/* One number of decimals down each column that does not give its own (decimals[c] < 0): the
   most any of its numbers needs to print exactly ("53.5" next to "14.0", not "53.50" next to
   "14"), up to 10. rows is the list of nr rows of nc cells. */
static void column_decimals(lua_State *L, int rows, int nr, int nc, int *decimals)
{
    int need[64] = {0};
    for (int r = 0; r < nr; r++) {
        lua_geti(L, rows, r + 1);
        if (lua_istable(L, -1))
            for (int c = 0; c < nc; c++) {
                if (lua_geti(L, -1, c + 1) == LUA_TNUMBER) {
                    int d = bc_fmt_decimals_needed(lua_tonumber(L, -1), 10);
                    if (d > need[c]) need[c] = d;
                }
                lua_pop(L, 1);
            }
        lua_pop(L, 1);
    }
    for (int c = 0; c < nc; c++)
        if (decimals[c] < 0) decimals[c] = need[c];
}

int bc_api_s_table(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    bc_arena *a = api->doc->arena;
    static const char *const keys[] = {"caption", "columns", "rows",  "source", "label",
                                       "headers", "style",   "width", NULL};
    bc_api_check_keys(L, 2, "s:table", keys);
    bc_table *t = bc_arena_alloc(a, sizeof *t);
    bc_api_opt_inline_field(L, api, 2, "caption", &t->caption);
    int nc = bc_api_list_field(L, 2, "columns", 1);
    int cols = lua_gettop(L);
    if (nc < 1 || nc > 64) return luaL_error(L, "a table needs 1 to 64 columns, got %d", nc);
    t->ncols = nc;
    t->header = bc_arena_alloc(a, (size_t)nc * sizeof *t->header);
    t->align = bc_arena_alloc(a, (size_t)nc);
    t->weights = bc_arena_alloc(a, (size_t)nc * sizeof *t->weights);
    int decimals[64];
    const char *unit[64] = {0};
    int any_weight = read_columns(L, api, t, cols, decimals, unit);
    if (!any_weight) t->weights = NULL;
    lua_pop(L, 1);
    int nr = bc_api_table_grid(L, a, t, 2); /* header rows, then rows: ncols values each */
    int rows = lua_gettop(L);
    t->nrows = nr;
    read_head(L, api, t, rows - 1);
    t->cells = bc_arena_alloc(a, (size_t)(nr ? nr : 1) * (size_t)nc * sizeof *t->cells);
    t->row_strong = bc_arena_alloc(a, (size_t)(nr ? nr : 1));
    int auto_align[64] = {0};
    column_decimals(L, rows, nr, nc, decimals);
    for (int r = 0; r < nr; r++) {
        lua_geti(L, rows, r + 1);
        if (!lua_istable(L, -1))
            return luaL_error(L, "row %d must be a list of cells, got %s", r + 1,
                              luaL_typename(L, -1));
        int row = lua_gettop(L);
        static const char *const row_keys[] = {"strong", "group", "subtotal", NULL};
        char call[48];
        snprintf(call, sizeof call, "s:table: row %d", r + 1);
        bc_api_check_keys(L, row, call, row_keys);
        lua_Integer len = luaL_len(L, row);
        if (len > nc)
            return luaL_error(L, "row %d has %I cells but the table has %d columns", r + 1,
                              (LUAI_UACINT)len, nc);
        t->row_strong[r] = (unsigned char)bc_api_opt_bool_field(L, row, "strong", 0);
        for (int c = 0; c < nc; c++) {
            lua_geti(L, row, c + 1);
            char what[64];
            snprintf(what, sizeof what, "row %d, column %d", r + 1, c + 1);
            if (lua_type(L, -1) == LUA_TNUMBER) {
                double v = bc_num_check(L, -1, what, -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX);
                lua_pop(L, 1);
                bc_api_push_number_text(L, v, decimals[c]);
                if (v != 0 && strspn(lua_tostring(L, -1), "0.,") == lua_rawlen(L, -1))
                    bc_api_warnf(
                        L, api,
                        "table: row %d, column %d: %.15g shows as %s with %d "
                        "decimals; give the column more (decimals = %d) or scale the values",
                        r + 1, c + 1, v, lua_tostring(L, -1), decimals[c],
                        bc_fmt_decimals_needed(v, 10));
                if (unit[c]) {
                    lua_pushfstring(L, "%s\u00a0%s", lua_tostring(L, -1), unit[c]);
                    lua_remove(L, -2);
                }
                auto_align[c] |= 1;
            } else if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                lua_pushliteral(L, "\u2013"); /* an en dash marks a missing value */
            } else if (lua_type(L, -1) == LUA_TSTRING) {
                size_t n;
                const char *cell = lua_tolstring(L, -1, &n);
                if (strcmp(cell, "\u2013") && n)
                    auto_align[c] |= bc_api_formatted_number(cell, n) ? 1 : 2;
            }
            bc_api_get_inline(L, api, -1, what, &t->cells[r * nc + c]);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    /* the source note after the cells, so footnotes number in reading order */
    bc_api_opt_inline_field(L, api, 2, "source", &t->source);
    /* Columns of numbers (or of numbers formatted by fmt: "1,234", "$4.5 bn", "42.6 %") line
       up on their decimal points (right-aligned when they have none) unless a column says
       otherwise; a column with any other text stays left. */
    for (int c = 0; c < nc; c++) {
        if (auto_align[c] == 1 && t->align[c] == 'l') {
            lua_getfield(L, 2, "columns");
            lua_geti(L, -1, c + 1);
            int explicit_align = 0;
            if (lua_istable(L, -1)) {
                lua_getfield(L, -1, "align");
                explicit_align = !lua_isnil(L, -1);
                lua_pop(L, 1);
            }
            lua_pop(L, 2);
            if (!explicit_align) t->align[c] = 'd';
        }
    }
    t->number = ++api->doc->ntables;
    const char *label = bc_api_opt_string_field(L, api, 2, "label");
    bc_block *blk = bc_doc_add(api->doc, BC_BLOCK_TABLE);
    blk->u.table = t;
    if (label &&
        !bc_doc_label(api->doc, blk, label,
                      bc_arena_printf(api->doc->arena, bc_doc_terms(api->doc)->table, t->number)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}
