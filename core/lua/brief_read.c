/*
** brief_read.c — the non-raising readers of brief.lua's tables (brief_read.h): one of a list
** of names, a flag, a message.
*/
#include "lua/brief_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/suggest.h"

int bc_brief_fail(char *msg, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, cap, fmt, ap);
    va_end(ap);
    return 0;
}

int bc_brief_pick(lua_State *L, const char *name, const char *const *names, int *out, char *msg,
                  size_t cap)
{
    if (lua_isnil(L, -1)) return 1;
    const char *v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    int n = 0;
    for (; names[n]; n++)
        if (v && !strcmp(v, names[n])) {
            *out = n;
            return 1;
        }
    if (n == 2)
        return bc_brief_fail(msg, cap, "%s must be \"%s\" or \"%s\"", name, names[0], names[1]);
    size_t o = (size_t)snprintf(msg, cap, "%s must be one of ", name);
    for (int i = 0; names[i] && o < cap; i++)
        o += (size_t)snprintf(msg + o, cap - o, "%s\"%s\"", i ? ", " : "", names[i]);
    const char *near = v ? bc_suggest(v, names) : NULL;
    if (o < cap && near) snprintf(msg + o, cap - o, " (did you mean \"%s\"?)", near);
    return 0;
}

int bc_brief_bool(lua_State *L, const char *name, int *out, char *msg, size_t cap)
{
    if (lua_isnil(L, -1)) return 1;
    if (!lua_isboolean(L, -1)) return bc_brief_fail(msg, cap, "%s must be true or false", name);
    *out = lua_toboolean(L, -1);
    return 1;
}
