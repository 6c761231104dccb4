/* test_dump.c — the layout dump's fixed format (the golden tests' fingerprint): every kind of
   operation with every attribute, two-decimal numbers with no "-0.00", escaped text, polygon
   points made absolute, internal links resolved (or marked when they cannot be), the outline
   and the figures --stats prints. */
#include <stdlib.h>

#include "check.h"
#include "layout/layout.h"

static const char *dump(const bc_layout *l, bc_buf *b)
{
    b->len = 0;
    bc_layout_dump(l, b);
    return b->data ? b->data : "";
}

int main(void)
{
    bc_buf b = {0};
    bc_layout l = {0};
    CHECK_STR(dump(&l, &b), "stats lines 0 overfull 0 hyphenated 0 widows 0 orphans 0 loose 0 "
                            "largest stretch 0.00\n");

    static const char quote[] = "say \"hi\" \\ now\n\x7f ok–é";
    static const float tri[] = {0, 0, 10, 0, 5, -8.5f};
    bc_ops pg[2] = {{0}};
    bc_ops_text(&pg[0], 2, 10.5, 0x1a1a1a, 65.2, 196.9, quote, sizeof quote - 1);
    bc_ops_text(&pg[0], 4, 7, 0x000000, 70, 300, "FY2010", 6);
    pg[0].v[pg[0].n - 1].angle = 45;
    bc_ops_rect(&pg[0], -0.004, -0.006, 464.884, 1, 0xeef2f6, BC_NO_COLOR, 0.3);
    bc_ops_rect(&pg[0], 1, 2, 3, 4, BC_NO_COLOR, 0x262626, 0.45);
    bc_ops_line(&pg[0], 65.2, 175.08, 530.08, 175.08, 0x17406d, 1.6, 0);
    bc_ops_line(&pg[0], 1, 2, 3, 4, 0xb9c0c8, 0.3, 2);
    bc_ops_poly(&pg[0], tri, 3, 0xe69f00, 0xffffff, 0.4);
    pg[0].v[pg[0].n - 1].x = 100; /* points are relative to the op's origin */
    pg[0].v[pg[0].n - 1].y = 200;
    bc_ops_clip_rect(&pg[0], 10, 20, 30, 40);
    bc_ops_unclip(&pg[0]);
    bc_ops_clip_poly(&pg[0], tri, 3);
    bc_ops_unclip(&pg[0]);
    bc_ops_link(&pg[1], 1, 2, 3, 4, "https://example.org/a?b=\"c\"");
    bc_ops_link(&pg[1], 5, 6, 7, 8, "#lbl-x");
    bc_ops_link(&pg[1], 5, 6, 7, 8, "#lbl-missing");
    bc_dest dests[] = {{"lbl-x", 1, 120.506}};
    bc_outline_entry outline[] = {{1, "1 Intro \"one\"", 0, 90}, {2, "1.1 More", 1, 64.125}};
    l.pages = pg;
    l.npages = 2;
    l.dests = dests;
    l.ndests = 1;
    l.outline = outline;
    l.noutline = 2;
    l.stats = (bc_layout_stats){.lines = 7,
                                .overfull = 1,
                                .widows = 2,
                                .orphans = 3,
                                .hyphenated = 4,
                                .loose = 5,
                                .max_ratio = 1.125};
    CHECK_STR(
        dump(&l, &b),
        "page 1\n"
        "  text f2 10.50 #1a1a1a at 65.20,196.90 \"say \\\"hi\\\" \\\\ now\\x0a\\x7f ok–é\"\n"
        "  text f4 7.00 #000000 at 70.00,300.00 rot 45.00 \"FY2010\"\n"
        "  rect 0.00,-0.01 464.88x1.00 fill #eef2f6 stroke none\n"
        "  rect 1.00,2.00 3.00x4.00 fill none stroke #262626 lw 0.45\n"
        "  line 65.20,175.08 -> 530.08,175.08 stroke #17406d lw 1.60 solid\n"
        "  line 1.00,2.00 -> 3.00,4.00 stroke #b9c0c8 lw 0.30 dotted\n"
        "  poly fill #e69f00 stroke #ffffff lw 0.40 : 100.00,200.00 110.00,200.00 105.00,191.50\n"
        "  clip rect 10.00,20.00 30.00x40.00\n"
        "  unclip\n"
        "  clip poly : 0.00,0.00 10.00,0.00 5.00,-8.50\n"
        "  unclip\n"
        "page 2\n"
        "  link 1.00,2.00 3.00x4.00 \"https://example.org/a?b=\\\"c\\\"\"\n"
        "  link 5.00,6.00 7.00x8.00 \"#lbl-x\" -> page 2 at 120.51\n"
        "  link 5.00,6.00 7.00x8.00 \"#lbl-missing\" -> unresolved\n"
        "outline\n"
        "  1 page 1 at 90.00 \"1 Intro \\\"one\\\"\"\n"
        "  2 page 2 at 64.13 \"1.1 More\"\n"
        "stats lines 7 overfull 1 hyphenated 4 widows 2 orphans 3 loose 5 largest stretch 1.13\n");

    /* the same layout dumps the same bytes */
    char *first = bc_xstrdup(dump(&l, &b));
    CHECK_STR(dump(&l, &b), first);
    free(first);

    bc_ops_free(&pg[0]);
    bc_ops_free(&pg[1]);
    bc_buf_free(&b);
    return check_done();
}
