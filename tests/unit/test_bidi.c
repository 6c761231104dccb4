/* test_bidi.c — bidi.c against the Unicode reference: every case of BidiCharacterTest.txt
   (Debian unicode-data) whose paragraph is one line, checked for the resolved paragraph level,
   each character's level and the visual order bc_bidi_reorder gives; plus the per-byte form,
   right-to-left languages and mirroring. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/bidi.h"

#define TESTFILE "/usr/share/unicode/BidiCharacterTest.txt"

/* One line of the file: code points; direction 0/1/2; paragraph level; levels (x: removed by
   X9); visual order of the characters not removed. Returns 1 when it passed. */
static int run_case(char *line, int lineno)
{
    char *field[5];
    int nf = 0;
    for (char *s = line; nf < 5; nf++) {
        field[nf] = s;
        char *semi = strchr(s, ';');
        if (!semi) {
            nf++;
            break;
        }
        *semi = 0;
        s = semi + 1;
    }
    if (nf < 5) return 1;
    uint32_t cp[256];
    int n = 0;
    for (char *s = field[0]; *s && n < 256;) {
        char *e;
        unsigned long v = strtoul(s, &e, 16);
        if (e == s) break;
        cp[n++] = (uint32_t)v;
        s = e;
    }
    int dir = atoi(field[1]);
    int want_par = atoi(field[2]);
    int base = dir == 0 ? BC_BIDI_LTR : dir == 1 ? BC_BIDI_RTL : BC_BIDI_AUTO;
    unsigned char lv[256];
    int par = bc_bidi_levels_cp(cp, n, base, lv);
    int ok = par == want_par;
    /* expected levels; x marks a character X9 removes, left out of the order */
    int want[256], keep[256], nk = 0;
    char *s = field[3];
    for (int i = 0; i < n; i++) {
        while (*s == ' ') s++;
        if (*s == 'x') {
            want[i] = -1;
            s++;
        } else {
            want[i] = (int)strtol(s, &s, 10);
            keep[nk++] = i;
            if (lv[i] != want[i]) ok = 0;
        }
    }
    unsigned char klv[256];
    int order[256];
    for (int i = 0; i < nk; i++) klv[i] = lv[keep[i]];
    bc_bidi_reorder(klv, nk, order);
    s = field[4];
    for (int i = 0; i < nk; i++) {
        int v = (int)strtol(s, &s, 10);
        if (keep[order[i]] != v) ok = 0;
    }
    static int shown;
    if (!ok && shown++ < 20) fprintf(stderr, TESTFILE ":%d: case fails\n", lineno);
    return ok;
}

static void check_reference(void)
{
    FILE *fp = fopen(TESTFILE, "r");
    CHECK(fp != NULL); /* unicode-data is a test dependency (scripts/deps.sh) */
    if (!fp) return;
    char line[8192];
    int lineno = 0, cases = 0, passed = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n') continue;
        line[strcspn(line, "\r\n")] = 0;
        /* paragraph separators inside a case make several paragraphs: not a line of ours */
        if (strstr(line, "2029") && strstr(line, "2029") < strchr(line, ';')) continue;
        cases++;
        passed += run_case(line, lineno);
    }
    fclose(fp);
    printf("BidiCharacterTest: %d of %d cases\n", passed, cases);
    CHECK(cases > 90000);
    CHECK(passed == cases);
}

static void check_bytes(void)
{
    /* "abc (پاکستان) 2024": Latin paragraph, the Urdu word and its brackets at level 1 */
    const char *t = "abc (\xd9\xbe\xd8\xa7\xda\xa9) 12";
    size_t len = strlen(t);
    unsigned char lv[64];
    CHECK(bc_bidi_levels(t, len, BC_BIDI_AUTO, lv) == 0);
    CHECK(lv[0] == 0 && lv[4] == 0 && lv[5] == 1 && lv[6] == 1 && lv[10] == 1 && lv[11] == 0);
    /* an Urdu paragraph: level 1, its number at level 2 */
    const char *u = "\xd9\xbe\xd8\xa7\xda\xa9 2024";
    unsigned char lu[64];
    CHECK(bc_bidi_levels(u, strlen(u), BC_BIDI_AUTO, lu) == 1);
    CHECK(lu[0] == 1 && lu[7] == 2 && lu[10] == 2);
    CHECK(bc_bidi_levels("abc", 3, BC_BIDI_RTL, lv) == 1 && lv[0] == 2);
    CHECK(bc_bidi_needed(u, strlen(u)));
    CHECK(!bc_bidi_needed("Hello, world — 2024 €", strlen("Hello, world — 2024 €")));
    CHECK(bc_bidi_rtl_language("ur") && bc_bidi_rtl_language("ar-EG") &&
          bc_bidi_rtl_language("fa") && bc_bidi_rtl_language("ps"));
    CHECK(!bc_bidi_rtl_language("en-GB") && !bc_bidi_rtl_language("hi") &&
          !bc_bidi_rtl_language("urd") && !bc_bidi_rtl_language(NULL));
    CHECK(bc_bidi_mirror('(') == ')' && bc_bidi_mirror('a') == 'a' &&
          bc_bidi_mirror(0x00AB) == 0x00BB);
    /* L2 on pieces: levels 0 1 1 2 2 1 0 give 0 5 3 4 2 1 6 */
    unsigned char pl[7] = {0, 1, 1, 2, 2, 1, 0};
    int order[7];
    bc_bidi_reorder(pl, 7, order);
    int want[7] = {0, 5, 3, 4, 2, 1, 6}, same = 1;
    for (int i = 0; i < 7; i++) same &= order[i] == want[i];
    CHECK(same);
}

int main(void)
{
    check_reference();
    check_bytes();
    return check_done();
}
