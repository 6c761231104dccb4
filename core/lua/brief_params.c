/*
** brief_params.c — the brief's params described as JSON (name, type, default, sorted by name),
** as briefc serve lists them for a form. brief.c reads and checks the params themselves.
*/
#include "lua/brief.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <lauxlib.h>

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void bc_brief_params_json(bc_sandbox *sb, const bc_brief *b, cJSON *params)
{
    lua_State *L = bc_sandbox_state(sb);
    cJSON *ps = params;
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->params_ref);
    if (lua_istable(L, -1)) {
        int t = lua_gettop(L);
        char **keys = NULL;
        size_t nk = 0;
        lua_pushnil(L);
        while (lua_next(L, t) && nk < 1000) {
            lua_pop(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING) continue;
            keys = bc_xrealloc(keys, (nk + 1) * sizeof *keys);
            keys[nk++] = bc_xstrdup(lua_tostring(L, -1));
        }
        lua_settop(L, t);
        if (nk) qsort(keys, nk, sizeof *keys, cmp_key);
        for (size_t i = 0; i < nk; i++) {
            cJSON *p = cJSON_CreateObject();
            cJSON_AddStringToObject(p, "name", keys[i]);
            lua_getfield(L, t, keys[i]);
            switch (lua_type(L, -1)) {
            case LUA_TNUMBER:
                cJSON_AddStringToObject(p, "type", lua_isinteger(L, -1) ? "integer" : "number");
                cJSON_AddNumberToObject(p, "default", lua_tonumber(L, -1));
                break;
            case LUA_TBOOLEAN:
                cJSON_AddStringToObject(p, "type", "boolean");
                cJSON_AddBoolToObject(p, "default", lua_toboolean(L, -1));
                break;
            case LUA_TSTRING:
                cJSON_AddStringToObject(p, "type", "string");
                cJSON_AddStringToObject(p, "default", lua_tostring(L, -1));
                break;
            default:
                cJSON_AddStringToObject(p, "type", "string"); /* -D sets it as text */
                break;
            }
            lua_pop(L, 1);
            cJSON_AddItemToArray(ps, p);
            free(keys[i]);
        }
        free(keys);
    }
    lua_pop(L, 1);
}
