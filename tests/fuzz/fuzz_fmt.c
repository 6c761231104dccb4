/* fuzz_fmt.c — the one number formatter (table cells, chart labels, fmt): for any finite value
   within ±10^15 and any decimals it writes valid UTF-8 that fits its buffer; a number printed
   with the decimals it needs reads back as the value (to 15 significant digits), and a
   non-zero value never prints as zero then. The input is 8 bytes of a double and a byte of
   decimals; a CSV field's typing is checked against strtod on the same bytes as text. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "lua/fmt.h"
#include "base/utf8.h"

/* The formatted number as a C number: separators dropped, the real minus as '-'. */
static double read_back(const char *s)
{
    char plain[600];
    size_t o = 0;
    if (!strncmp(s, "\xE2\x88\x92", 3)) {
        plain[o++] = '-';
        s += 3;
    }
    for (; *s && o < sizeof plain - 1; s++)
        if (*s != ',') plain[o++] = *s;
    plain[o] = 0;
    return strtod(plain, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 9) {
        double v;
        memcpy(&v, data, sizeof v);
        int dec = data[8] % 12 - 1; /* -1 (the default) to 10 */
        if (isfinite(v) && fabs(v) <= 1e15) {
            char out[600];
            for (int k = 0; k < 3; k++) {
                bc_fmt_value((bc_fmt_kind)k, k == 2 ? v / 100 : v, dec, out, sizeof out);
                if (!out[0] || bc_utf8_check(out, strlen(out)) != (size_t)-1) abort();
            }
            int need = bc_fmt_decimals_needed(v, 10);
            if (need < 0 || need > 10) abort();
            int lab = bc_fmt_decimals_label(v, 6);
            if (lab < 0 || lab > 6) abort();
            bc_fmt_number(v, need, out, sizeof out);
            double back = read_back(out);
            if (need < 10) { /* exact: the 15 significant digits of v */
                char a[40], b[40];
                snprintf(a, sizeof a, "%.14e", v);
                snprintf(b, sizeof b, "%.14e", back);
                if (strcmp(a, b) && !(v == 0 && back == 0)) abort();
            }
            if (v != 0 && need < 10 && back == 0) abort();
        }
    }
    /* CSV typing: a field typed as a number is one strtod reads whole and keeps */
    char field[64];
    size_t n = size < sizeof field - 1 ? size : sizeof field - 1;
    memcpy(field, data, n);
    field[n] = 0;
    if (strlen(field) == n && bc_csv_is_number(field, n)) {
        char *end;
        double x = strtod(field, &end);
        if (*end) abort();
        if (field[0] == '+' || (field[0] == '0' && n > 1 && field[1] >= '0' && field[1] <= '9'))
            abort();
        (void)x;
    }
    return 0;
}
