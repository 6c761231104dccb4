/*
** api_int.h — what the files of the plugin API (api*.c) share: the section builder object,
** the argument helpers and the methods one file defines for the table in api.c. Included
** only by lua/api*.c.
*/
#ifndef BC_API_INT_H
#define BC_API_INT_H

#include <stdarg.h>

#include <lauxlib.h>

#include "lua/api.h"
#include "layout/image.h"

#define BUILDER_MT "briefc.section"

typedef struct builder {
    bc_api *api;
    int alive;
} builder;

/* api.c */
bc_api *bc_api_check_builder(lua_State *L);

/* api_args.c */
void bc_api_error_at(lua_State *L, const char *at, const char *msg);
void bc_api_post_inline_at(lua_State *L, bc_api *api, bc_inline *in, const char *at);
void bc_api_get_inline(lua_State *L, bc_api *api, int idx, const char *what, bc_inline *out);
/*
** Reading a plugin's options table: the one vocabulary (luaL_opt* style: absent or nil gives
** the default, a wrong value raises at the plugin's line naming the call and the key). First
** bc_api_check_keys (a misspelt key is an error, with a suggestion), then one call per key:
**   text       bc_api_opt_string_field (arena copy, UTF-8 checked), bc_api_opt_inline_field
**   flag       bc_api_opt_bool_field
**   one of     bc_api_enum_field (names NULL-terminated; the enum's table in doc.h where it
**              has one), bc_api_enum_field_n (the first n names only)
**   number     bc_num_field, bc_num_fieldint (lua/num.h: finite, within bounds)
**   list       bc_api_list_field (its length, checked; the list left on the stack)
** The brief's own tables (brief.c) are read without raising, by its R readers, since their
** errors point at brief.lua's lines rather than a plugin's.
*/
int bc_api_opt_inline_field(lua_State *L, bc_api *api, int idx, const char *field, bc_inline *out);
const char *bc_api_opt_string_field(lua_State *L, bc_api *api, int idx, const char *field);
int bc_api_opt_bool_field(lua_State *L, int idx, const char *field, int def);
/* The index in names of field's value, def when absent: "WHAT: FIELD must be one of a, b, not
   'x'" otherwise. n < 0: every name up to the NULL. */
int bc_api_enum_field(lua_State *L, int idx, const char *field, const char *const *names, int def,
                      const char *what);
int bc_api_enum_field_n(lua_State *L, int idx, const char *field, const char *const *names, int n,
                        int def, const char *what);
int bc_api_list_field(lua_State *L, int idx, const char *field, int required);
void bc_api_check_keys(lua_State *L, int idx, const char *call, const char *const *known);
int bc_api_formatted_number(const char *s, size_t n);
void bc_api_push_number_text(lua_State *L, double v, int decimals);
void bc_api_warnf(lua_State *L, bc_api *api, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* api_text.c */
int bc_api_s_heading(lua_State *L);
int bc_api_s_paragraph(lua_State *L);
int bc_api_s_list(lua_State *L);
int bc_api_s_callout(lua_State *L);
int bc_api_s_title(lua_State *L);
int bc_api_s_space(lua_State *L);
int bc_api_s_page_break(lua_State *L);
int bc_api_s_contents(lua_State *L);
int bc_api_s_bibliography(lua_State *L);
int bc_api_s_markdown(lua_State *L);

/* api_table.c */
int bc_api_s_table(lua_State *L);

/* api_blocks.c */
int bc_api_s_back_page(lua_State *L);
int bc_api_s_definitions(lua_State *L);
int bc_api_s_landscape(lua_State *L);
int bc_api_s_portrait(lua_State *L);
int bc_api_s_language(lua_State *L);
int bc_api_s_pull_quote(lua_State *L);
int bc_api_s_recommendations(lua_State *L);

/* api_chart.c */
int bc_api_s_chart(lua_State *L);

/* api_image.c */
bc_image *bc_api_load_image(lua_State *L, bc_api *api, const char *file);
int bc_api_s_image(lua_State *L);

/* api_ctx.c */
int bc_api_inside(const char *path, const char *dir);
const char *bc_api_confined_path(lua_State *L, bc_api *api, const char *rel);
const char *bc_api_read_confined(lua_State *L, bc_api *api, const char *rel, size_t *len);
const char *bc_api_read_confined_bytes(lua_State *L, bc_api *api, const char *rel, size_t *len);
int bc_api_c_sql(lua_State *L);
int bc_api_c_stat_file(lua_State *L); /* api_stat.c */
/* Gives every table in the list at rows a metatable that refuses a name not in the list at
   names ("data/aid.csv has no column 'Year' (did you mean 'year'?)"); file and noun name it. */
void bc_api_strict_rows(lua_State *L, int rows, int names, const char *file, const char *noun);
bc_api *bc_api_ctx_api(lua_State *L);
int bc_api_c_read_text(lua_State *L);
int bc_api_c_markdown_file(lua_State *L);
int bc_api_c_warn(lua_State *L);
void bc_api_add_warning(lua_State *L, bc_api *api, const char *msg, size_t len);

/* api_data.c */
int bc_api_c_csv(lua_State *L);
int bc_api_c_json(lua_State *L);

#endif
