/* test_langtag.c — bc_lang_tag_ok against RFC 5646: the tags of its appendix A, each
   production's edges, the grandfathered tags, and shapes the old check let through. */
#include "check.h"
#include "doc/lang.h"

static const char *const good[] = {
    /* appendix A, in its order */
    "de", "fr", "ja", "i-enochian", "zh-Hant", "zh-Hans", "sr-Cyrl", "sr-Latn", "zh-cmn-Hans-CN",
    "cmn-Hans-CN", "zh-yue-HK", "yue-HK", "zh-Hans-CN", "sr-Latn-RS", "sl-rozaj", "sl-rozaj-biske",
    "sl-nedis", "de-CH-1901", "sl-IT-nedis", "hy-Latn-IT-arevela", "de-DE", "en-US", "es-419",
    "de-CH-x-phonebk", "az-Arab-x-AZE-derbend", "x-whatever", "qaa-Qaaa-QM-x-southern", "de-Qaaa",
    "sr-Latn-QM", "sr-Qaaa-RS", "en-US-u-islamcal", "zh-CN-a-myext-x-private",
    "en-a-myext-b-another",
    /* grandfathered, irregular and regular; case ignored */
    "en-GB-oed", "EN-gb-OED", "i-klingon", "I-DEFAULT", "i-tsu", "sgn-CH-DE", "art-lojban",
    "zh-min-nan", "no-bok", "cel-gaulish",
    /* each production's edges */
    "en", "eng", "abcd", "abcdefgh", "zh-abc-def-ghi", "en-Latn", "en-001", "en-GB", "de-1996",
    "de-1a2b", "en-GB-scouse-fonipa", "en-x-a", "x-a-b-c", "X-Klingon", "en-u-ca-gregory-nu-arab",
    "en-0-ab", "en-123a", "ur-PK", "ur-Arab-PK", "de-CH-1901-x-a", "en-u-ab-x-u-ab"};

static const char *const bad[] = {
    /* appendix A's invalid tags (two regions, a singleton first, a singleton twice) */
    "de-419-DE", "a-DE", "ar-a-aaa-b-bbb-a-ccc",
    /* what the old check accepted */
    "x", "i", "X", "i-foo", "i-x", "b-abc", "en-a", "en-a-x-foo", "en-a-b", "en-a-b-cc",
    "en-abcd-abcd", "en-GB-US", "de-1901-1901", "de-CH-1901-1901", "en-GB-oed-x-a",
    "zh-abc-def-ghi-jkl", "abcd-abc", "en-Latn-abc", "en-ab1", "en-12", "en-1234a-ab", "en-12a",
    "1901", "e1", "en-u-a", "en-x", "x-", "en-x-", "en-x-abcdefghi",
    /* shape */
    "", "e", "en_GB", "en-", "-en", "en--GB", "en-toolongsubtag", "1en", "en GB", "en)>>",
    "abcdefghi", "en-GB\n", "\xC3\xA9n",
    "en-x-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd-eeeeeeee-ffffffff-gggggg" /* 65 bytes */};

int main(void)
{
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!bc_lang_tag_ok(good[i])) {
            fprintf(stderr, "refused: %s\n", good[i]);
            CHECK(0);
        } else
            CHECK(1);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (bc_lang_tag_ok(bad[i])) {
            fprintf(stderr, "accepted: %s\n", bad[i]);
            CHECK(0);
        } else
            CHECK(1);
    /* the 64-byte edge; the counted form reads only its bytes */
    const char *t64 = "en-x-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd-eeeeeeee-ffffffff-ggggg";
    CHECK(strlen(t64) == 64 && bc_lang_tag_ok(t64));
    CHECK(bc_lang_tag_ok_n("de-CH-1901", 10) && bc_lang_tag_ok_n("de-CH-1901xx", 10));
    CHECK(!bc_lang_tag_ok_n("de-", 3) && !bc_lang_tag_ok_n("i-klingon", 1));
    CHECK(!bc_lang_tag_ok_n("en\0fr", 5) && !bc_lang_tag_ok_n(NULL, 2) && !bc_lang_tag_ok(NULL));
    CHECK(bc_lang_tag_ok_n("i-klingonXX", 9));
    /* the scripts read from a tag still work */
    CHECK(bc_lang_scripts("sr-Cyrl-RS") == BC_SCRIPT_CYRILLIC);
    CHECK(bc_lang_scripts("ur") == BC_SCRIPT_ARABIC);
    CHECK(bc_lang_scripts("i-klingon") == 0 && bc_lang_scripts("x") == 0);
    return check_done();
}
