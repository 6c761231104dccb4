/*
** num.h — the one gate every number from Lua passes before C uses it.
**
** A number a plugin or a brief gives (a theme size, a column width, a heading level, a chart
** value, a -D parameter) is checked here against its option's contract: a number, finite (no
** NaN, no infinity), inside the documented range, and whole where an integer is meant. Only
** then is it stored or cast, so a NaN or 1e308 never reaches a cast to int (undefined
** behaviour) or the layout (garbage in the PDF). Messages name the option and the value:
**   theme.body_size must be a finite number between 6 and 16 (got nan)
**   heading: level must be a whole number from 1 to 3 (got 2.5)
**
** bc_num_read never raises and never runs a metamethod, for callers that report through
** bc_error (brief.c). The bc_num_check/opt/field forms raise with luaL_error at level 1, so
** the message carries the plugin's file:line; use them only in the Lua binding layer.
*/
#ifndef BC_NUM_H
#define BC_NUM_H

#include <stddef.h>

#include <lua.h>

/* The largest magnitude a formatted number may have: beyond 10^15 a double no longer holds
   every digit of a whole number, and the digits printed would be noise. */
#define BC_NUM_DIGITS_MAX 1e15

/* Whether v meets the contract [lo, hi] (whole when integer). When it does not, writes
   "NAME must be ... (got V)" into msg (cap bytes) and returns 0. Infinities and NaN never
   pass; lo = -HUGE_VAL, hi = HUGE_VAL asks for any finite number (or whole number). The int
   forms below need lo and hi inside int's range. */
int bc_num_ok(double v, const char *name, double lo, double hi, int integer, char *msg, size_t cap);

/* Reads the value at idx as bc_num_ok checks it: a number, or a string Lua converts to one
   (no metamethod runs, nothing is raised). Returns 1 with *out set, or 0 with msg written
   (a value that is not a number is reported by its type). */
int bc_num_read(lua_State *L, int idx, const char *name, double lo, double hi, int integer,
                double *out, char *msg, size_t cap);

/* Raising forms (Lua binding layer only). name is the option as the message shows it. */
double bc_num_check(lua_State *L, int idx, const char *name, double lo, double hi);
int bc_num_checkint(lua_State *L, int idx, const char *name, int lo, int hi);

/* The same, giving def when the value at idx is nil or absent. */
double bc_num_opt(lua_State *L, int idx, const char *name, double def, double lo, double hi);
int bc_num_optint(lua_State *L, int idx, const char *name, int def, int lo, int hi);

/* Field of the options table at t (def when nil). The message names "WHAT: FIELD", or only
   FIELD when what is NULL. */
double bc_num_field(lua_State *L, int t, const char *field, const char *what, double def, double lo,
                    double hi);
int bc_num_fieldint(lua_State *L, int t, const char *field, const char *what, int def, int lo,
                    int hi);

/* A number given where text is meant ("Markup" may be a number) must be finite: Lua would
   print NaN as "-nan" into the PDF. Any other value passes (its type is checked elsewhere).
   bc_num_text_ok writes the message and returns 0; bc_num_checktext raises it. */
int bc_num_text_ok(lua_State *L, int idx, const char *what, char *msg, size_t cap);
void bc_num_checktext(lua_State *L, int idx, const char *what);

/* The length of the list at idx (luaL_len: a __len metamethod may answer), checked to be a
   whole number from 0 to max before it sizes an allocation or a loop. */
int bc_num_len(lua_State *L, int idx, const char *what, int max);

#endif
