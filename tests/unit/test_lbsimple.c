/* test_lbsimple.c — text/lbsimple.c, the shortcut past ICU for common Latin text, must give
   exactly ICU's break opportunities: on every string of up to four characters over its whole
   class alphabet (one or two characters per class), on random longer strings over the same
   alphabet, and on every line of the project's briefs, plugins and documentation. It must also
   refuse (and leave to ICU) text with a character it does not know. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/lbsimple.h"
#include "text/uax14.h"

/* One or two characters of each class lbsimple.c knows, and the spellings that differ. */
static const char *const alphabet[] = {
    "a",
    "Z",
    "\xC3\xA9" /* é */,
    "\xC2\xB7" /* · */,
    "#",
    "1",
    " ",
    ",",
    ".",
    "!",
    "'",
    "\"",
    "-",
    "(",
    ")",
    "[",
    "$",
    "%",
    "/",
    "\xE2\x80\x99" /* ’ */,
    "\xE2\x80\x9C" /* “ */,
    "\xE2\x80\x93" /* – */,
    "\xE2\x80\x94" /* — */,
    "\xE2\x80\xA6" /* … */,
    "\xC2\xA0" /* no-break space */,
    "\xC2\xB1" /* ± */,
    "\xC2\xB0" /* ° */,
};
#define NA ((int)(sizeof alphabet / sizeof *alphabet))

static int shown;

/* Compares the shortcut with ICU on s; returns 1 when they agree (or the shortcut refuses). */
static int same(const char *s, size_t len, int *taken)
{
    unsigned char a[1024], b[1024];
    if (len + 1 > sizeof a) return 1;
    if (bc_lbsimple_breaks(s, len, a) != 0) return 1;
    (*taken)++;
    bc_uax14_breaks_icu(s, len, NULL, b);
    if (!memcmp(a, b, len + 1)) return 1;
    if (shown++ < 20) {
        fprintf(stderr, "differs from ICU: \"%.*s\" (shortcut / ICU):", (int)len, s);
        for (size_t i = 0; i <= len; i++)
            if (a[i] != b[i]) fprintf(stderr, " @%zu %d/%d", i, a[i], b[i]);
        fprintf(stderr, "\n");
    }
    return 0;
}

static size_t build(char *out, const int *idx, int n)
{
    size_t len = 0;
    for (int k = 0; k < n; k++) {
        size_t l = strlen(alphabet[idx[k]]);
        memcpy(out + len, alphabet[idx[k]], l);
        len += l;
    }
    return len;
}

/* Every line of a file through both; counts lines the shortcut took and lines that differ. */
static void lines_of(const char *path, int *taken, int *bad)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\n");
        if (!same(line, len, taken)) (*bad)++;
    }
    fclose(f);
}

int main(void)
{
    int taken = 0, bad = 0, idx[48];
    char s[512];
    /* every string of one to four characters */
    for (int n = 1; n <= 4; n++) {
        long total = 1;
        for (int k = 0; k < n; k++) total *= NA;
        for (long v = 0; v < total; v++) {
            long w = v;
            for (int k = 0; k < n; k++) {
                idx[k] = (int)(w % NA);
                w /= NA;
            }
            if (!same(s, build(s, idx, n), &taken)) bad++;
        }
    }
    printf("strings of up to 4 characters: %d through the shortcut, %d differ from ICU\n", taken,
           bad);
    CHECK(bad == 0);
    CHECK(taken == NA + NA * NA + NA * NA * NA + NA * NA * NA * NA);
    /* random strings of 5 to 44 characters, letters and spaces more frequent as in prose */
    uint32_t r = 12345;
    int rbad = 0;
    taken = 0;
    for (int t = 0; t < 200000; t++) {
        int n = 5 + t % 40;
        for (int k = 0; k < n; k++) {
            r = r * 1103515245u + 12345u;
            int pick = (int)(r >> 8) % (NA + 12);
            idx[k] = pick < NA ? pick : (pick - NA) % 3 == 0 ? 6 : (pick - NA) % 2; /* " ", a, Z */
        }
        if (!same(s, build(s, idx, n), &taken)) rbad++;
    }
    printf("random strings: %d through the shortcut, %d differ from ICU\n", taken, rbad);
    CHECK(rbad == 0);
    /* the project's own text */
    static const char *const files[] = {
        "README.md",
        "ARCHITECTURE.md",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "briefs/pakistan-us/brief.lua",
        "briefs/handout/brief.lua",
        "plugins/prose.lua",
        "plugins/conclusion.lua",
        "plugins/key_facts.lua",
        "plugins/aid_totals.lua",
        "plugins/title_block.lua",
        "docs/authoring.md",
        "docs/plugins.md",
    };
    int fbad = 0;
    taken = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", BC_PROJECT_DIR, files[i]);
        lines_of(path, &taken, &fbad);
    }
    printf("project text: %d lines through the shortcut, %d differ from ICU\n", taken, fbad);
    CHECK(taken > 500);
    CHECK(fbad == 0);
    /* refusals: characters the shortcut does not know, and broken UTF-8 */
    unsigned char b[32];
    CHECK(bc_lbsimple_breaks("a\tb", 3, b) == -1);
    CHECK(bc_lbsimple_breaks("a\nb", 3, b) == -1);
    CHECK(bc_lbsimple_breaks("\xE4\xB8\xAD", 3, b) == -1); /* 中 */
    CHECK(bc_lbsimple_breaks("a\xC3", 2, b) == -1);        /* cut short */
    CHECK(bc_lbsimple_breaks("\xE2\x80", 2, b) == -1);
    CHECK(bc_lbsimple_breaks("a{b}", 4, b) == -1);
    /* and the answer itself, on a sentence */
    CHECK(bc_lbsimple_breaks("It rose 12.5% in 2019\xE2\x80\x93"
                             "20.",
                             26, b) == 0);
    CHECK(b[3] && b[8] && b[14] && b[17] && b[24] && !b[11] && !b[13] && !b[21] && b[26] == 2);
    bc_uax14_release();
    return check_done();
}
