/*
** brief_read.h — the one vocabulary for reading brief.lua's own tables (the brief, its page
** and theme, a house style): readers that never raise, since the brief's errors point at its
** own lines (brief.c looks the key up) rather than at a plugin's. Each takes the value at the
** top of the stack, leaves the stack as it was, and on a bad value writes a message naming
** the setting into msg and returns 0; nil leaves *out as it was and returns 1.
**   one of     bc_brief_pick        ("must be "a" or "b"", or "one of ..." with a suggestion)
**   flag       bc_brief_bool        ("must be true or false")
**   number     bc_num_read          (lua/num.h: finite, within bounds)
**   message    bc_brief_fail        (printf into msg, returns 0)
** The plugin API's readers, which raise at the plugin's line, are in lua/api_args.c.
*/
#ifndef BC_BRIEF_READ_H
#define BC_BRIEF_READ_H

#include <stddef.h>

#include <lua.h>

int bc_brief_fail(char *msg, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* *out = the index in names (NULL-terminated) of the string at the top of the stack. name is
   the setting as the message shows it ("theme.caption_position"). */
int bc_brief_pick(lua_State *L, const char *name, const char *const *names, int *out, char *msg,
                  size_t cap);

/* *out = the boolean at the top of the stack (0 or 1). */
int bc_brief_bool(lua_State *L, const char *name, int *out, char *msg, size_t cap);

#endif
