/* test_pdfstd.c — --pdf-standard parsing, the BCP 47 shape check, the structure element
   table and the alt text written from a chart's data. */
#include <math.h>

#include "check.h"
#include "pdf/pdf_std.h"
#include "layout/tags.h"
#include "doc/a11y.h"
#include "doc/lang.h"
#include "doc/markup.h"

/* "[text]{lang=..}" spans: the run's lang, and literal text when the tag is not BCP 47. */
static void test_lang_spans(void)
{
    bc_arena *a = bc_arena_new();
    bc_inline in;
    bc_error err;
    const char *s =
        "He said [\"shukriya\"]{lang=ur-PK} and [*merci* [beaucoup](https://x.fr)]{lang=fr}.";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK_STR(bc_inline_text(a, &in),
              "He said \xE2\x80\x9Cshukriya\xE2\x80\x9D and merci beaucoup.");
    CHECK(in.runs[0].lang == NULL);
    CHECK(in.runs[1].lang && !strcmp(in.runs[1].lang, "ur-PK"));
    int fr = 0, it = 0, link = 0;
    for (int i = 0; i < in.n; i++)
        if (in.runs[i].lang && !strcmp(in.runs[i].lang, "fr")) {
            fr++;
            it |= in.runs[i].style == BC_STYLE_ITALIC;
            link |= in.runs[i].link && !strcmp(in.runs[i].link, "https://x.fr");
        }
    CHECK(fr == 3 && it && link);
    CHECK(in.runs[in.n - 1].lang == NULL);
    /* not a tag, not closed, nested: literal */
    s = "[a]{lang=en_GB} [b]{lang=fr [c]{font=x} [d [e]{lang=de}]{lang=fr}";
    CHECK(bc_markup_parse(a, s, strlen(s), &in, &err) == BC_OK);
    CHECK_STR(bc_inline_text(a, &in), "[a]{lang=en_GB} [b]{lang=fr [c]{font=x} d [e]{lang=de}");
    for (int i = 0; i < in.n; i++) CHECK(!in.runs[i].lang || !strcmp(in.runs[i].lang, "fr"));
    CHECK(bc_lang_tag_ok_n("de-CH-1901", 10) && !bc_lang_tag_ok_n("de-", 3) &&
          !bc_lang_tag_ok_n("-de", 3));
    bc_arena_free(a);
}

static unsigned parse(const char *s)
{
    unsigned v = 999;
    bc_error e;
    return bc_pdf_std_parse(s, &v, &e) == 0 ? v : 0;
}

int main(void)
{
    CHECK(parse("none") == BC_STD_NONE);
    CHECK(parse("ua-1") == BC_STD_UA1);
    CHECK(parse("a-2b") == BC_STD_A2B);
    CHECK(parse("ua-1,a-2a") == (BC_STD_UA1 | BC_STD_A2A));
    CHECK(parse("a-2u,ua-1") == (BC_STD_UA1 | BC_STD_A2U));
    CHECK(parse("") == 0);
    CHECK(parse("ua-2") == 0);
    CHECK(parse("a-2a,a-2u") == 0); /* two A parts */
    CHECK(parse("ua-1,ua-1") == 0);
    CHECK(parse("none,ua-1") == 0);
    CHECK(parse("ua-1,none") == 0);
    CHECK(parse("ua-1,") == 0);
    CHECK(bc_pdf_std_tagged(BC_STD_DEFAULT));
    CHECK(!bc_pdf_std_tagged(BC_STD_A2B | BC_STD_A2U));

    CHECK(bc_pdf_std_lang_ok("en"));
    CHECK(bc_pdf_std_lang_ok("en-GB"));
    CHECK(bc_pdf_std_lang_ok("ur-PK"));
    CHECK(bc_pdf_std_lang_ok("zh-Hant-TW"));
    CHECK(bc_pdf_std_lang_ok("x-klingon"));
    CHECK(!bc_pdf_std_lang_ok(""));
    CHECK(!bc_pdf_std_lang_ok("e"));
    CHECK(!bc_pdf_std_lang_ok("en_GB"));
    CHECK(!bc_pdf_std_lang_ok("en-"));
    CHECK(!bc_pdf_std_lang_ok("en--GB"));
    CHECK(!bc_pdf_std_lang_ok("en-toolongsubtag"));
    CHECK(!bc_pdf_std_lang_ok("1en"));
    CHECK(!bc_pdf_std_lang_ok("en GB"));
    CHECK(!bc_pdf_std_lang_ok("en)>>"));

    bc_tags t = {0};
    int doc = bc_tags_add(&t, 0, "Document");
    CHECK(doc == 1);
    for (int i = 0; i < 500; i++) CHECK(bc_tags_add(&t, doc, "P") == i + 2);
    CHECK_STR(t.v[1].role, "Document");
    CHECK(t.v[501].parent == 1);
    bc_ops o = {0};
    bc_ops_rect(&o, 0, 0, 1, 1, 0, BC_NO_COLOR, 0);
    bc_ops_rect(&o, 0, 0, 1, 1, 0, BC_NO_COLOR, 0);
    o.v[1].se = 7;
    bc_tags_stamp(&o, 0, 3);
    CHECK(o.v[0].se == 3 && o.v[1].se == 7); /* an op that has an element keeps it */
    bc_ops_free(&o);
    bc_tags_free(&t);
    bc_tags_free(NULL);

    bc_arena *a = bc_arena_new();
    const char *cats[] = {"FY2008", "FY2009", "FY2010"};
    const char *sers[] = {"Security", "Economic"};
    double vals[] = {517, 989, 1236, 507, 1366, NAN};
    bc_chart ch = {0};
    ch.kind = BC_CHART_BAR;
    ch.stack = BC_STACK_NORMAL;
    ch.ncat = 3;
    ch.nser = 2;
    ch.categories = cats;
    ch.series = sers;
    ch.values = vals;
    ch.y_title = "US$ millions";
    CHECK_STR(bc_tags_chart_alt(a, &ch),
              "Stacked bar chart, FY2008 to FY2010 (US$ millions): total peaks at 2,355 in FY2009 "
              "and is 1,236 in FY2010; Security from 517 in FY2008 to 1,236 in FY2010, highest "
              "1,236 in FY2010, lowest 517 in FY2008; Economic from 507 in FY2008 to 1,366 in "
              "FY2009, highest 1,366 in FY2009, lowest 507 in FY2008");
    ch.alt = "Told by the author";
    CHECK_STR(bc_tags_chart_alt(a, &ch), "Told by the author");
    bc_arena_free(a);
    test_lang_spans();
    /* WCAG contrast: the extremes, and the grey at the 4.5:1 line (#767676 passes, #777777 not) */
    CHECK(fabs(bc_a11y_contrast(0x000000, 0xFFFFFF) - 21.0) < 1e-9);
    CHECK(fabs(bc_a11y_contrast(0xFFFFFF, 0xFFFFFF) - 1.0) < 1e-9);
    CHECK(bc_a11y_contrast(0x767676, 0xFFFFFF) >= 4.5 &&
          bc_a11y_contrast(0x777777, 0xFFFFFF) < 4.5);
    CHECK(fabs(bc_a11y_contrast(0x17406d, 0xFFFFFF) - bc_a11y_contrast(0xFFFFFF, 0x17406d)) <
          1e-12);
    return check_done();
}
