/* test_csv.c — the RFC 4180 reader (csv.c) on small inputs with known fields: quoted fields,
   doubled quotes, embedded newlines and commas, CRLF, a byte order mark, blank lines between
   rows, the line numbers of errors, and which strings count as numbers. */
#include <stdlib.h>

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
        o += (size_t)snprintf(got + o, sizeof got - o, "%s%s%s", f.data, q ? "*" : "", end ? "/" : "|");
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
    CHECK_STR(fields("a\n\"open\nstill open"), "error 2: unterminated quoted field (opened on line 2)");
    CHECK_STR(fields("a\nb\n\"x\"y\n"), "error 3: unexpected character 'y' after a closing quote");
    CHECK_STR(fields("ab\"c\n"), "error 1: quote inside an unquoted field");
    CHECK(bc_csv_is_number("12", 2) && bc_csv_is_number("-3.5", 4) && bc_csv_is_number("1e6", 3));
    CHECK(!bc_csv_is_number("", 0) && !bc_csv_is_number("12a", 3) && !bc_csv_is_number("soon", 4));
    return check_done();
}
