/*
** fmt.h — number formatting for briefs, exposed to plugins as the global table `fmt`:
** thousands separators, money with scale words, percentages. Non-breaking spaces join a
** number to its unit so "42.6 %" never breaks across lines.
*/
#ifndef BC_FMT_H
#define BC_FMT_H

#include <stddef.h>

#include <lua.h>

/* "1,234,567.9" with the given decimals; a real minus sign for negatives. */
void bc_fmt_number(double v, int decimals, char *out, size_t cap);

/* Money given in millions: "$590 m", "$1.2 bn", "$34.2 bn". */
void bc_fmt_money_m(double millions, int decimals, char *out, size_t cap);

/* Pushes the fmt table (number, money, percent). */
void bc_fmt_push(lua_State *L);

#endif
