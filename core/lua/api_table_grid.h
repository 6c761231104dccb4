/*
** api_table_grid.h — s:table's grid: header rows, cells spanning columns and rows, row groups
** and subtotals, read from the plugin's table into the document model's spans and row kinds.
*/
#ifndef BC_API_TABLE_GRID_H
#define BC_API_TABLE_GRID_H

#include <lua.h>

#include "doc/doc.h"

/*
** Reads the options table at idx of s:table (t->ncols already set): `style`, `width`,
** `headers` (rows above the column titles) and `rows`. Sets t->style, t->full, t->nhead,
** t->spans and t->row_kind in arena a, and pushes two tables in which every row has a value
** (or nil) in each of the ncols columns, as plain tables do: the header rows, then the body
** rows; a slot a span covers holds "". Returns the number of body rows. Raises a Lua error
** with the plugin's line for a span that overlaps another or leaves the table.
*/
int bc_api_table_grid(lua_State *L, bc_arena *a, bc_table *t, int idx);

#endif
