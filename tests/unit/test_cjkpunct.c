/* test_cjkpunct.c — the classes of Chinese and Japanese punctuation that decide its spacing
   (layout/cjkpunct.h, JLREQ appendix A): every bracket pair opens and closes, commas and stops
   have their blank on the right, middle dots are left alone, and nothing else is a mark
   (ideographs, kana, Latin, the ideographic space, dashes). */
#include "check.h"
#include "layout/cjkpunct.h"

int main(void)
{
    /* the paired brackets: each opening one's partner closes */
    static const uint32_t pairs[][2] = {
        {0x300C, 0x300D}, /* 「」 */ {0x300E, 0x300F}, /* 『』 */ {0xFF08, 0xFF09}, /* （） */
        {0x3010, 0x3011}, /* 【】 */ {0x3014, 0x3015}, /* 〔〕 */ {0x3008, 0x3009}, /* 〈〉 */
        {0x300A, 0x300B}, /* 《》 */ {0x3016, 0x3017}, /* 〖〗 */ {0x3018, 0x3019}, /* 〘〙 */
        {0x301A, 0x301B}, /* 〚〛 */ {0xFF3B, 0xFF3D}, /* ［］ */ {0xFF5B, 0xFF5D}, /* ｛｝ */
        {0xFF5F, 0xFF60}, /* ｟｠ */ {0x2018, 0x2019}, /* ‘’ */ {0x201C, 0x201D},   /* “” */
        {0x301D, 0x301F},                                                           /* 〝〟 */
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        CHECK(bc_lay_punct_class(pairs[i][0]) == BC_PUNCT_OPEN);
        CHECK(bc_lay_punct_class(pairs[i][1]) == BC_PUNCT_CLOSE);
        CHECK(!bc_lay_punct_closing(bc_lay_punct_class(pairs[i][0])));
        CHECK(bc_lay_punct_closing(bc_lay_punct_class(pairs[i][1])));
    }
    CHECK(bc_lay_punct_class(0x301E) == BC_PUNCT_CLOSE); /* 〞 */
    /* commas and full stops: blank on the right, as closing brackets */
    CHECK(bc_lay_punct_class(0x3001) == BC_PUNCT_COMMA); /* 、 */
    CHECK(bc_lay_punct_class(0xFF0C) == BC_PUNCT_COMMA); /* ， */
    CHECK(bc_lay_punct_class(0x3002) == BC_PUNCT_STOP);  /* 。 */
    CHECK(bc_lay_punct_class(0xFF0E) == BC_PUNCT_STOP);  /* ． */
    CHECK(bc_lay_punct_closing(BC_PUNCT_COMMA) && bc_lay_punct_closing(BC_PUNCT_STOP));
    /* middle dots: blank on both sides */
    CHECK(bc_lay_punct_class(0x30FB) == BC_PUNCT_MIDDLE); /* ・ */
    CHECK(bc_lay_punct_class(0xFF1A) == BC_PUNCT_MIDDLE); /* ： */
    CHECK(bc_lay_punct_class(0xFF1B) == BC_PUNCT_MIDDLE); /* ； */
    CHECK(!bc_lay_punct_closing(BC_PUNCT_MIDDLE) && !bc_lay_punct_closing(BC_PUNCT_OPEN));
    /* not marks: ideographs, kana, Latin and its punctuation, the ideographic space, dividing
       punctuation (！？), dashes and the prolonged sound mark */
    static const uint32_t none[] = {0x4E2D, 0x3042, 0x30A2, 'A',    '(',     ')',
                                    ',',    '.',    '"',    0x3000, 0xFF01,  0xFF1F,
                                    0x2014, 0x2026, 0x30FC, 0,      0x10FFFF};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        CHECK(bc_lay_punct_class(none[i]) == BC_PUNCT_NONE);
    /* two marks in a row lose half an em (500), the first's right blank first (JLREQ cl-05,
       CLREQ 3.1.6.1): 」「 」・ from the closing bracket, ・「 ・・ a quarter each, 「『 from
       the second, nothing for 「」 or a proportional mark with too little blank */
    static const struct {
        double a, b, ca, cb;
    } pair[] = {
        {500, 500, 500, 0},   /* 」「 */
        {500, 250, 500, 0},   /* 」・ */
        {250, 500, 250, 250}, /* ・「 */
        {250, 250, 250, 250}, /* ・・ */
        {0, 500, 0, 500},     /* 「『 */
        {0, 0, 0, 0},         /* 「」 */
        {0, 250, 0, 0},       /* 「・: a quarter em is not half */
        {200, 250, 0, 0},     /* too little blank together */
        {-1, 900, 0, 0},      /* nonsense from a font */
    };
    for (size_t i = 0; i < sizeof pair / sizeof *pair; i++) {
        double ca = -1, cb = -1;
        bc_lay_punct_pair(pair[i].a, pair[i].b, 500, &ca, &cb);
        CHECK(ca == pair[i].ca && cb == pair[i].cb);
    }
    return check_done();
}
