/*
** test_sandbox.c — the sandbox's backstops, driven from C where Lua code cannot reach: error
** objects with metatables set by the host (hostile __name, __tostring that loops or returns
** megabytes, thousands of fields), finalizers installed past setmetatable's refusal (failing
** while the state closes, or during a call), and the panic handler. (A finalizer that loops
** cannot be tested: Lua runs finalizers with hooks off, which is why plugins may not set one.)
*/
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lauxlib.h>

#include "check.h"
#include "lua/sandbox.h"

static bc_sandbox *new_sandbox(void)
{
    bc_limits lim;
    bc_limits_default(&lim);
    lim.instructions = 2000000; /* small: every budget in here runs out fast */
    return bc_sandbox_new(&lim, NULL);
}

/* Compiles src in a fresh environment and leaves the function on top. */
static void load(bc_sandbox *sb, const char *src)
{
    lua_State *L = bc_sandbox_state(sb);
    bc_sandbox_push_env(sb);
    bc_error err;
    CHECK(bc_sandbox_load_text(sb, src, strlen(src), "unit.lua", -1, &err) == BC_OK);
    lua_remove(L, -2);
}

/* Runs `error(v)` where v is what make pushed (a C function run protected). */
static bc_status raise_with(bc_sandbox *sb, lua_CFunction make, bc_error *err)
{
    lua_State *L = bc_sandbox_state(sb);
    load(sb, "local v = ...\nerror(v)\n");
    lua_pushcfunction(L, make);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) return BC_ERR;
    return bc_sandbox_call(sb, 1, 0, "unit", err);
}

/* A metatable with a 5000-byte __name and a __tostring that loops. */
static int make_loop_tostring(lua_State *L)
{
    lua_newtable(L);
    lua_pushinteger(L, 7);
    lua_setfield(L, -2, "code");
    lua_newtable(L);
    char name[5001];
    memset(name, 'N', 5000);
    name[5000] = 0;
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    luaL_loadstring(L, "while true do end");
    lua_setfield(L, -2, "__tostring");
    lua_setmetatable(L, -2);
    return 1;
}

static int make_huge_tostring(lua_State *L)
{
    lua_newuserdatauv(L, 8, 0);
    lua_newtable(L);
    luaL_loadstring(L, "return ('x'):rep(1000000)");
    lua_setfield(L, -2, "__tostring");
    lua_setmetatable(L, -2);
    return 1;
}

static int make_many_fields(lua_State *L)
{
    lua_newtable(L);
    char key[400];
    for (int i = 0; i < 5000; i++) {
        memset(key, 'k', 300);
        snprintf(key + 300, 100, "%d", i);
        lua_pushstring(L, key);
        lua_rawseti(L, -2, i + 1);
        lua_pushinteger(L, i);
        lua_setfield(L, -2, key);
    }
    return 1;
}

static void test_error_objects(void)
{
    bc_sandbox *sb = new_sandbox();
    bc_error err;
    CHECK(raise_with(sb, make_loop_tostring, &err) == BC_ERR);
    CHECK_STR(err.msg, "error object {code = 7}");
    CHECK(err.line == 2);
    bc_sandbox_free(sb);

    sb = new_sandbox();
    CHECK(raise_with(sb, make_huge_tostring, &err) == BC_ERR);
    CHECK(strlen(err.msg) < 1100 && strncmp(err.msg, "xxxx", 4) == 0 && strstr(err.msg, "..."));
    bc_sandbox_free(sb);

    sb = new_sandbox();
    CHECK(raise_with(sb, make_many_fields, &err) == BC_ERR);
    CHECK(strncmp(err.msg, "error object {", 14) == 0 && strstr(err.msg, ", ...}"));
    CHECK(strlen(err.msg) < 2048);
    bc_sandbox_free(sb);
}

/* Sets the function on top as the __gc of a new table kept in the registry (lua_setmetatable
   from C: the way past setmetatable's refusal that only the host has). */
static void keep_with_gc(lua_State *L, const char *key)
{
    lua_newtable(L);
    lua_newtable(L);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, key);
    lua_pop(L, 1);
}

static void test_finalizers(void)
{
    /* a finalizer that fails while the state closes is reported by the close */
    bc_sandbox *sb = new_sandbox();
    lua_State *L = bc_sandbox_state(sb);
    load(sb, "return function() error('failed at close') end");
    bc_error err;
    CHECK(bc_sandbox_call(sb, 0, 1, "unit", &err) == BC_OK);
    keep_with_gc(L, "unit.close");
    CHECK(bc_sandbox_close(sb, &err) == BC_ERR);
    CHECK(strstr(err.msg, "in a __gc finalizer: failed at close") != NULL);
    CHECK_STR(err.file, "unit.lua");
    CHECK(err.line == 1);
    CHECK(bc_sandbox_state(sb) == NULL);
    bc_sandbox_free(sb);

    /* a finalizer that fails during a call makes that call fail */
    sb = new_sandbox();
    L = bc_sandbox_state(sb);
    load(sb, "return function() error('finalizer failed') end");
    CHECK(bc_sandbox_call(sb, 0, 1, "unit", &err) == BC_OK);
    keep_with_gc(L, "unit.fail");
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "unit.fail");
    load(sb, "local t = {} for i = 1, 200000 do t[i] = {} end");
    CHECK(bc_sandbox_call(sb, 0, 0, "unit", &err) == BC_ERR);
    CHECK(strstr(err.msg, "in a __gc finalizer: finalizer failed") != NULL);
    bc_sandbox_free(sb);
}

/* A Lua error raised outside any protected call ends the process with status 1 and a
   message, never an abort. */
static void test_panic(void)
{
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        bc_sandbox *sb = new_sandbox();
        lua_State *L = bc_sandbox_state(sb);
        lua_pushstring(L, "raised outside");
        lua_error(L);
        _exit(99);
    }
    close(fds[1]);
    char out[512] = "";
    size_t n = 0;
    ssize_t r;
    while (n < sizeof out - 1 && (r = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = 0;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    CHECK(strstr(out, "briefc: error: raised outside (a Lua error outside a protected call") !=
          NULL);
}

int main(void)
{
    alarm(120); /* a backstop that failed would hang: end the test instead */
    test_error_objects();
    test_finalizers();
    test_panic();
    return check_done();
}
