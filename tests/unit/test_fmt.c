/* test_fmt.c — the one number formatter behind table cells, chart labels and the fmt table:
   the decimals a value needs, the label rule, and money and percentages as fmt gives them. */
#include <math.h>

#include "check.h"
#include "lua/fmt.h"

#define NBSP "\xC2\xA0"

static const char *value(bc_fmt_kind k, double v, int decimals)
{
    static char out[128];
    bc_fmt_value(k, v, decimals, out, sizeof out);
    return out;
}

int main(void)
{
    /* the decimals a value needs to print exactly (issue 17, item 1) */
    CHECK(bc_fmt_decimals_needed(53.5, 10) == 1);
    CHECK(bc_fmt_decimals_needed(14.0, 10) == 0);
    CHECK(bc_fmt_decimals_needed(0.001234, 10) == 6);
    CHECK(bc_fmt_decimals_needed(-2.25, 10) == 2);
    CHECK(bc_fmt_decimals_needed(1234567.125, 10) == 3);
    CHECK(bc_fmt_decimals_needed(0.1 + 0.2, 10) == 1); /* 15 significant digits: 0.3 */
    CHECK(bc_fmt_decimals_needed(1e-12, 10) == 10);
    CHECK(bc_fmt_decimals_needed(1e14, 10) == 0);
    CHECK(bc_fmt_decimals_needed(0, 10) == 0 && bc_fmt_decimals_needed(NAN, 10) == 0);
    /* labels: about three significant digits, whole values without ".0" (item 3) */
    CHECK(bc_fmt_decimals_label(6, 6) == 0);
    CHECK(bc_fmt_decimals_label(53.456, 6) == 1);
    CHECK(bc_fmt_decimals_label(7.9, 6) == 1);
    CHECK(bc_fmt_decimals_label(0.001234, 6) == 5);
    CHECK(bc_fmt_decimals_label(1e-9, 6) == 6);
    /* numbers: the decimals they need unless told */
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 53.5, -1), "53.5");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 0.001234, -1), "0.001234");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, -1234.5, 2), "\xE2\x88\x92"
                                                     "1,234.50");
    /* money in millions, each value in its own unit, as fmt.money (item 2) */
    CHECK_STR(value(BC_FMT_KIND_MONEY, 500, -1), "$500" NBSP "m");
    CHECK_STR(value(BC_FMT_KIND_MONEY, 1200, -1), "$1.2" NBSP "bn");
    CHECK_STR(value(BC_FMT_KIND_MONEY, 3.5, -1), "$3.5" NBSP "m");
    CHECK_STR(value(BC_FMT_KIND_MONEY, 0.25, -1), "$0.25" NBSP "m");
    CHECK_STR(value(BC_FMT_KIND_MONEY, 590.4, -1), "$590" NBSP "m");
    CHECK_STR(value(BC_FMT_KIND_MONEY, -5, -1), "\xE2\x88\x92$5" NBSP "m");
    CHECK_STR(value(BC_FMT_KIND_MONEY, 34200, 2), "$34.20" NBSP "bn");
    /* percentages from fractions, as fmt.percent */
    CHECK_STR(value(BC_FMT_KIND_PERCENT, 0.079, -1), "7.9" NBSP "%");
    CHECK_STR(value(BC_FMT_KIND_PERCENT, 0.5, 0), "50" NBSP "%");
    CHECK_STR(value(BC_FMT_KIND_PERCENT, 0.0123, 2), "1.23" NBSP "%");
    /* rounding: half away from zero, as the decimal digits read (fmt.number(-3.25, 1) is
       "−3.3", as plugins/README.md says; printf gave "−3.2") */
    CHECK_STR(value(BC_FMT_KIND_NUMBER, -3.25, 1), "\xE2\x88\x92"
                                                   "3.3");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 2.675, 2), "2.68");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 0.5, 0), "1");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 0.45, 0), "0");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 9.995, 2), "10.00");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 999999.5, 0), "1,000,000");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 0.0005, 3), "0.001");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 0.00049, 3), "0.000");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, -0.00049, 3), "0.000"); /* no minus on a zero */
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 1e15, 2), "1,000,000,000,000,000.00");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 123456789.123, 1), "123,456,789.1");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 0.1 + 0.2, 10), "0.3000000000");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 1234.5, 0), "1,235");
    CHECK_STR(value(BC_FMT_KIND_NUMBER, 0, 2), "0.00");
    CHECK_STR(value(BC_FMT_KIND_MONEY, 1250, -1), "$1.3" NBSP "bn");
    return check_done();
}
