/*
** csv.c — RFC 4180 field reader.
*/
#include "base/csv.h"

#include <ctype.h>
#include <string.h>

void bc_csv_init(bc_csv *c, const char *data, size_t len)
{
    c->p = data;
    c->end = data + len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) c->p += 3;
    c->line = 1;
    c->row_line = 1;
    c->at_row_end = 1;
    c->done = 0;
    c->literal_quotes = 0;
}

int bc_csv_field(bc_csv *c, bc_buf *out, int *quoted, int *row_end, bc_error *err)
{
    out->len = 0;
    if (out->data) out->data[0] = 0;
    else bc_buf_add(out, "", 0);
    *quoted = 0;
    *row_end = 0;
    if (c->done) return 0;
    if (c->at_row_end) {
        /* skip blank lines between rows */
        while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
            if (*c->p == '\n') c->line++;
            c->p++;
        }
        if (c->p >= c->end) {
            c->done = 1;
            return 0;
        }
        c->row_line = c->line;
    }
    if (c->p < c->end && *c->p == '"') {
        *quoted = 1;
        int start_line = c->line;
        c->p++;
        for (;;) {
            if (c->p >= c->end) {
                bc_error_set(err, NULL, start_line, "unterminated quoted field (opened on line %d)",
                             start_line);
                return -1;
            }
            char ch = *c->p++;
            if (ch == '"') {
                if (c->p < c->end && *c->p == '"') {
                    bc_buf_addc(out, '"');
                    c->p++;
                    continue;
                }
                break;
            }
            if (ch == '\n') c->line++;
            bc_buf_addc(out, ch);
        }
        if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
            bc_error_set(err, NULL, c->line, "unexpected character '%c' after a closing quote",
                         *c->p);
            return -1;
        }
    } else {
        const char *s = c->p;
        while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
            if (*c->p == '"' && !c->literal_quotes) {
                bc_error_set(err, NULL, c->line, "quote inside an unquoted field");
                return -1;
            }
            c->p++;
        }
        bc_buf_add(out, s, (size_t)(c->p - s));
    }
    if (c->p >= c->end) {
        *row_end = 1;
        c->done = 1;
    } else if (*c->p == ',') {
        c->p++;
    } else {
        if (*c->p == '\r') c->p++;
        if (c->p < c->end && *c->p == '\n') c->p++;
        c->line++;
        *row_end = 1;
    }
    c->at_row_end = *row_end;
    return 1;
}

int bc_csv_is_number(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] == '-') i++; /* a plus sign is kept: "+3" may be a code */
    size_t d0 = i;
    while (i < len && isdigit((unsigned char)s[i])) i++;
    if (i == d0) return 0;
    if (s[d0] == '0' && i - d0 > 1) return 0; /* "08123" is a code, not 8123 */
    size_t sig = 0, zeros = 0; /* significant digits, and zeros not yet known to count */
    int started = 0;
    for (size_t k = d0; k < i; k++) {
        if (s[k] != '0') started = 1;
        if (started) sig++;
    }
    if (i < len && s[i] == '.') {
        i++;
        size_t f0 = i;
        while (i < len && isdigit((unsigned char)s[i])) {
            if (s[i] != '0') {
                started = 1;
                sig += zeros + 1;
                zeros = 0;
            } else if (started) {
                zeros++; /* trailing zeros of a fraction do not count: "14.0" is 14 */
            }
            i++;
        }
        if (i == f0) return 0;
    }
    if (sig > 15) return 0; /* a double would round it */
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+')) i++;
        size_t e0 = i;
        while (i < len && isdigit((unsigned char)s[i])) i++;
        if (i == e0) return 0;
    }
    return i == len;
}
