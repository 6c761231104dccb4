/* test_patterntab.c — the hyphenation tables compiled at build time (pattern_gen.c): each is
   the table a run-time compile of its installed dictionary makes, byte for byte, and gives
   the same hyphenation points for every word made of the dictionary's pattern letters (and
   each glued to the next); a dictionary whose bytes differ in one place, or in length, gets
   no table; hyphenation through hyph.c uses the table for English. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/util.h"
#include "text/hyph.h"
#include "text/pattern.h"

/* The points of every pattern's letters as a word, and glued to the next: differences. */
static int differ_on_words(const bc_pattern *a, const bc_pattern *b, const char *data, size_t len,
                           int *n)
{
    int bad = 0;
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
            char glued[128];
            int g = snprintf(glued, sizeof glued, "%s%s", prev, w);
            const char *words[2] = {w, glued};
            size_t lens[2] = {k, (size_t)g < sizeof glued ? (size_t)g : sizeof glued - 1};
            for (int i = 0; i < 2; i++) {
                unsigned char ha[128] = {0}, hb[128] = {0};
                bc_pattern_values(a, words[i], lens[i], ha);
                bc_pattern_values(b, words[i], lens[i], hb);
                bad += memcmp(ha, hb, lens[i]) != 0;
                (*n)++;
            }
            snprintf(prev, sizeof prev, "%s", w);
        }
        s = next;
    }
    return bad;
}

static void test_table(const bc_pattern_builtin *bi)
{
    char *data;
    size_t len;
    bc_error err;
    if (bc_read_file(bi->name, &data, &len, &err) != BC_OK) {
        fprintf(stderr, "%s: compiled at build time but not installed now\n", bi->name);
        CHECK(!"dictionary installed");
        return;
    }
    bc_pattern *built = bc_pattern_builtin_for(data, len), *run = bc_pattern_compile(data, len);
    CHECK(built != NULL && run != NULL);
    if (!built || !run) return;
    bc_buf a = {0}, b = {0};
    bc_pattern_save(built, &a);
    bc_pattern_save(run, &b);
    CHECK(a.len == b.len && a.len == bi->len && !memcmp(a.data, b.data, a.len));
    int n = 0, bad = differ_on_words(built, run, data, len, &n);
    printf("%s: %d words, %d differ from a run-time compile\n", bi->name, n, bad);
    CHECK(bad == 0);
    CHECK(n > 5000);
    /* one byte changed, anywhere, or a byte fewer: not this table */
    size_t at[] = {0, len / 3, len / 2, len - 1};
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        data[at[i]] ^= 1;
        bc_pattern *p = bc_pattern_builtin_for(data, len);
        CHECK(p == NULL);
        bc_pattern_free(p);
        data[at[i]] ^= 1;
    }
    CHECK(bc_pattern_builtin_for(data, len - 1) == NULL);
    CHECK(bc_pattern_text_hash(data, len) == bi->hash);
    bc_buf_free(&a);
    bc_buf_free(&b);
    bc_pattern_free(built);
    bc_pattern_free(run);
    free(data);
}

int main(void)
{
    int n = 0;
    for (const bc_pattern_builtin *bi = bc_pattern_builtins; bi->data; bi++, n++) test_table(bi);
    /* the build machine has hyphen-en-us and hyphen-en-gb (scripts/deps.sh) */
    CHECK(n == 2);
    CHECK(!bc_pattern_builtin_sized(0));
    /* hyphenation through hyph.c with the tables: the points of a few words */
    bc_hyph *h = bc_hyph_for("en-GB");
    CHECK(h != NULL);
    unsigned char br[32];
    CHECK(h && bc_hyph_points(h, "congressional", 13, br) > 0);
    return check_done();
}
