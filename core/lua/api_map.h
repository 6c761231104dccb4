/*
** api_map.h — the map form of s:chart (api_map.c): s:chart{kind = "map", geojson =, data =,
** key =, value =, …} read and turned into an ordinary chart table for s_chart (api.c).
*/
#ifndef BC_API_MAP_H
#define BC_API_MAP_H

#include <lua.h>

#include "lua/api.h"

struct bc_geo;

/* Whether the table at idx asks for a map (kind = "map"). */
int bc_api_map_wanted(lua_State *L, int idx);

/* Reads the map table at idx: its GeoJSON through the file door (the brief folder), its data
   rows matched to the regions; replaces the table at idx with a plain chart table (categories:
   the regions, one series: their values, nil for none; caption, source, label, alt, aspect …)
   and returns the regions. Raises a Lua error at the plugin's line for anything wrong. */
const struct bc_geo *bc_api_map_prepare(lua_State *L, bc_api *api, int idx);

#endif
