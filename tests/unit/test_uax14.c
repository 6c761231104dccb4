/* test_uax14.c — text/uax14.c against Unicode's own conformance files: every case of
   LineBreakTest.txt (UAX #14) and GraphemeBreakTest.txt (UAX #29) from unicode-data, run as
   UTF-8, each break position compared byte for byte; then the cases briefc's briefs rely on
   (kinsoku, French punctuation after a space, guillemets held by no-break spaces). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/utf8.h"
#include "text/uax14.h"

#ifndef BC_UNICODE_AUX
#define BC_UNICODE_AUX "/usr/share/unicode/auxiliary"
#endif

static size_t put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | c >> 6);
        o[1] = (char)(0x80 | (c & 63));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12);
        o[1] = (char)(0x80 | (c >> 6 & 63));
        o[2] = (char)(0x80 | (c & 63));
        return 3;
    }
    o[0] = (char)(0xF0 | c >> 18);
    o[1] = (char)(0x80 | (c >> 12 & 63));
    o[2] = (char)(0x80 | (c >> 6 & 63));
    o[3] = (char)(0x80 | (c & 63));
    return 4;
}

/* Runs every case of a break test file; grapheme selects UAX #29 clusters, else line breaks.
   Returns the number of cases run; *bad gets the number that disagree. */
/* Whether every difference between want and got is a break UAX #14 allows after "-", "," or
   "." that ICU withholds, or one it moves before a number's leading ".": ICU keeps "-5",
   "a.2", ".35" and "1,5" whole by the number tailoring UAX #14
   itself recommends (section 8.2, example 7), not by its default rule LB25. */
static int number_tailoring(const char *text, const unsigned char *want, const unsigned char *got,
                            size_t len)
{
    for (size_t i = 1; i <= len; i++) {
        if (want[i] == got[i]) continue;
        if (!want[i] && got[i] && i + 1 < len && text[i] == '.' && text[i + 1] >= '0' &&
            text[i + 1] <= '9')
            continue; /* ".35" is a number that may start a line, so ICU breaks before it */
        if (!want[i] || got[i]) return 0;
        size_t k = i;
        while (k >= 2 && (unsigned char)text[k - 2] == 0xCC && (unsigned char)text[k - 1] == 0x88)
            k -= 2; /* a combining diaeresis takes its base's class (LB9) */
        if (k < 1 || !strchr("-,.", text[k - 1])) return 0;
    }
    return 1;
}

static int run_file(const char *path, int grapheme, int *bad, int *tailored)
{
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f) return 0;
    char line[8192], text[4096];
    unsigned char want[4096], got[4096];
    int cases = 0, shown = 0;
    *bad = *tailored = 0;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        size_t len = 0;
        int any = 0;
        memset(want, 0, sizeof want);
        for (char *p = line; *p;) {
            if (!strncmp(p, "\xC3\xB7", 2)) {
                want[len] = 1;
                p += 2;
                any = 1;
            } /* ÷ */
            else if (!strncmp(p, "\xC3\x97", 2)) {
                want[len] = 0;
                p += 2;
                any = 1;
            } /* × */
            else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
                char *e;
                uint32_t c = (uint32_t)strtoul(p, &e, 16);
                len += put_utf8(text + len, c);
                p = e;
            } else
                p++;
        }
        if (!any || len == 0) continue;
        cases++;
        if (grapheme) {
            bc_grapheme_bounds(text, len, got);
            want[0] = 1; /* the file writes "÷" at the start: a cluster starts there */
        } else {
            bc_uax14_breaks(text, len, NULL, got);
            for (size_t i = 0; i <= len; i++) got[i] = got[i] != BC_BRK_NONE;
            want[0] = 0;
        }
        if (memcmp(want, got, len + 1) != 0 && !grapheme &&
            number_tailoring(text, want, got, len)) {
            (*tailored)++;
        } else if (memcmp(want, got, len + 1) != 0) {
            (*bad)++;
            if (shown++ < 30) fprintf(stderr, "%s: disagrees: %s\n", path, line);
        }
    }
    fclose(f);
    return cases;
}

/* The byte offsets where s may break, as text ("5 12"), for the briefs' own cases. */
static const char *breaks_of(const char *s, const char *lang)
{
    static char out[256];
    unsigned char b[256];
    size_t len = strlen(s), o = 0;
    bc_uax14_breaks(s, len, lang, b);
    out[0] = 0;
    for (size_t i = 1; i < len; i++)
        if (b[i]) o += (size_t)snprintf(out + o, sizeof out - o, "%s%zu", o ? " " : "", i);
    return out;
}

int main(void)
{
    int bad, tailored;
    int n = run_file(BC_UNICODE_AUX "/LineBreakTest.txt", 0, &bad, &tailored);
    printf("LineBreakTest.txt: %d cases, %d agree, %d keep a number whole (ICU's tailoring), "
           "%d disagree\n",
           n, n - bad - tailored, tailored, bad);
    CHECK(n > 7000);
    CHECK(bad == 0);
    CHECK(tailored <= 22); /* ICU 72 (Debian 12): 22; more would be a new difference */
    n = run_file(BC_UNICODE_AUX "/GraphemeBreakTest.txt", 1, &bad, &tailored);
    printf("GraphemeBreakTest.txt: %d cases, %d agree, %d disagree\n", n, n - bad, bad);
    CHECK(n > 600);
    CHECK(bad == 0);

    /* Chinese: a break between ideographs, none before "，" or "。" (3 bytes each) */
    CHECK_STR(breaks_of("中国，巴基斯坦。合作", "zh-CN"), "3 9 12 15 18 24 27");
    /* Japanese strict kinsoku: no break before a small kana or the prolonged sound mark */
    CHECK_STR(breaks_of("ジョー", "ja"), "");
    /* French: never before ":" ";" "!" "?" even after a space; a no-break space (U+202F)
       holds guillemets to their words */
    CHECK_STR(breaks_of("dit : oui ; non ! quoi ?", "fr"), "6 12 18");
    CHECK_STR(breaks_of("le \xC2\xAB\xE2\x80\xAFmot\xE2\x80\xAF\xC2\xBB fin", "fr"), "3 17");
    /* a mandatory break after a line separator, and the end */
    unsigned char b[8];
    bc_uax14_breaks("a\nb", 3, "en", b);
    CHECK(b[2] == BC_BRK_MANDATORY && b[3] == BC_BRK_MANDATORY && b[1] == BC_BRK_NONE);
    /* invalid UTF-8 is read, not trusted: offsets stay inside the text */
    unsigned char g[8];
    CHECK(bc_grapheme_bounds("a\xFF\xC3", 3, g) == 0 && g[0] == 1 && g[3] == 1);
    /* a cluster: e + combining acute, a flag (two regional indicators) */
    unsigned char c[16];
    bc_grapheme_bounds("e\xCC\x81\xF0\x9F\x87\xB5\xF0\x9F\x87\xB0x", 12, c);
    CHECK(c[0] && !c[1] && !c[2] && c[3] && !c[7] && c[11] && c[12]);
    CHECK(bc_uax14_cjk("zh-Hans") && bc_uax14_cjk("ja") && !bc_uax14_cjk("jam") &&
          !bc_uax14_cjk(NULL));
    bc_uax14_release();
    return check_done();
}
