/*
** brief_charts.h — brief.lua's theme.charts (brief_charts.c): "colour" or "mono", or a table
** of the house style's chart defaults: style, legend position and which bars get value labels.
*/
#ifndef BC_BRIEF_CHARTS_H
#define BC_BRIEF_CHARTS_H

#include <stddef.h>

#include <lua.h>

#include "doc/theme.h"

/* Reads theme.charts from the theme table at t into th. Returns 1, or 0 with the message in
   msg (what was wrong and what to write). */
int bc_brief_theme_charts(lua_State *L, int t, bc_theme *th, char *msg, size_t cap);

#endif
