/*
** sandbox_lib.c — the base a plugin's environment is built from: only the allowed
** libraries, frozen, with every standard function that can run unbounded inside one C call
** (string.rep, table loops, coroutines, load, require, print) wrapped to charge its work to
** the budget first. Part of the sandbox (sandbox.c lists the parts).
*/
#define _GNU_SOURCE
#include "lua/sandbox_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

lua_CFunction bc_sb_base_error; /* set by bc_sb_build_base */

/* {====================================================== base library */

static int sb_print(lua_State *L)
{
    int n = lua_gettop(L);
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        fprintf(stderr, "%s:%d: ", ar.short_src, ar.currentline);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) fputc('\t', stderr);
        fwrite(s, 1, len, stderr);
        lua_pop(L, 1);
    }
    fputc('\n', stderr);
    return 0;
}

/* load(chunk [, name [, mode [, env]]]): text only; env defaults to the caller's sandbox env. */
int bc_sb_load(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "t");
    if (strcmp(mode, "t") != 0)
        return luaL_error(L, "load: only text chunks may be loaded (mode \"t\"), not \"%s\"", mode);
    bc_sb_charge(L, 1, (lua_Integer)len, 1, "load", "bytes"); /* compiling runs in one C call */
    if (len > 0 && s[0] == LUA_SIGNATURE[0])
        return luaL_error(L, "load: binary chunks (bytecode) are not allowed");
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnoneornil(L, 4))
        lua_pushvalue(L, 4);
    else
        lua_pushvalue(L, lua_upvalueindex(1));
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    return 1;
}

/* require(name). Upvalue 1 is the module cache of the plugin (or brief) that calls it: each
   plugin runs its own instance of every module it requires, which no other plugin can reach,
   so a plugin that writes into a module changes only its own copy. */
int bc_sb_require(lua_State *L)
{
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
            return luaL_error(L, "require: bad module name '%s'", name);
    lua_pushvalue(L, 1);
    lua_rawget(L, lua_upvalueindex(1));
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
    char rel[256], path[1024];
    snprintf(rel, sizeof rel, "%s", name);
    for (char *p = rel; *p; p++)
        if (*p == '.') *p = '/';
    for (int i = 0; sb->module_dirs && sb->module_dirs[i]; i++) {
        snprintf(path, sizeof path, "%s/%s.lua", sb->module_dirs[i], rel);
        struct stat ls; /* a link counts, leading nowhere or out: the door refuses it */
        if (lstat(path, &ls) != 0) continue;
        bc_sb_push_env(sb, lua_upvalueindex(1)); /* the module shares its requirer's cache */
        bc_error err;
        if (bc_sandbox_load(sb, path, path, lua_gettop(L), &err) != BC_OK)
            return luaL_error(L, "require '%s': %s", name, err.msg);
        lua_call(L, 0, 1);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushboolean(L, 1);
        }
        lua_pushvalue(L, 1);
        lua_pushvalue(L, -2);
        lua_rawset(L, lua_upvalueindex(1));
        return 1;
    }
    return luaL_error(L,
                      "module '%s' not found in the plugin path (only Lua modules beside the "
                      "plugins can be required)",
                      name);
}

/* Calls the original function (upvalue 1) with this call's arguments, returning all it
   returns. */
int bc_sb_call_original(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* string.rep, checked against the memory cap first: one long C call that the instruction
   hook cannot interrupt, and the easiest memory bomb to write. An empty result is made here:
   the library would loop over the count copying nothing (math.maxinteger times). */
static int sb_rep(lua_State *L)
{
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || (l == 0 && lsep == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    double total = (double)l * (double)n + (double)lsep * (double)(n - 1);
    double left = (double)sb->lim.memory - (double)sb->mem_used;
    if (total > left) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 "memory limit reached: string.rep would need %.0f MB and "
                 "%zu MB are left of the brief's %zu MB; raise limits.memory_mb in brief.lua",
                 total / 1048576.0, (size_t)(left > 0 ? left / 1048576.0 : 0),
                 (sb->lim.memory - sb->baseline) >> 20);
        return luaL_error(L, "%s", msg);
    }
    /* the library loops once per copy: a few copies cost about one instruction (the bytes
       are charged by the allocator) */
    bc_sb_charge(L, 1, n, 0.25, "string.rep", "copies");
    lua_settop(L, 3);
    return bc_sb_call_original(L);
}

/* {------------------------------------------------------ the table library's loops */

/* Each of these runs one C loop over a range the plugin chooses (table.move over 2^62
   indices, table.concat or table.insert under a __len that lies): the range is counted
   against the budget before the loop starts. */
static int sb_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    bc_sb_charge(L, f, e, 1, "table.move", "elements");
    return bc_sb_call_original(L);
}

static int sb_concat(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    lua_Integer j = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    bc_sb_charge(L, i, j, 1, "table.concat", "elements");
    return bc_sb_call_original(L);
}

static int sb_unpack(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer j = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
    bc_sb_charge(L, i, j, 1, "table.unpack", "elements");
    return bc_sb_call_original(L);
}

static int sb_insert(lua_State *L)
{
    if (lua_gettop(L) == 3) { /* insert(t, pos, v) shifts #t - pos + 1 elements */
        luaL_checkany(L, 1);
        lua_Integer n = luaL_len(L, 1), pos = luaL_checkinteger(L, 2);
        bc_sb_charge(L, pos, n, 1, "table.insert", "elements");
    }
    return bc_sb_call_original(L);
}

static int sb_remove(lua_State *L)
{
    if (lua_gettop(L) >= 2) {
        luaL_checkany(L, 1);
        lua_Integer n = luaL_len(L, 1), pos = luaL_checkinteger(L, 2);
        bc_sb_charge(L, pos, n, 1, "table.remove", "elements");
    }
    return bc_sb_call_original(L);
}

static int sb_sort(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer n = luaL_len(L, 1);
    if (n > 1) bc_sb_charge(L, 1, n, log2((double)n), "table.sort", "elements");
    return bc_sb_call_original(L);
}

/* }------------------------------------------------------ */

/* {------------------------------------------------------ threads, metatables, raw writes */

static int sb_cocreate(lua_State *L)
{
    bc_sb_call_original(L);
    lua_State *co = lua_tothread(L, -1);
    if (co) bc_sb_hook_thread(bc_sb_sandbox_of(L), co);
    return 1;
}

/* Whether co was stopped by the hook (and so has hooks off for good). */
static int stopped(lua_State *L, int co_idx)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "briefc.stopped");
    lua_pushvalue(L, co_idx);
    int r = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return r;
}

/* coroutine.close, except on a coroutine the hook stopped: closing runs its pending __close
   handlers in it, where hooks are off, and one could loop for ever. */
static int sb_coclose(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TTHREAD && stopped(L, 1))
        bc_sb_kill_now(L, bc_sb_sandbox_of(L), 1, NULL);
    return bc_sb_call_original(L);
}

/* A coroutine.wrap function (upvalues: the thread, coroutine.resume, coroutine.close). The
   library's own closes the coroutine when it fails, stopped by the hook or not; this one goes
   through resume and the checked close. */
static int sb_wrapped(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_insert(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 2);
    lua_call(L, n + 1, LUA_MULTRET);
    if (lua_toboolean(L, 1)) return lua_gettop(L) - 1;
    lua_settop(L, 2); /* the error */
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int st = lua_status(co);
    if (st != LUA_OK && st != LUA_YIELD && !stopped(L, lua_upvalueindex(1))) {
        lua_pushvalue(L, lua_upvalueindex(3)); /* close its to-be-closed variables */
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_call(L, 1, 2);
        if (!lua_toboolean(L, -2)) lua_replace(L, 2); /* a __close error replaces it */
        lua_settop(L, 2);
    }
    if (lua_type(L, 2) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, 2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* coroutine.wrap(f): upvalues coroutine.create, coroutine.resume, coroutine.close */
static int sb_cowrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 1, 1); /* the hooked create */
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(3));
    lua_pushcclosure(L, sb_wrapped, 3);
    return 1;
}

/* math.randomseed: the generator is one for the whole state, so a plugin seeding it would
   decide what every later plugin draws. */
static int sb_randomseed(lua_State *L)
{
    return luaL_error(L, "math.randomseed is not available: the random generator is shared "
                         "by every plugin");
}

/* setmetatable without finalizers: a __gc would run whenever the collector decides, after the
   section that made it or while the state closes, and always with hooks off (Lua disables
   them in finalizers), so no budget could stop one. Plugins hold nothing to release. (A __gc
   added to a metatable after setmetatable does not mark the object: only this call can.) */
static int sb_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        int t = lua_rawget(L, 2);
        lua_pop(L, 1);
        if (t != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc finalizers are not allowed in plugins "
                                 "(they would run outside the section's budget)");
    }
    return bc_sb_call_original(L);
}

/* The message handler xpcall is given, called through this one. An error the hook raises
   reaches the handler with hooks off (Lua disables them while a hook runs and the handler runs
   before the error unwinds): once the budget is spent, the plugin's handler is not run. */
static int xpcall_handler(lua_State *L)
{
    if (bc_sb_sandbox_of(L)->killed) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int sb_xpcall(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    return bc_sb_call_original(L);
}

static int frozen_newindex(lua_State *L);

/* rawset, except on the frozen shared tables (rawset would write past their __newindex). */
static int sb_rawset(lua_State *L)
{
    if (lua_getmetatable(L, 1)) {
        lua_pushliteral(L, "__newindex");
        lua_rawget(L, -2);
        int frozen = lua_tocfunction(L, -1) == frozen_newindex;
        lua_pop(L, 2);
        if (frozen) return frozen_newindex(L);
    }
    return bc_sb_call_original(L);
}

/* }------------------------------------------------------ */

static int frozen_newindex(lua_State *L)
{
    const char *k = lua_tostring(L, 2);
    return luaL_error(L,
                      "cannot change the shared library table%s%s%s (plugins may not change "
                      "what other plugins see)",
                      k ? " (field '" : "", k ? k : "", k ? "')" : "");
}

/* The iterator pairs gives for a frozen table: next over the table behind it (upvalue 1),
   which the plugin never gets hold of. */
static int frozen_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1))) return 2;
    lua_pushnil(L);
    return 1;
}

/* pairs(frozen) -> iterator, the proxy itself, nil: handing out next and the table behind the
   proxy would let a plugin write into the shared library through it. */
static int frozen_pairs(lua_State *L)
{
    lua_getmetatable(L, 1);
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    lua_pushcclosure(L, frozen_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* Replaces the table at idx with a read-only proxy (in place on the stack). */
void bc_sb_freeze(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);          /* proxy */
    lua_createtable(L, 0, 4); /* metatable */
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, frozen_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, frozen_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_replace(L, idx);
}

/* Copies the named fields of the table on top into a new table, leaving it on top. */
static void pick(lua_State *L, const char *const *names)
{
    int src = lua_gettop(L);
    lua_newtable(L);
    for (; *names; names++) {
        lua_getfield(L, src, *names);
        lua_setfield(L, -2, *names);
    }
    lua_remove(L, src);
}

/* Replaces field name of the table at t with fn, the original as fn's upvalue. */
static void wrap(lua_State *L, int t, const char *name, lua_CFunction fn)
{
    lua_getfield(L, t, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, t, name);
}

/* Replaces the table on top with a shallow copy (the library's own table stays untouched). */
static void copy_top(lua_State *L)
{
    int src = lua_gettop(L);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_remove(L, src);
}

void bc_sb_build_base(bc_sandbox *sb)
{
    lua_State *L = sb->L;
    static const char *const base_names[] = {
        "assert",   "error",  "getmetatable", "ipairs",   "next",   "pairs",        "pcall",
        "rawequal", "rawget", "rawlen",       "rawset",   "select", "setmetatable", "tonumber",
        "tostring", "type",   "xpcall",       "_VERSION", NULL};
    static const char *const os_names[] = {"date", "time", "clock", "difftime", NULL};
    static const char *const string_names[] = {
        "byte", "char",    "find", "format", "gmatch", "gsub",     "len",    "lower", "match",
        "rep",  "reverse", "sub",  "upper",  "pack",   "packsize", "unpack", NULL};
    static const char *const libs[] = {"table", "math", "utf8", "coroutine", NULL};

    lua_newtable(L); /* base */
    int base = lua_gettop(L);
    lua_pushglobaltable(L);
    for (const char *const *n = base_names; *n; n++) {
        lua_getfield(L, -1, *n);
        lua_setfield(L, base, *n);
    }
    lua_getfield(L, base, "error");
    bc_sb_base_error = lua_tocfunction(L, -1);
    lua_pop(L, 1);
    wrap(L, base, "setmetatable", sb_setmetatable);
    wrap(L, base, "rawset", sb_rawset);
    wrap(L, base, "xpcall", sb_xpcall);
    /* string without dump (bytecode); also the string metatable's __index */
    lua_getfield(L, -1, "string");
    pick(L, string_names);
    int str = lua_gettop(L);
    wrap(L, str, "rep", sb_rep);
    wrap(L, str, "find", bc_sb_find);
    wrap(L, str, "match", bc_sb_match);
    wrap(L, str, "gmatch", bc_sb_gmatch);
    wrap(L, str, "gsub", bc_sb_gsub);
    lua_pushvalue(L, -1);
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 3);
    bc_sb_freeze(L, -1);
    lua_setfield(L, base, "string");
    for (const char *const *n = libs; *n; n++) {
        lua_getfield(L, -1, *n);
        copy_top(L);
        int t = lua_gettop(L);
        if (!strcmp(*n, "table")) {
            wrap(L, t, "move", sb_move);
            wrap(L, t, "concat", sb_concat);
            wrap(L, t, "unpack", sb_unpack);
            wrap(L, t, "insert", sb_insert);
            wrap(L, t, "remove", sb_remove);
            wrap(L, t, "sort", sb_sort);
        } else if (!strcmp(*n, "utf8")) {
            wrap(L, t, "len", bc_sb_utf8_scan);
            wrap(L, t, "offset", bc_sb_utf8_scan);
            wrap(L, t, "codepoint", bc_sb_utf8_scan);
        } else if (!strcmp(*n, "math")) {
            lua_pushcfunction(L, sb_randomseed);
            lua_setfield(L, t, "randomseed");
        } else if (!strcmp(*n, "coroutine")) {
            wrap(L, t, "create", sb_cocreate);
            wrap(L, t, "close", sb_coclose);
            lua_getfield(L, t, "create");
            lua_getfield(L, t, "resume");
            lua_getfield(L, t, "close");
            lua_pushcclosure(L, sb_cowrap, 3);
            lua_setfield(L, t, "wrap");
        }
        bc_sb_freeze(L, -1);
        lua_setfield(L, base, *n);
    }
    lua_getfield(L, -1, "os");
    pick(L, os_names);
    bc_sb_freeze(L, -1);
    lua_setfield(L, base, "os");
    lua_pop(L, 1); /* globals */
    lua_pushcfunction(L, sb_print);
    lua_setfield(L, base, "print");
    sb->base_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L); /* coroutines the hook stopped, weakly */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, "briefc.stopped");
}

/* }====================================================== */
