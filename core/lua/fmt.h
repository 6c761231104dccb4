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

/* Money given in millions: "$590 m", "$1.2 bn", "$34.2 bn". decimals < 0 is the default:
   one in billions; none in millions from $10 m, up to two below ("$3.5 m", "$0.25 m"). */
void bc_fmt_money_m(double millions, int decimals, char *out, size_t cap);

/* A fraction as a percentage: 0.079 -> "7.9 %" (decimals < 0: one). */
void bc_fmt_percent(double fraction, int decimals, char *out, size_t cap);

/* What a value is in: a plain number, millions of dollars, or a fraction shown in per cent.
   Tables, chart labels and the fmt table all format through bc_fmt_value, so one value
   reads the same everywhere. */
typedef enum { BC_FMT_KIND_NUMBER, BC_FMT_KIND_MONEY, BC_FMT_KIND_PERCENT } bc_fmt_kind;

/* v in its kind; decimals < 0 is the kind's default (a number: the decimals it needs). */
void bc_fmt_value(bc_fmt_kind kind, double v, int decimals, char *out, size_t cap);

/* The fewest decimals (0 to max) that print v as its shortest 15-significant-digit form:
   53.5 -> 1, 14.0 -> 0, 0.001234 -> 6. More than max: max. */
int bc_fmt_decimals_needed(double v, int max);

/* Decimals for a label that shows about three significant digits without losing a whole
   value's exactness: 6 -> 0, 53.456 -> 1, 0.001234 -> 5 (at most max). */
int bc_fmt_decimals_label(double v, int max);

/* Pushes the fmt table (number, money, percent). */
void bc_fmt_push(lua_State *L);

#endif
