/* fuzz_sandbox.c — plugin code against the sandbox: the input is a Lua chunk run under small
   limits; whatever it returns is then raised as an error, so every value it can build (tables
   with metatables, long keys, __tostring and __name of any kind) goes through the error
   description. Any input must end in a clean result or a clean error, within the limits,
   with the error text bounded and the Lua stack balanced. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua/sandbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384) return 0;
    bc_limits lim;
    bc_limits_default(&lim);
    lim.instructions = 1000000;
    lim.memory = (size_t)32 << 20;
    lim.seconds = 2;
    bc_sandbox *sb = bc_sandbox_new(&lim, NULL);
    lua_State *L = bc_sandbox_state(sb);
    int top = lua_gettop(L);
    bc_sandbox_push_env(sb);
    bc_error err;
    if (bc_sandbox_load_text(sb, (const char *)data, size, "fuzz.lua", -1, &err) == BC_OK) {
        lua_remove(L, -2);
        if (bc_sandbox_call(sb, 0, 1, "fuzz", &err) == BC_OK) {
            static const char raise[] = "error((...))";
            bc_sandbox_push_env(sb);
            if (bc_sandbox_load_text(sb, raise, sizeof raise - 1, "raise.lua", -1, &err) != BC_OK)
                abort();
            lua_remove(L, -2);
            lua_insert(L, -2);
            if (bc_sandbox_call(sb, 1, 0, "fuzz", &err) == BC_OK) abort(); /* error() returned */
        }
        if (strlen(err.msg) >= sizeof err.msg) abort();
    } else {
        lua_pop(L, 1);
    }
    if (lua_gettop(L) != top) abort();
    bc_sandbox_free(sb);
    return 0;
}
