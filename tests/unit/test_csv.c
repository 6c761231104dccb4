/* test_csv.c — the RFC 4180 reader (csv.c) on small inputs with known fields: quoted fields,
   doubled quotes, embedded newlines and commas, CRLF, a byte order mark, blank lines between
   rows, the line numbers of errors, and which strings count as numbers. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/csv.h"

/* The fields of data joined as "a|b/c|d/" (| between fields, / at a row's end, * after a
   quoted one), or "error L: message" on a syntax error. */
static char *fields(const char *data)
{
    static char got[4096];
    bc_csv c;
    bc_csv_init(&c, data, strlen(data));
    bc_buf f = {0};
    bc_error err;
    size_t o = 0;
    got[0] = 0;
    int q, end, r;
    while ((r = bc_csv_field(&c, &f, &q, &end, &err)) == 1)
        o += (size_t)snprintf(got + o, sizeof got - o, "%s%s%s", f.data, q ? "*" : "",
                              end ? "/" : "|");
    if (r < 0) snprintf(got, sizeof got, "error %d: %.200s", err.line, err.msg);
    bc_buf_free(&f);
    return got;
}

int main(void)
{
    CHECK_STR(fields("a,b\n1,2\n"), "a|b/1|2/");
    CHECK_STR(fields("a,b\r\n1,2"), "a|b/1|2/");
    CHECK_STR(fields("\xEF\xBB\xBFname\nx\n"), "name/x/");
    CHECK_STR(fields("\"say \"\"hi\"\"\",2\n"), "say \"hi\"*|2/");
    CHECK_STR(fields("\"a,b\",\"two\nlines\"\nz,\n"), "a,b*|two\nlines*/z|/");
    CHECK_STR(fields("a\n\n\nb\n"), "a/b/");
    CHECK_STR(fields(",,\n"), "||/");
    CHECK_STR(fields("\"\"\n"), "*/");
    CHECK_STR(fields("a\n\"open\nstill open"),
              "error 2: unterminated quoted field (opened on line 2)");
    CHECK_STR(fields("a\nb\n\"x\"y\n"), "error 3: unexpected character 'y' after a closing quote");
    CHECK_STR(fields("ab\"c\n"), "error 1: quote inside an unquoted field");
    CHECK(bc_csv_is_number("12", 2) && bc_csv_is_number("-3.5", 4) && bc_csv_is_number("1e6", 3));
    CHECK(!bc_csv_is_number("", 0) && !bc_csv_is_number("12a", 3) && !bc_csv_is_number("soon", 4));
    /* where each field starts, in characters: "é" is one column */
    {
        bc_csv c;
        const char *d = "a,\xc3\xa9\xc3\xa9,x\n\"q\nr\",z\n";
        bc_csv_init(&c, d, strlen(d));
        bc_buf f = {0};
        bc_error err;
        int q, end, pos[12], n = 0;
        while (bc_csv_field(&c, &f, &q, &end, &err) == 1 && n < 12) {
            pos[n++] = c.field_line;
            pos[n++] = c.field_col;
        }
        CHECK(n == 10 && pos[0] == 1 && pos[1] == 1 && pos[3] == 3 && pos[5] == 6 && pos[6] == 2 &&
              pos[7] == 1 && pos[8] == 3 && pos[9] == 4);
        bc_buf_free(&f);
    }
    /* declared types */
    long long iv = 0;
    double dv = 0;
    CHECK(!bc_csv_parse_integer(" 2019 ", 6, &iv) && iv == 2019);
    CHECK(!bc_csv_parse_integer("-007", 4, &iv) && iv == -7);
    CHECK(!bc_csv_parse_integer("9223372036854775807", 19, &iv) && iv == 9223372036854775807LL);
    CHECK_STR(bc_csv_parse_integer("9223372036854775808", 19, &iv),
              "is out of the range of a 64-bit integer");
    CHECK_STR(bc_csv_parse_integer("19a4", 4, &iv), "is not a whole number");
    CHECK_STR(bc_csv_parse_integer("", 0, &iv), "is not a whole number");
    CHECK_STR(bc_csv_parse_integer("-", 1, &iv), "is not a whole number");
    CHECK_STR(bc_csv_parse_integer("2.5", 3, &iv),
              "is not a whole number (declare the column \"number\")");
    CHECK(!bc_csv_parse_number("+3.5", 4, &dv) && dv == 3.5);
    CHECK(!bc_csv_parse_number("08123", 5, &dv) && dv == 8123);
    CHECK(!bc_csv_parse_number("0.25", 4, &dv) && dv == 0.25);
    CHECK(!bc_csv_parse_number("-0.5e3", 6, &dv) && dv == -500);
    CHECK_STR(bc_csv_parse_number("1,234", 5, &dv), "is not a number");
    CHECK_STR(bc_csv_parse_number("+-3", 3, &dv), "is not a number");
    CHECK_STR(bc_csv_parse_integer("+-3", 3, &iv), "is not a whole number");
    CHECK_STR(
        bc_csv_parse_number(
            "a long sentence that is certainly not a number and longer than 64 bytes", 71, &dv),
        "is not a number");
    CHECK_STR(bc_csv_parse_number(
                  "12345678901234567890123456789012345678901234567890123456789012345678", 68, &dv),
              "has more digits than a number keeps (declare the column \"string\")");
    CHECK_STR(bc_csv_parse_number("0x10", 4, &dv), "is not a number");
    CHECK_STR(bc_csv_parse_number("nan", 3, &dv), "is not a number");
    CHECK_STR(bc_csv_parse_number("1e999", 5, &dv), "is too large for a number");
    CHECK_STR(bc_csv_parse_number("1234567890.1234567", 18, &dv),
              "has more digits than a number keeps (declare the column \"string\")");
    /* encodings */
    char *out = NULL;
    size_t olen = 0;
    bc_error err;
    CHECK(bc_csv_decode("caf\xe9", 4, "latin-1", &out, &olen, &err) == BC_OK && olen == 5 &&
          !memcmp(out, "caf\xc3\xa9", 5));
    free(out);
    CHECK(bc_csv_decode("\x80\x93", 2, "windows-1252", &out, &olen, &err) == BC_OK && olen == 6 &&
          !memcmp(out, "\xe2\x82\xac\xe2\x80\x9c", 6));
    free(out);
    CHECK(bc_csv_decode("\x81\xff", 2, "latin-1", &out, &olen, &err) == BC_OK && olen == 4 &&
          !memcmp(out, "\xc2\x81\xc3\xbf", 4)); /* every byte is a Latin-1 character */
    free(out);
    CHECK(bc_csv_decode("a\n\x81", 3, "windows-1252", &out, &olen, &err) == BC_ERR && !out &&
          err.line == 2);
    CHECK_STR(err.msg, "byte 0x81 at byte offset 2 is not a character in windows-1252");
    CHECK(bc_csv_decode("ok\n", 3, "utf-8", &out, &olen, &err) == BC_OK && !out && olen == 3);
    CHECK(bc_csv_decode("a\nb\xe9", 4, "utf-8", &out, &olen, &err) == BC_ERR && err.line == 2);
    CHECK(bc_csv_decode("x", 1, "utf8", &out, &olen, &err) == BC_ERR);
    CHECK_STR(err.msg, "unknown encoding 'utf8' (use \"utf-8\", \"windows-1252\" or \"latin-1\")");
    return check_done();
}
