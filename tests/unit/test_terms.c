/* test_terms.c — bc_terms_for finds a language's terms by the primary subtag of its tag, in any
   case, and falls back to English for NULL, an empty tag and a language it has none for; every
   entry formats its numbers and has each word. */
#include <stdio.h>

#include "doc/terms.h"
#include "check.h"

int main(void)
{
    CHECK_STR(bc_terms_for(NULL)->lang, "en");
    CHECK_STR(bc_terms_for("")->lang, "en");
    CHECK_STR(bc_terms_for("sw")->lang, "en");      /* none of its own */
    CHECK_STR(bc_terms_for("urd")->lang, "en");     /* not "ur" */
    CHECK_STR(bc_terms_for("u")->lang, "en");       /* a prefix of "ur" is not "ur" */
    CHECK_STR(bc_terms_for("ur-PK")->lang, "ur");
    CHECK_STR(bc_terms_for("UR")->lang, "ur");
    CHECK_STR(bc_terms_for("fr_CA")->lang, "fr");
    CHECK_STR(bc_terms_for("zh-Hans-CN")->lang, "zh");
    CHECK_STR(bc_terms_for("de")->table, "Tabelle %d");
    CHECK_STR(bc_terms_for("ar")->figure, "\u0634\u0643\u0644 %d");
    char buf[64];
    snprintf(buf, sizeof buf, bc_terms_for("zh")->section, "2.1");
    CHECK_STR(buf, "\u7b2c 2.1 \u8282");
    snprintf(buf, sizeof buf, bc_terms_for("ur")->table, 12);
    CHECK_STR(buf, "\u062c\u062f\u0648\u0644 12");
    const char *tags[] = {"en", "fr", "de", "es", "it", "pt", "nl", "ur", "ar", "hi", "zh"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
        const bc_terms *t = bc_terms_for(tags[i]);
        CHECK_STR(t->lang, tags[i]);
        CHECK(t->source[0] && t->continued[0] && t->contents[0] && t->references[0]);
        snprintf(buf, sizeof buf, t->figure, 7);
        CHECK(strstr(buf, "7") != NULL);
    }
    return check_done();
}
