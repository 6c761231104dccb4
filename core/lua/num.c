/*
** num.c — checks every number that enters from Lua: finite, in its option's range, whole
** where an integer is meant, and says which option and what value when it is not.
*/
#include "lua/num.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>

/* A value as a reader wants to see it: "nan" (whatever its sign bit), "inf", "-inf", a whole
   number below 10^7 in full, or the shortest of %.6g..%.17g that reads back as the same
   double ("1e+308"; "16.000000000000004", not "16", when just above a bound of 16). */
static void show(double v, char *out, size_t cap)
{
    if (isnan(v)) {
        snprintf(out, cap, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(out, cap, "%s", v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e7) {
        snprintf(out, cap, "%.0f", v); /* 1000000, not 1e+06 */
        return;
    }
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, v);
        if (strtod(out, NULL) == v) return;
    }
}

static void describe(const char *name, double lo, double hi, int integer, const char *got,
                     char *msg, size_t cap)
{
    char l[32], h[32];
    show(lo, l, sizeof l);
    show(hi, h, sizeof h);
    if (integer && isinf(lo) && isinf(hi))
        snprintf(msg, cap, "%s must be a whole number (got %s)", name, got);
    else if (integer)
        snprintf(msg, cap, "%s must be a whole number from %s to %s (got %s)", name, l, h, got);
    else if (isinf(lo) && isinf(hi))
        snprintf(msg, cap, "%s must be a finite number (got %s)", name, got);
    else
        snprintf(msg, cap, "%s must be a finite number between %s and %s (got %s)", name, l, h,
                 got);
}

int bc_num_ok(double v, const char *name, double lo, double hi, int integer, char *msg, size_t cap)
{
    /* written so that NaN fails every comparison into the error branch */
    if (isfinite(v) && v >= lo && v <= hi && (!integer || v == floor(v))) return 1;
    char got[32];
    show(v, got, sizeof got);
    describe(name, lo, hi, integer, got, msg, cap);
    return 0;
}

int bc_num_read(lua_State *L, int idx, const char *name, double lo, double hi, int integer,
                double *out, char *msg, size_t cap)
{
    int isnum = 0;
    double v = 0;
    /* lua_tonumberx converts numbers and numeric strings only: no metamethod, no error */
    if (lua_type(L, idx) == LUA_TNUMBER || lua_type(L, idx) == LUA_TSTRING)
        v = lua_tonumberx(L, idx, &isnum);
    if (!isnum) {
        describe(name, lo, hi, integer, lua_typename(L, lua_type(L, idx)), msg, cap);
        return 0;
    }
    if (!bc_num_ok(v, name, lo, hi, integer, msg, cap)) return 0;
    *out = v;
    return 1;
}

/* {====================================================== raising forms */

static double check(lua_State *L, int idx, const char *name, double lo, double hi, int integer)
{
    char msg[512];
    double v = 0;
    if (!bc_num_read(L, idx, name, lo, hi, integer, &v, msg, sizeof msg)) luaL_error(L, "%s", msg);
    return v;
}

/* An int contract must fit an int, so the cast after the check is defined. */
static int to_int(double v) { return v >= INT_MIN && v <= INT_MAX ? (int)v : 0; }

double bc_num_check(lua_State *L, int idx, const char *name, double lo, double hi)
{
    return check(L, idx, name, lo, hi, 0);
}

int bc_num_checkint(lua_State *L, int idx, const char *name, int lo, int hi)
{
    return to_int(check(L, idx, name, lo, hi, 1));
}

double bc_num_opt(lua_State *L, int idx, const char *name, double def, double lo, double hi)
{
    return lua_isnoneornil(L, idx) ? def : check(L, idx, name, lo, hi, 0);
}

int bc_num_optint(lua_State *L, int idx, const char *name, int def, int lo, int hi)
{
    return lua_isnoneornil(L, idx) ? def : to_int(check(L, idx, name, lo, hi, 1));
}

static double field(lua_State *L, int t, const char *fieldname, const char *what, double def,
                    double lo, double hi, int integer)
{
    t = lua_absindex(L, t);
    lua_getfield(L, t, fieldname);
    double v = def;
    if (!lua_isnil(L, -1)) {
        char name[160];
        if (what)
            snprintf(name, sizeof name, "%.100s: %s", what, fieldname);
        else
            snprintf(name, sizeof name, "%s", fieldname);
        v = check(L, -1, name, lo, hi, integer);
    }
    lua_pop(L, 1);
    return v;
}

double bc_num_field(lua_State *L, int t, const char *fieldname, const char *what, double def,
                    double lo, double hi)
{
    return field(L, t, fieldname, what, def, lo, hi, 0);
}

int bc_num_fieldint(lua_State *L, int t, const char *fieldname, const char *what, int def, int lo,
                    int hi)
{
    return to_int(field(L, t, fieldname, what, def, lo, hi, 1));
}

int bc_num_text_ok(lua_State *L, int idx, const char *what, char *msg, size_t cap)
{
    if (lua_type(L, idx) != LUA_TNUMBER || isfinite(lua_tonumber(L, idx))) return 1;
    char got[32];
    show(lua_tonumber(L, idx), got, sizeof got);
    snprintf(msg, cap, "%s must be text or a finite number (got %s)", what, got);
    return 0;
}

void bc_num_checktext(lua_State *L, int idx, const char *what)
{
    char msg[256];
    if (!bc_num_text_ok(L, idx, what, msg, sizeof msg)) luaL_error(L, "%s", msg);
}

int bc_num_len(lua_State *L, int idx, const char *what, int max)
{
    lua_Integer n = luaL_len(L, idx);
    if (n < 0 || n > max) {
        char name[160], msg[400];
        snprintf(name, sizeof name, "%.100s: length", what);
        bc_num_ok((double)n, name, 0, max, 1, msg, sizeof msg);
        luaL_error(L, "%s", msg);
    }
    return (int)n;
}

/* }====================================================== */
