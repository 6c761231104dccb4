/* test_hyph.c — compiled Liang patterns (pattern.c) give libhyphen's hyphenation points for
   every word made of each installed English dictionary's own pattern letters and a list of
   policy words, inside the window briefc uses (two letters before a break, three after);
   dictionaries that need libhyphen are refused. */
#include <ctype.h>
#include <hyphen.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "text/hyph.h"
#include "text/pattern.h"
#include "base/util.h"

static const char *const words[] = {
    "appropriations", "reimbursement",   "accountability", "partnership",   "counterterrorism",
    "infrastructure", "notwithstanding", "institutional",  "disbursement",  "development",
    "committee",      "strategic",       "dialogue",       "assistance",    "security",
    "congressional",  "hyphenation",     "typography",     "justification", "bibliography",
    "international",  "consultative",    "tripartite",     "suspension",    "obligations",
    "cooperation",    "direct",
};

/* Compares the two on word w; returns 0 when they differ inside the window. */
static int same(HyphenDict *d, const bc_pattern *p, const char *w, size_t n)
{
    char hy[140];
    unsigned char hv[140];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (n < 5 || n > 60) return 1;
    if (hnj_hyphen_hyphenate3(d, w, (int)n, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 3) != 0) return 1;
    bc_pattern_values(p, w, n, hv);
    for (size_t i = 1; i + 4 <= n; i++)
        if ((hy[i] & 1) != (hv[i] & 1)) {
            fprintf(stderr, "'%.*s': libhyphen %s a break after %zu letters\n", (int)n, w,
                    hy[i] & 1 ? "allows" : "refuses", i + 1);
            return 0;
        }
    return 1;
}

static void test_dictionary(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "/usr/share/hyphen/%s", name);
    char *data;
    size_t len;
    bc_error err;
    if (bc_read_file(path, &data, &len, &err) != BC_OK) {
        /* not a skip: a missing dictionary fails the test (scripts/deps.sh test installs it) */
        fprintf(stderr, "%s: not installed (install hyphen-en-us and hyphen-en-gb)\n", name);
        CHECK(!"dictionary installed");
        return;
    }
    HyphenDict *d = hnj_hyphen_load(path);
    bc_pattern *p = bc_pattern_compile(data, len);
    CHECK(d != NULL && p != NULL);
    if (!d || !p) return;
    int n = 0, bad = 0;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        n++;
        bad += !same(d, p, words[i], strlen(words[i]));
    }
    /* every pattern's letters as a word, and each glued to the next pattern's */
    char prev[64] = "";
    for (const char *s = data, *end = data + len; s < end;) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        const char *next = eol ? eol + 1 : end;
        char w[64];
        size_t k = 0;
        for (const char *q = s; q < (eol ? eol : end) && k < 40; q++)
            if (islower((unsigned char)*q)) w[k++] = *q;
        w[k] = 0;
        if (k) {
            n++;
            bad += !same(d, p, w, k);
            char glued[128];
            int g = snprintf(glued, sizeof glued, "%s%s", prev, w);
            n++;
            bad += !same(d, p, glued, (size_t)g < sizeof glued ? (size_t)g : sizeof glued - 1);
            snprintf(prev, sizeof prev, "%s", w);
        }
        s = next;
    }
    CHECK(bad == 0);
    CHECK(n > 5000);
    printf("%s: %d words, %d differ from libhyphen\n", name, n, bad);
    bc_pattern_free(p);
    hnj_hyphen_free(d);
    free(data);
}

/* A saved table maps back to the same points; damaged bytes are refused, never trusted. */
static void test_saved(void)
{
    char *data;
    size_t len;
    bc_error err;
    if (bc_read_file("/usr/share/hyphen/hyph_en_GB.dic", &data, &len, &err) != BC_OK) {
        CHECK(!"hyph_en_GB.dic installed");
        return;
    }
    bc_pattern *p = bc_pattern_compile(data, len);
    free(data);
    bc_buf b = {0};
    bc_pattern_save(p, &b);
    unsigned char *copy = malloc(b.len + 8);
    memcpy(copy, b.data, b.len);
    bc_pattern *v = bc_pattern_view(copy, b.len);
    CHECK(v != NULL);
    for (size_t i = 0; v && i < sizeof words / sizeof *words; i++) {
        unsigned char x[64], y[64];
        size_t n = strlen(words[i]);
        bc_pattern_values(p, words[i], n, x);
        bc_pattern_values(v, words[i], n, y);
        CHECK(memcmp(x, y, n) == 0);
    }
    bc_pattern_free(v);
    CHECK(bc_pattern_view(copy, b.len - 1) == NULL);     /* truncated */
    CHECK(bc_pattern_view(copy + 1, b.len - 1) == NULL); /* misaligned, shifted */
    uint64_t cap;
    memcpy(&cap, copy, 8);
    uint64_t bad = cap * 2;
    memcpy(copy, &bad, 8);
    CHECK(bc_pattern_view(copy, b.len) == NULL); /* a size that does not add up */
    memcpy(copy, &cap, 8);
    memset(copy + 24, 0xAB, 4096); /* entries overwritten */
    bc_pattern *w = bc_pattern_view(copy, b.len);
    if (w) { /* if it still adds up, using it must stay in bounds (ASan watches) */
        unsigned char x[64];
        bc_pattern_values(w, "partnership", 11, x);
    }
    bc_pattern_free(w);
    free(copy);
    bc_buf_free(&b);
    bc_pattern_free(p);
}

static void test_refused(void)
{
    const char *two = "UTF-8\n1a\nNEXTLEVEL\n2b\n";
    CHECK(bc_pattern_compile(two, strlen(two)) == NULL);
    const char *nonstd = "UTF-8\nsz1sz/s=sz,2,1\n1a\n";
    CHECK(bc_pattern_compile(nonstd, strlen(nonstd)) == NULL);
    const char *empty = "UTF-8\nLEFTHYPHENMIN 2\n";
    CHECK(bc_pattern_compile(empty, strlen(empty)) == NULL);
    /* the through-hyph.c path: en-GB gives points; an unknown language gives none */
    bc_hyph *h = bc_hyph_for("en-GB");
    unsigned char brk[32];
    CHECK(h && bc_hyph_points(h, "partnership", 11, brk) > 0 && brk[3]); /* part-ner-ship */
    CHECK(bc_hyph_for("xx-YY") == NULL);
    bc_hyph_release();
}

int main(void)
{
    test_dictionary("hyph_en_GB.dic");
    test_dictionary("hyph_en_US.dic");
    test_saved();
    test_refused();
    return check_done();
}
