/*
** brief_style.h — a house style that many briefs share (brief_style.c): `require_theme("house")`
** in brief.lua, the theme keys a house style sets beyond fonts, sizes and colours (running
** header and footer slots, captions, table cells, unnumbered headings, nocite), and the
** brief's params filled into its metadata and into the running header and footer.
*/
#ifndef BC_BRIEF_STYLE_H
#define BC_BRIEF_STYLE_H

#include <stddef.h>

#include <lua.h>

#include "lua/sandbox.h"

struct bc_brief;

/*
** Sets require_theme in the environment at env. require_theme(name [, overrides]) looks for
** <name>.lua in the brief's themes/ folder, then in each folder of $BRIEFC_THEMES (':'
** separated), then in <data folder>/themes (home.h), and nowhere else: name is letters,
** digits, '-' and '_' only, and the file is read through the one door (fileio.h) with its own
** folder as the only root. The file runs in the sandbox like brief.lua, must return a plain
** table, and is checked there as a theme (errors name the house style's file and line).
** overrides is merged over it key by key (tables of settings merged, lists replaced).
*/
void bc_brief_style_install(lua_State *L, int env, bc_sandbox *sb, struct bc_brief *b);

/* The i-th shared folder of house styles (0-based): each absolute folder of $BRIEFC_THEMES,
   then <data folder>/themes; 1 with it in out, or 0 past the last. What watch and serve watch
   besides the brief's own themes/. */
int bc_brief_style_shared_dir(int i, char *out, size_t cap);

/* Reads the house-style keys (header and footer slots, title_size, heading_colour,
   unnumbered, caption_*, table_font, table_size, table_header_*, nocite) of the theme table at
   t into b->theme (strings in b->arena). Returns 1, or 0 with the message in msg and the key
   to find its line by in *key. */
int bc_brief_style_read(lua_State *L, int t, struct bc_brief *b, char *msg, size_t cap,
                        const char **key);

/* Fills {param} in the metadata (title, subtitle, series, date, authors, keywords, subject)
   and in the running header and footer slots, from the params table at params; a slot's
   {title}, {subtitle}, {date}, {series}, {authors}, {page} and {pages} stay for the layout
   (layout/pages.c), and any other name is an error naming the nearest one.
   Returns 1, or 0 with the message in msg and the field it came from in *key. */
int bc_brief_style_expand(lua_State *L, int params, struct bc_brief *b, char *msg, size_t cap,
                          const char **key);

#endif
