/*
** fmt.c — number formatting shared by table cells, chart axes and the fmt Lua table.
*/
#include "lua/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "lua/num.h"

#define NBSP "\xC2\xA0"
#define MINUS "\xE2\x88\x92"

/*
** a (finite, >= 0) with dec decimals, rounded half away from zero as its 15 significant
** digits read: 3.25 -> "3.3" and 2.675 -> "2.68", where printf rounds the binary value (to
** even on a tie: "3.2"; below the tie: "2.67"). No digit past the 15th is invented.
*/
static void fixed_decimal(double a, int dec, char *out, size_t cap)
{
    char e[64], dig[24];
    snprintf(e, sizeof e, "%.14e", a); /* d.dddddddddddddde+XX */
    int nd = 0;
    for (const char *p = e; *p && *p != 'e'; p++)
        if (*p != '.') dig[nd++] = *p;
    int exp = atoi(strchr(e, 'e') + 1); /* a = 0.d1d2... x 10^(exp + 1) */
    int keep = exp + 1 + dec;           /* digits before the cut */
    if (keep < 0 || (keep == 0 && dig[0] < '5')) {
        snprintf(out, cap, "%.*f", dec, 0.0);
        return;
    }
    if (keep < nd && dig[keep] >= '5') { /* round up, carrying */
        int i = keep - 1;
        while (i >= 0 && dig[i] == '9') dig[i--] = '0';
        if (i >= 0) {
            dig[i]++;
        } else { /* 9.99 -> 10.0, or a tie at the first digit (0.5 -> 1) */
            memmove(dig + 1, dig, (size_t)nd);
            dig[0] = '1';
            nd++;
            exp++;
            keep++;
        }
    }
    char buf[400];
    size_t o = 0;
    int intd = exp + 1; /* digits before the point */
    if (intd <= 0) buf[o++] = '0';
    for (int i = 0; i < intd && o < sizeof buf - 16; i++)
        buf[o++] = i < nd && i < keep ? dig[i] : '0';
    if (dec > 0) {
        buf[o++] = '.';
        for (int k = 0; k < dec && o < sizeof buf - 2; k++) {
            int i = intd + k; /* index into dig */
            buf[o++] = i >= 0 && i < nd && i < keep ? dig[i] : '0';
        }
    }
    buf[o] = 0;
    snprintf(out, cap, "%s", buf);
}

void bc_fmt_number(double v, int decimals, char *out, size_t cap)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 10) decimals = 10;
    if (!isfinite(v)) {
        snprintf(out, cap, "%s", isnan(v) ? "n/a" : v > 0 ? "\xE2\x88\x9E" : MINUS "\xE2\x88\x9E");
        return;
    }
    char tmp[400];
    fixed_decimal(fabs(v), decimals, tmp, sizeof tmp);
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

int bc_fmt_decimals_needed(double v, int max)
{
    if (!isfinite(v) || v == 0) return 0;
    char s[64];
    snprintf(s, sizeof s, "%.15g", fabs(v)); /* %g drops trailing zeros */
    const char *e = strchr(s, 'e');
    int exp = e ? atoi(e + 1) : 0;
    const char *dot = strchr(s, '.');
    int frac = dot ? (int)((e ? e : s + strlen(s)) - dot - 1) : 0;
    int d = frac - exp;
    if (d < 0) d = 0;
    return d > max ? max : d;
}

int bc_fmt_decimals_label(double v, int max)
{
    int need = bc_fmt_decimals_needed(v, max);
    if (need == 0) return 0;
    double lg = floor(log10(fabs(v)));
    int cap = lg >= 1 ? 1 : (int)(2 - lg);
    if (cap > max) cap = max;
    return need < cap ? need : cap;
}

void bc_fmt_money_m(double m, int decimals, char *out, size_t cap)
{
    char num[128];
    if (fabs(m) >= 1000) {
        bc_fmt_number(m / 1000, decimals < 0 ? 1 : decimals, num, sizeof num);
        snprintf(out, cap, "$%s" NBSP "bn", num);
    } else {
        if (decimals < 0) decimals = fabs(m) >= 10 ? 0 : bc_fmt_decimals_needed(m, 2);
        bc_fmt_number(m, decimals, num, sizeof num);
        snprintf(out, cap, "$%s" NBSP "m", num);
    }
    if (m < 0 && strncmp(out, "$" MINUS, 4) == 0) {
        /* "−$5 m" reads better than "$−5 m" */
        char fixed[256];
        snprintf(fixed, sizeof fixed, MINUS "$%s", out + 4);
        snprintf(out, cap, "%s", fixed);
    }
}

void bc_fmt_percent(double f, int decimals, char *out, size_t cap)
{
    char buf[512];
    bc_fmt_number(f * 100, decimals < 0 ? 1 : decimals, buf, sizeof buf);
    snprintf(out, cap, "%s" NBSP "%%", buf);
}

void bc_fmt_value(bc_fmt_kind kind, double v, int decimals, char *out, size_t cap)
{
    if (kind == BC_FMT_KIND_MONEY)
        bc_fmt_money_m(v, decimals, out, cap);
    else if (kind == BC_FMT_KIND_PERCENT)
        bc_fmt_percent(v, decimals, out, cap);
    else
        bc_fmt_number(v, decimals < 0 ? bc_fmt_decimals_needed(v, 10) : decimals, out, cap);
}

/*
** The Lua functions take only what they can print exactly: a finite number within 10^15
** (a percentage's fraction within 10^13) and 0 to 10 decimals. Anything else (NaN, an
** infinity, 1e308, 2.5 decimals) is an error at the plugin's line, never "nan" in a PDF.
*/

/* fmt.number(x [, decimals]) */
static int f_number(lua_State *L)
{
    char buf[512];
    double x = bc_num_check(L, 1, "fmt.number: x", -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX);
    bc_fmt_number(x, bc_num_optint(L, 2, "fmt.number: decimals", 0, 0, 10), buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

/* fmt.money(millions [, decimals]) */
static int f_money(lua_State *L)
{
    char buf[512];
    double m = bc_num_check(L, 1, "fmt.money: millions", -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX);
    bc_fmt_money_m(m, bc_num_optint(L, 2, "fmt.money: decimals", -1, 0, 10), buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

/* fmt.percent(fraction [, decimals]): 0.426 -> "42.6 %" */
static int f_percent(lua_State *L)
{
    char out[540];
    double f = bc_num_check(L, 1, "fmt.percent: fraction", -BC_NUM_DIGITS_MAX / 100,
                            BC_NUM_DIGITS_MAX / 100);
    bc_fmt_percent(f, bc_num_optint(L, 2, "fmt.percent: decimals", 1, 0, 10), out, sizeof out);
    lua_pushstring(L, out);
    return 1;
}

/* fmt.range(first, last [, prefix]): "FY2008–FY2018"; one value when they are equal */
static int f_range(lua_State *L)
{
    bc_num_checktext(L, 1, "fmt.range: first");
    bc_num_checktext(L, 2, "fmt.range: last");
    bc_num_checktext(L, 3, "fmt.range: prefix");
    const char *a = luaL_checkstring(L, 1);
    const char *b = luaL_checkstring(L, 2);
    const char *p = luaL_optstring(L, 3, "");
    if (!strcmp(a, b))
        lua_pushfstring(L, "%s%s", p, a);
    else
        lua_pushfstring(L, "%s%s\xE2\x80\x93%s%s", p, a, p, b);
    return 1;
}

/* fmt.date("2026-11-28" [, "long" | "short" | "month"]): "28 November 2026" */
static int f_date(lua_State *L)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    const char *s = luaL_checkstring(L, 1);
    const char *style = luaL_optstring(L, 2, "long");
    int y = 0, m = 0, d = 0;
    char extra;
    int n = sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra);
    if (n == 2 && strlen(s) == 7)
        d = 0;
    else if (n != 3 || strlen(s) != 10)
        return luaL_argerror(L, 1, "a date like \"2026-11-28\" or \"2026-11\"");
    if (m < 1 || m > 12 || d < 0 || d > 31) return luaL_argerror(L, 1, "no such month or day");
    char mon[16];
    snprintf(mon, sizeof mon, "%s", months[m - 1]);
    if (!strcmp(style, "short"))
        mon[3] = 0;
    else if (strcmp(style, "long") && strcmp(style, "month"))
        return luaL_argerror(L, 2, "style must be long, short or month");
    if (d && strcmp(style, "month"))
        lua_pushfstring(L, "%d %s %d", d, mon, y);
    else
        lua_pushfstring(L, "%s %d", mon, y);
    return 1;
}

void bc_fmt_push(lua_State *L)
{
    static const luaL_Reg f[] = {{"number", f_number}, {"money", f_money}, {"percent", f_percent},
                                 {"range", f_range},   {"date", f_date},   {NULL, NULL}};
    luaL_newlib(L, f);
}
