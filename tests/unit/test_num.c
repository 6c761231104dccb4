/* test_num.c — the number checkers: NaN, infinities, bounds, whole numbers and lengths, with
   the exact messages, and the raising forms reporting at the caller's line. */
#include <float.h>
#include <math.h>

#include <lauxlib.h>
#include <lualib.h>

#include "check.h"
#include "lua/num.h"

static int ok(double v, double lo, double hi, int integer, const char *want)
{
    char msg[256] = "";
    int r = bc_num_ok(v, "opt", lo, hi, integer, msg, sizeof msg);
    if (want) CHECK_STR(msg, want);
    return r;
}

/* Runs chunk (which calls probe(...)) and returns its error message, or "" when it passed. */
static const char *run(lua_State *L, const char *chunk)
{
    lua_settop(L, 0);
    if (luaL_loadbuffer(L, chunk, strlen(chunk), "=case") != LUA_OK) return lua_tostring(L, -1);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) return lua_tostring(L, -1);
    return "";
}

static int probe_int(lua_State *L)
{
    lua_pushinteger(L, bc_num_checkint(L, 1, "level", 1, 3));
    return 1;
}

static int probe_field(lua_State *L)
{
    lua_pushnumber(L, bc_num_field(L, 1, "aspect", "chart 'x'", 0.5, 0.1, 2));
    return 1;
}

static int probe_optint(lua_State *L)
{
    lua_pushinteger(L, bc_num_optint(L, 1, "decimals", 7, 0, 10));
    return 1;
}

static int probe_len(lua_State *L)
{
    lua_pushinteger(L, bc_num_len(L, 1, "the list", 100));
    return 1;
}

int main(void)
{
    /* bc_num_ok: NaN and infinities fail every contract, whatever the bounds */
    CHECK(ok(10, 6, 16, 0, NULL));
    CHECK(ok(6, 6, 16, 0, NULL) && ok(16, 6, 16, 0, NULL));
    CHECK(!ok(NAN, 6, 16, 0, "opt must be a finite number between 6 and 16 (got nan)"));
    CHECK(!ok(-NAN, 6, 16, 0, "opt must be a finite number between 6 and 16 (got nan)"));
    CHECK(!ok(INFINITY, -HUGE_VAL, HUGE_VAL, 0, "opt must be a finite number (got inf)"));
    CHECK(!ok(-INFINITY, -HUGE_VAL, HUGE_VAL, 0, "opt must be a finite number (got -inf)"));
    CHECK(ok(DBL_MAX, -HUGE_VAL, HUGE_VAL, 0, NULL));
    CHECK(!ok(1e308, 0, 1000, 0, "opt must be a finite number between 0 and 1000 (got 1e+308)"));
    CHECK(!ok(nextafter(16, 17), 6, 16, 0,
              "opt must be a finite number between 6 and 16 (got 16.000000000000004)"));
    CHECK(!ok(0.05, 0.1, 2, 0, "opt must be a finite number between 0.1 and 2 (got 0.05)"));
    /* whole numbers: NaN and huge values never reach a cast */
    CHECK(ok(3, 1, 3, 1, NULL));
    CHECK(!ok(2.5, 1, 3, 1, "opt must be a whole number from 1 to 3 (got 2.5)"));
    CHECK(!ok(NAN, 1, 3, 1, "opt must be a whole number from 1 to 3 (got nan)"));
    CHECK(!ok(1e308, 1, 3, 1, "opt must be a whole number from 1 to 3 (got 1e+308)"));
    CHECK(!ok(0, 1, 1000000, 1, "opt must be a whole number from 1 to 1000000 (got 0)"));
    CHECK(!ok(-1e15 - 2, -1e15, 1e15, 0, NULL));
    CHECK(ok(1e300, -HUGE_VAL, HUGE_VAL, 1, NULL));
    CHECK(!ok(2016.5, -HUGE_VAL, HUGE_VAL, 1, "opt must be a whole number (got 2016.5)"));
    CHECK(!ok(INFINITY, -HUGE_VAL, HUGE_VAL, 1, "opt must be a whole number (got inf)"));

    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    /* bc_num_read: numbers and numeric strings; anything else by its type, no metamethod */
    char msg[256];
    double v = -1;
    lua_pushnumber(L, 12.5);
    CHECK(bc_num_read(L, -1, "x", 0, 100, 0, &v, msg, sizeof msg) && v == 12.5);
    lua_pushstring(L, "42");
    CHECK(bc_num_read(L, -1, "x", 0, 100, 1, &v, msg, sizeof msg) && v == 42);
    lua_pushstring(L, "1e999");
    CHECK(!bc_num_read(L, -1, "x", 0, 100, 0, &v, msg, sizeof msg));
    CHECK_STR(msg, "x must be a finite number between 0 and 100 (got inf)");
    lua_pushstring(L, "nan");
    CHECK(!bc_num_read(L, -1, "x", 0, 100, 0, &v, msg, sizeof msg));
    CHECK_STR(msg, "x must be a finite number between 0 and 100 (got string)");
    CHECK(luaL_dostring(L, "return setmetatable({}, { __index = function() error('boom') end, "
                           "__tonumber = function() return 1 end })") == LUA_OK);
    v = -1;
    CHECK(!bc_num_read(L, -1, "x", 0, 100, 1, &v, msg, sizeof msg) && v == -1);
    CHECK_STR(msg, "x must be a whole number from 0 to 100 (got table)");
    lua_pushboolean(L, 1);
    CHECK(!bc_num_read(L, -1, "x", 0, 100, 0, &v, msg, sizeof msg));
    CHECK_STR(msg, "x must be a finite number between 0 and 100 (got boolean)");
    /* numbers as text: finite ones pass, and anything that is not a number */
    lua_pushnumber(L, 1e308);
    CHECK(bc_num_text_ok(L, -1, "title", msg, sizeof msg));
    lua_pushstring(L, "nan");
    CHECK(bc_num_text_ok(L, -1, "title", msg, sizeof msg));
    lua_pushnumber(L, -NAN);
    CHECK(!bc_num_text_ok(L, -1, "title", msg, sizeof msg));
    CHECK_STR(msg, "title must be text or a finite number (got nan)");
    lua_settop(L, 0);

    /* raising forms: the message carries the calling line */
    lua_register(L, "probe_int", probe_int);
    lua_register(L, "probe_field", probe_field);
    lua_register(L, "probe_optint", probe_optint);
    lua_register(L, "probe_len", probe_len);
    CHECK_STR(run(L, "return probe_int(2)"), "");
    CHECK(lua_tointeger(L, -1) == 2);
    CHECK_STR(run(L, "\nreturn probe_int(0/0)"),
              "case:2: level must be a whole number from 1 to 3 (got nan)");
    CHECK_STR(run(L, "return probe_int(-2^63)"),
              "case:1: level must be a whole number from 1 to 3 (got -9.223372036854776e+18)");
    CHECK_STR(run(L, "return probe_field({ aspect = 1/0 })"),
              "case:1: chart 'x': aspect must be a finite number between 0.1 and 2 (got inf)");
    CHECK_STR(run(L, "return probe_field({})"), "");
    CHECK(lua_tonumber(L, -1) == 0.5);
    CHECK_STR(run(L, "return probe_optint()"), "");
    CHECK(lua_tointeger(L, -1) == 7);
    CHECK_STR(run(L, "return probe_optint(1e308)"),
              "case:1: decimals must be a whole number from 0 to 10 (got 1e+308)");
    CHECK_STR(run(L, "return probe_len({1, 2, 3})"), "");
    CHECK(lua_tointeger(L, -1) == 3);
    CHECK_STR(run(L, "return probe_len(setmetatable({}, { __len = function() return -1 end }))"),
              "case:1: the list: length must be a whole number from 0 to 100 (got -1)");
    CHECK_STR(run(L, "return probe_len(setmetatable({}, { __len = function() return 2^62 end }))"),
              "case:1: the list: length must be a whole number from 0 to 100 (got "
              "4.611686018427388e+18)");
    lua_close(L);
    return check_done();
}
