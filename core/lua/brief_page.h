/*
** brief_page.h — brief.lua's page shape and numbering settings beyond paper and margins
** (brief_page.c): custom sizes, orientation, mirrored margins, the first page, table style,
** heading numbers.
*/
#ifndef BC_BRIEF_PAGE_H
#define BC_BRIEF_PAGE_H

#include <stddef.h>

#include <lua.h>

#include "doc/theme.h"

/* Reads page.size given as {w, h} mm, page.orientation, page.margins' inner/outer and
   page.first from the page table at t into th. Returns 1, or 0 with the message in msg. */
int bc_brief_page_more(lua_State *L, int t, bc_theme *th, char *msg, size_t cap);

/* Reads theme.table_style and theme.heading_numbers from the theme table at t. */
int bc_brief_theme_more(lua_State *L, int t, bc_theme *th, char *msg, size_t cap);

#endif
