/*
** api_chart_more.h — what s:chart reads for the richer charts of issue 18 (api_chart_more.c):
** scatter points, a trend line, a right-hand axis, annotations, small multiples, decimals per
** axis, value labels on chosen categories and a chart in one column. Lua binding layer only.
*/
#ifndef BC_API_CHART_MORE_H
#define BC_API_CHART_MORE_H

#include <lua.h>

#include "lua/api.h"

struct bc_chart;
struct bc_chart_more;

/* The chart's extension, made (zeroed, decimals from the step) on first need. */
struct bc_chart_more *bc_api_chart_more(bc_api *api, struct bc_chart *ch);

/* decimals = 1 (value labels) or {labels =, x =, y =, y2 =}, at index 2. */
void bc_api_chart_decimals(lua_State *L, bc_api *api, struct bc_chart *ch, const char *what);

/* kind = "scatter": points = {{x =, y =, label =}, ...} become the chart's categories (the
   labels), its one series (y) and more->x. Categories and series are refused. */
void bc_api_chart_points(lua_State *L, bc_api *api, struct bc_chart *ch, const char *what);

/* A series' own keys at index ser: axis = "left" | "right" and facet = "panel name". */
void bc_api_chart_series_keys(lua_State *L, bc_api *api, struct bc_chart *ch, int ser, int s,
                              const char *what);

/* Everything else, once categories and series are read: trend, y2_title, y2_format,
   annotations, facet, facet_columns, value_labels as a list, span; and the rules that tie
   them to the kind. */
void bc_api_chart_options(lua_State *L, bc_api *api, struct bc_chart *ch, const char *what);

#endif
