/*
** csv.c — RFC 4180 field reader, declared column types and the file's encoding.
*/
#include "base/csv.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

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
    c->line_start = c->p;
    c->field_line = 1;
    c->field_col = 1;
}

static void new_line(bc_csv *c)
{
    c->line++;
    c->line_start = c->p;
}

int bc_csv_field(bc_csv *c, bc_buf *out, int *quoted, int *row_end, bc_error *err)
{
    out->len = 0;
    if (out->data)
        out->data[0] = 0;
    else
        bc_buf_add(out, "", 0);
    *quoted = 0;
    *row_end = 0;
    if (c->done) return 0;
    if (c->at_row_end) {
        /* skip blank lines between rows */
        while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
            c->p++;
            if (c->p[-1] == '\n') new_line(c);
        }
        if (c->p >= c->end) {
            c->done = 1;
            return 0;
        }
        c->row_line = c->line;
    }
    c->field_line = c->line;
    c->field_col = 1;
    for (const char *q = c->line_start; q < c->p; q++)
        c->field_col += ((unsigned char)*q & 0xC0) != 0x80;
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
            if (ch == '\n') new_line(c);
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
        new_line(c);
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

/* The text between leading and trailing spaces ("  12 " is 12). */
static void strip(const char **s, size_t *len)
{
    while (*len && isspace((unsigned char)**s)) (*s)++, (*len)--;
    while (*len && isspace((unsigned char)(*s)[*len - 1])) (*len)--;
}

const char *bc_csv_parse_integer(const char *s, size_t len, long long *out)
{
    strip(&s, &len);
    size_t i = len && (s[0] == '-' || s[0] == '+');
    if (i == len) return "is not a whole number";
    for (size_t k = i; k < len; k++)
        if (!isdigit((unsigned char)s[k]))
            return bc_csv_is_number(s, len)
                       ? "is not a whole number (declare the column \"number\")"
                       : "is not a whole number";
    char buf[32];
    if (len >= sizeof buf) return "is out of the range of a 64-bit integer";
    memcpy(buf, s, len);
    buf[len] = 0;
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno == ERANGE) return "is out of the range of a 64-bit integer";
    *out = v;
    return NULL;
}

const char *bc_csv_parse_number(const char *s, size_t len, double *out)
{
    strip(&s, &len);
    size_t i = len && (s[0] == '-' || s[0] == '+');
    if (i < len && (s[i] == '-' || s[i] == '+')) return "is not a number"; /* "+-3" */
    /* the digits alone, with a leading zero or sign allowed: "08123", "+3.5" */
    size_t k = i;
    while (k < len && s[k] == '0' && k + 1 < len && isdigit((unsigned char)s[k + 1])) k++;
    char buf[64];
    if (len - k + 1 >= sizeof buf) {
        for (size_t j = k; j < len; j++)
            if (!isdigit((unsigned char)s[j]) && s[j] != '.') return "is not a number";
        return "has more digits than a number keeps (declare the column \"string\")";
    }
    size_t n = 0;
    if (i && s[0] == '-') buf[n++] = '-';
    memcpy(buf + n, s + k, len - k);
    n += len - k;
    buf[n] = 0;
    if (!bc_csv_is_number(buf, n)) {
        /* is it a plain decimal, only too precise for a double? */
        size_t d = buf[0] == '-', dig = 0, other = 0, dots = 0;
        for (size_t j = d; j < n; j++) {
            if (isdigit((unsigned char)buf[j]))
                dig++;
            else if (buf[j] == '.')
                dots++;
            else
                other++;
        }
        if (!other && dots <= 1 && dig > 15)
            return "has more digits than a number keeps (declare the column \"string\")";
        return "is not a number";
    }
    double v = strtod(buf, NULL);
    if (!isfinite(v)) return "is too large for a number";
    *out = v;
    return NULL;
}

/* Line (1-based) of byte offset off in s. */
static int line_of(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++) line += s[i] == '\n';
    return line;
}

bc_status bc_csv_decode(const char *data, size_t len, const char *encoding, char **out_owned,
                        size_t *out_len, bc_error *err)
{
    *out_owned = NULL;
    *out_len = len;
    if (!strcmp(encoding, "utf-8")) {
        size_t bad = bc_utf8_check(data, len);
        if (bad == (size_t)-1) return BC_OK;
        return bc_error_set(
            err, NULL, line_of(data, bad),
            "invalid UTF-8 at byte offset %zu (if the "
            "file is not UTF-8, say so: encoding = \"windows-1252\" or \"latin-1\")",
            bad);
    }
    const char *from = !strcmp(encoding, "latin-1")        ? "ISO-8859-1"
                       : !strcmp(encoding, "windows-1252") ? "CP1252"
                                                           : NULL;
    if (!from)
        return bc_error_set(err, NULL, 0,
                            "unknown encoding '%.40s' (use \"utf-8\", \"windows-1252\" or "
                            "\"latin-1\")",
                            encoding);
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return bc_error_set(err, NULL, 0, "this system's iconv cannot read %s", from);
    /* the exact size, not three times the file: bytes below 0x80 stay one byte, Latin-1 and
       Windows-1252 above 0x9F become two, Windows-1252 from 0x80 to 0x9F three (€ is U+20AC) */
    size_t cap = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)data[i];
        cap += ch < 0x80 ? 1 : ch >= 0xA0 || from[0] == 'I' ? 2 : 3;
    }
    char *buf = bc_xmalloc(cap);
    char *in = (char *)data, *o = buf;
    size_t inleft = len, outleft = cap;
    size_t r = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (r == (size_t)-1) {
        size_t off = (size_t)(in - data);
        free(buf);
        return bc_error_set(err, NULL, line_of(data, off),
                            "byte 0x%02X at byte offset %zu is not a "
                            "character in %s",
                            (unsigned char)data[off], off, encoding);
    }
    *out_len = (size_t)(o - buf);
    *out_owned = buf;
    return BC_OK;
}
