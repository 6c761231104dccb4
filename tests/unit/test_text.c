/* test_text.c — UTF-8 validation, inline markup, CSV reading, number formatting, ticks, and
   the growable-array macro. */
#include <math.h>
#include <stdlib.h>

#include "layout/chart.h"
#include "check.h"
#include "base/csv.h"
#include "lua/fmt.h"
#include "doc/markup.h"
#include "base/utf8.h"

static void test_utf8(void)
{
    CHECK(bc_utf8_check("plain", 5) == (size_t)-1);
    const char *ok = "caf\xC3\xA9 \xE2\x80\x93 \xE2\x82\xAC";
    CHECK(bc_utf8_check(ok, strlen(ok)) == (size_t)-1);
    CHECK(bc_utf8_check("ab\xC3", 3) == 2);           /* truncated */
    CHECK(bc_utf8_check("\xC0\xAF", 2) == 0);         /* overlong */
    CHECK(bc_utf8_check("x\xED\xA0\x80", 4) == 1);    /* surrogate */
    CHECK(bc_utf8_check("\xF4\x90\x80\x80", 4) == 0); /* above U+10FFFF */
    CHECK(bc_utf8_check("\xF0\x9F\x98\x80", 4) == (size_t)-1);
    const char *p = "\xC4\x80";
    CHECK(bc_utf8_next(&p) == 0x100);
    char buf[4];
    CHECK(bc_utf8_encode(0x20AC, buf) == 3 && memcmp(buf, "\xE2\x82\xAC", 3) == 0);
}

static void test_markup(void)
{
    bc_arena *a = bc_arena_new();
    bc_inline in;
    bc_error err;
    const char *s = "plain **bold** and *it* [CRS](https://crs.gov) \\*x\\*";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK(in.n == 7);
    CHECK_STR(in.runs[0].text, "plain ");
    CHECK_STR(in.runs[1].text, "bold");
    CHECK(in.runs[1].style == BC_STYLE_BOLD);
    CHECK(in.runs[3].style == BC_STYLE_ITALIC);
    CHECK_STR(in.runs[5].text, "CRS");
    CHECK_STR(in.runs[5].link, "https://crs.gov");
    CHECK_STR(in.runs[6].text, " *x*");
    CHECK_STR(bc_inline_text(a, &in), "plain bold and it CRS *x*");

    s = "2 * 3 = 6 and a lone ** here";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK(in.n == 1 && in.runs[0].style == 0);
    CHECK_STR(in.runs[0].text, s);

    s = "***both*** [not a link] [x](no spaces allowed)";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK(in.runs[0].style == (BC_STYLE_BOLD | BC_STYLE_ITALIC));
    CHECK(in.runs[in.n - 1].link == NULL);

    /* typography of plain input */
    s = "\"Aid\" -- it's 'ours' --- 30 % of $3.1 bn... rock 'n' roll in the '90s \\-- 5 kids";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK_STR(bc_inline_text(a, &in), "\xE2\x80\x9C"
                                      "Aid"
                                      "\xE2\x80\x9D"
                                      " \xE2\x80\x93 it\xE2\x80\x99s "
                                      "\xE2\x80\x98"
                                      "ours"
                                      "\xE2\x80\x99"
                                      " \xE2\x80\x94 30\xC2\xA0% of $3.1\xC2\xA0"
                                      "bn\xE2\x80\xA6 rock "
                                      "\xE2\x80\x98n\xE2\x80\x99 roll in the \xE2\x80\x99"
                                      "90s -- 5 kids");

    /* `code` is literal and in the code font; ^sup^ needs no spaces inside */
    s = "run `briefc --help` -- now, 10^6^ people, x ^ y, 2^nd and \\^3^";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK(in.n == 5);
    CHECK_STR(in.runs[1].text, "briefc --help");
    CHECK(in.runs[1].style == BC_STYLE_CODE);
    CHECK_STR(in.runs[3].text, "6");
    CHECK(in.runs[3].style == BC_STYLE_SUP);
    CHECK_STR(in.runs[4].text, " people, x ^ y, 2^nd and ^3^");
    s = "an `unclosed tick";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK(in.n == 1 && in.runs[0].style == 0);

    /* ^[footnotes]: a run marking the note, whose body has markup of its own (brackets
       nested, no footnote inside a footnote); unclosed or escaped, it is plain text */
    s = "Aid rose.^[See **CRS** [tables](https://crs.gov) and [@crs2019]; ^[not nested].] Then";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK(in.n == 3);
    CHECK_STR(in.runs[0].text, "Aid rose.");
    CHECK(in.runs[1].kind == BC_RUN_NOTE && in.runs[1].style == BC_STYLE_SUP && in.runs[1].note);
    CHECK_STR(in.runs[2].text, " Then");
    CHECK_STR(bc_inline_text(a, &in), "Aid rose. Then"); /* the marker is not text */
    const bc_inline *body = in.runs[1].note;
    CHECK(body && body->n == 7);
    CHECK(body && body->runs[1].style == BC_STYLE_BOLD);
    CHECK(body && body->runs[3].link && !strcmp(body->runs[3].link, "https://crs.gov"));
    CHECK(body && body->runs[5].kind == BC_RUN_CITE);
    CHECK(body && strstr(bc_inline_text(a, body), "^[not nested].") != NULL);
    s = "open ^[never closed and \\^[escaped] and ^[] empty";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK(in.n == 1 && in.runs[0].kind == BC_RUN_TEXT);
    CHECK_STR(in.runs[0].text, "open ^[never closed and ^[escaped] and ^[] empty");

    CHECK(bc_markup_parse(a, "ok \xFF bad", 8, &in, &err) == BC_ERR);
    CHECK(strstr(err.msg, "invalid UTF-8 at byte 3") != NULL);
    bc_arena_free(a);
}

static int next_field(bc_csv *c, bc_buf *b, int *q, int *end)
{
    bc_error err;
    return bc_csv_field(c, b, q, end, &err);
}

static void test_csv(void)
{
    const char *data = "\xEF\xBB\xBF"
                       "a,b,c\r\n1,\"x, \"\"y\"\"\",\"multi\nline\"\r\n\n-2.5,,z";
    bc_csv c;
    bc_buf f = {0};
    int q, end;
    bc_csv_init(&c, data, strlen(data));
    CHECK(next_field(&c, &f, &q, &end) == 1 && strcmp(f.data, "a") == 0 && !end);
    next_field(&c, &f, &q, &end);
    CHECK(next_field(&c, &f, &q, &end) == 1 && strcmp(f.data, "c") == 0 && end);
    CHECK(next_field(&c, &f, &q, &end) == 1 && strcmp(f.data, "1") == 0 && c.row_line == 2);
    CHECK(next_field(&c, &f, &q, &end) == 1 && strcmp(f.data, "x, \"y\"") == 0 && q);
    CHECK(next_field(&c, &f, &q, &end) == 1 && strcmp(f.data, "multi\nline") == 0 && end);
    CHECK(next_field(&c, &f, &q, &end) == 1 && strcmp(f.data, "-2.5") == 0 && c.row_line == 5);
    CHECK(next_field(&c, &f, &q, &end) == 1 && f.len == 0 && !q);
    CHECK(next_field(&c, &f, &q, &end) == 1 && strcmp(f.data, "z") == 0 && end);
    CHECK(next_field(&c, &f, &q, &end) == 0);

    bc_error err;
    bc_csv_init(&c, "a\n\"open", 7);
    next_field(&c, &f, &q, &end);
    CHECK(bc_csv_field(&c, &f, &q, &end, &err) == -1 && err.line == 2);
    bc_csv_init(&c, "a\"b", 3);
    CHECK(bc_csv_field(&c, &f, &q, &end, &err) == -1);
    bc_buf_free(&f);

    CHECK(bc_csv_is_number("12", 2) && bc_csv_is_number("-3.5", 4) && bc_csv_is_number("1e6", 3));
    CHECK(!bc_csv_is_number("0x10", 4) && !bc_csv_is_number("1976tq", 6) &&
          !bc_csv_is_number("", 0));
    CHECK(!bc_csv_is_number("inf", 3) && !bc_csv_is_number("1.", 2) && !bc_csv_is_number(".5", 2));
    /* typing never loses information (issue 17): codes and over-long numbers stay text */
    CHECK(!bc_csv_is_number("08123", 5) && !bc_csv_is_number("-08", 3) &&
          !bc_csv_is_number("00", 2));
    CHECK(!bc_csv_is_number("+3", 2) && !bc_csv_is_number("1234567890123456", 16));
    CHECK(!bc_csv_is_number("0.12345678901234567", 19));
    CHECK(bc_csv_is_number("0", 1) && bc_csv_is_number("0.5", 3) && bc_csv_is_number("-0.25", 5));
    CHECK(bc_csv_is_number("123456789012345", 15) && bc_csv_is_number("14.000000000000000000", 21));
    CHECK(bc_csv_is_number("0.000000000000000001234", 23) && bc_csv_is_number("1.5e-7", 6));
}

static void test_fmt(void)
{
    char b[64];
    bc_fmt_number(1234567, 0, b, sizeof b);
    CHECK_STR(b, "1,234,567");
    bc_fmt_number(-1234.5, 1, b, sizeof b);
    CHECK_STR(b, "\xE2\x88\x92"
                 "1,234.5");
    bc_fmt_number(-0.01, 0, b, sizeof b);
    CHECK_STR(b, "0");
    bc_fmt_money_m(34183, -1, b, sizeof b);
    CHECK_STR(b, "$34.2\xC2\xA0"
                 "bn");
    bc_fmt_money_m(108, -1, b, sizeof b);
    CHECK_STR(b, "$108\xC2\xA0m");
    bc_fmt_money_m(-5, -1, b, sizeof b);
    CHECK_STR(b, "\xE2\x88\x92$5\xC2\xA0m");
}

static void ticks(double lo, double hi, double elo, double ehi, double estep)
{
    double a, b, s;
    bc_chart_ticks(lo, hi, 5, &a, &b, &s);
    CHECK_NEAR(a, elo, fabs(estep) * 1e-9);
    CHECK_NEAR(b, ehi, fabs(estep) * 1e-9);
    CHECK_NEAR(s, estep, fabs(estep) * 1e-9);
    /* the step is 1, 2 or 5 times a power of ten */
    double m = s / pow(10, floor(log10(s)));
    CHECK(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
}

static void test_ticks(void)
{
    ticks(0, 7, 0, 8, 2);
    ticks(0, 34183, 0, 40000, 10000);
    ticks(-12, 48, -20, 60, 20);
    ticks(0, 4504, 0, 5000, 1000);
    ticks(0, 0, 0, 1, 0.2); /* all zeros: a sensible unit axis */
    ticks(1e-3, 1e12, 0, 1e12, 2e11);
    char b[64];
    bc_chart_format(34183, 1000, b, sizeof b);
    CHECK_STR(b, "34,183");
    bc_chart_format(0.25, 0.05, b, sizeof b);
    CHECK_STR(b, "0.25");
    bc_chart_format(-20, 20, b, sizeof b);
    CHECK_STR(b, "\xE2\x88\x92"
                 "20");
}

/* BC_GROW: room for one more, capacity first then doubling, int and size_t counts alike. */
static void test_grow(void)
{
    int *v = NULL, n = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        BC_GROW(v, n, cap, 4);
        CHECK(cap > n);
        v[n++] = i;
    }
    CHECK(cap == 128);
    int sum = 0;
    for (int i = 0; i < n; i++) sum += v[i];
    CHECK(sum == 4950); /* every element kept through the reallocations */
    free(v);
    double *d = NULL;
    size_t dn = 0, dcap = 0;
    BC_GROW(d, dn, dcap, 16);
    CHECK(dcap == 16);
    dn = 16;
    BC_GROW(d, dn, dcap, 16);
    CHECK(dcap == 32);
    free(d);
    CHECK(bc_grow_cap(0, 8, 4) == 8);
    CHECK(bc_grow_cap(8, 8, 4) == 16);
}

int main(void)
{
    test_grow();
    test_utf8();
    test_markup();
    test_csv();
    test_fmt();
    test_ticks();
    return check_done();
}
