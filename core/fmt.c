/*
** fmt.c — number formatting shared by table cells, chart axes and the fmt Lua table.
*/
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#define NBSP "\xC2\xA0"
#define MINUS "\xE2\x88\x92"

void bc_fmt_number(double v, int decimals, char *out, size_t cap)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 10) decimals = 10;
    if (!isfinite(v)) {
        snprintf(out, cap, "%s", isnan(v) ? "n/a" : v > 0 ? "\xE2\x88\x9E" : MINUS "\xE2\x88\x9E");
        return;
    }
    char tmp[400];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, fabs(v));
    int negative = v < 0 && strspn(tmp, "0.") != strlen(tmp);
    const char *dot = strchr(tmp, '.');
    size_t intlen = dot ? (size_t)(dot - tmp) : strlen(tmp);
    char res[512];
    size_t o = 0;
    if (negative) {
        memcpy(res, MINUS, 3);
        o = 3;
    }
    for (size_t i = 0; i < intlen && o < sizeof res - 4; i++) {
        res[o++] = tmp[i];
        size_t left = intlen - i - 1;
        if (left > 0 && left % 3 == 0) res[o++] = ',';
    }
    res[o] = 0;
    snprintf(out, cap, "%s%s", res, dot ? dot : "");
}

void bc_fmt_money_m(double m, int decimals, char *out, size_t cap)
{
    char num[128];
    if (fabs(m) >= 1000) {
        bc_fmt_number(m / 1000, decimals < 0 ? 1 : decimals, num, sizeof num);
        snprintf(out, cap, "$%s" NBSP "bn", num);
    } else {
        bc_fmt_number(m, decimals < 0 ? 0 : decimals, num, sizeof num);
        snprintf(out, cap, "$%s" NBSP "m", num);
    }
    if (m < 0 && strncmp(out, "$" MINUS, 4) == 0) {
        /* "−$5 m" reads better than "$−5 m" */
        char fixed[256];
        snprintf(fixed, sizeof fixed, MINUS "$%s", out + 4);
        snprintf(out, cap, "%s", fixed);
    }
}

/* fmt.number(x [, decimals]) */
static int f_number(lua_State *L)
{
    char buf[512];
    bc_fmt_number(luaL_checknumber(L, 1), (int)luaL_optinteger(L, 2, 0), buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

/* fmt.money(millions [, decimals]) */
static int f_money(lua_State *L)
{
    char buf[512];
    bc_fmt_money_m(luaL_checknumber(L, 1), (int)luaL_optinteger(L, 2, -1), buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

/* fmt.percent(fraction [, decimals]): 0.426 -> "42.6 %" */
static int f_percent(lua_State *L)
{
    char buf[512], out[540];
    bc_fmt_number(luaL_checknumber(L, 1) * 100, (int)luaL_optinteger(L, 2, 1), buf, sizeof buf);
    snprintf(out, sizeof out, "%s" NBSP "%%", buf);
    lua_pushstring(L, out);
    return 1;
}

void bc_fmt_push(lua_State *L)
{
    static const luaL_Reg f[] = {{"number", f_number}, {"money", f_money}, {"percent", f_percent},
                                 {NULL, NULL}};
    luaL_newlib(L, f);
}
