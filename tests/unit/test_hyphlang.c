/* test_hyphlang.c — hyphenation beyond ASCII: for every installed hyphen-* language briefc
   names in scripts/deps.sh (French, German, Spanish, Italian, Dutch, Portuguese), words with
   accents, in UTF-8, get exactly libhyphen's points on the whole dictionary (folded to the
   dictionary's own encoding by this test), both from the full patterns (bc_hyph_for) and from
   patterns cut to the words (bc_hyph_for_words); plus hand-checked words. */
#include <hyphen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/hyph.h"

#define DIR "/usr/share/hyphen"

/* The references are libhyphen's own loads of whole files, which leak an earlier line's
   pattern when a later line repeats its letters (briefc's cut keeps the last line only). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:hnj_malloc\n"; }

typedef struct lang {
    const char *tag, *file;
    const char *words[12];
    int two_level; /* NEXTLEVEL: libhyphen takes 17 s to load it whole, so the reference is
                      the dictionary cut by this test's own rule, and bc_hyph_for is skipped */
} lang;

static const lang langs[] = {
    {"fr-FR",
     "hyph_fr.dic",
     {"coopération", "négociations", "stratégique", "développement", "économique", "indéfiniment",
      "renforcée", "sécurité", "régionale", "extraordinairement", "Pakistanais", NULL},
     0},
    {"de-DE",
     "hyph_de_DE.dic",
     {"elektrizitäten", "zusammenarbeit", "außenministerium", "verhandlungen", "übereinkommen",
      "sicherheitspolitik", "Bundesregierung", "größenordnung", "wirtschaftsförderung", NULL},
     1},
    {"es-ES",
     "hyph_es_ES.dic",
     {"información", "cooperación", "económica", "seguridad", "estratégico", "asociación",
      "negociación", NULL},
     0},
    {"it-IT",
     "hyph_it_IT.dic",
     {"cooperazione", "sicurezza", "città", "economia", "perché", "strategico", "negoziazione",
      NULL},
     0},
    {"nl-NL",
     "hyph_nl_NL.dic",
     {"samenwerking", "veiligheid", "onderhandelingen", "geïnteresseerd", "ontwikkeling",
      "financiële", NULL},
     0},
    {"pt-PT",
     "hyph_pt_PT.dic",
     {"cooperação", "negociações", "segurança", "económico", "estratégico", "desenvolvimento",
      NULL},
     0},
};

/* The dictionary at path cut, by a rule of this test's own, to the header lines and the
   patterns whose letters (dots dropped) occur in one of the folded words: a superset of every
   pattern Liang's method can apply to them, at both of libhyphen's levels. */
static HyphenDict *load_cut(const char *path, char (*folded)[128], int nw)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    char *kept = NULL;
    size_t klen = 0;
    FILE *out = open_memstream(&kept, &klen);
    char line[512];
    int first = 1;
    while (fgets(line, sizeof line, f)) {
        char letters[512];
        size_t n = 0;
        int header = first;
        for (char *p = line; *p && *p != '\n'; p++) {
            if (*p == ' ' || (*p >= 'A' && *p <= 'Z')) header = 1;
            if ((*p >= '0' && *p <= '9') || *p == '.' || *p == '\r') continue;
            letters[n++] = *p;
        }
        letters[n] = 0;
        int keep = header;
        for (int w = 0; w < nw && !keep && n; w++) keep = strstr(folded[w], letters) != NULL;
        if (keep) fputs(line, out);
        first = 0;
    }
    fclose(f);
    fclose(out);
    FILE *mem = fmemopen(kept, klen, "r");
    HyphenDict *d = hnj_hyphen_load_file(mem);
    fclose(mem);
    free(kept);
    return d;
}

/* UTF-8 to ISO 8859-1 (the test words are all in Latin-1), lower case for A-Z and À-Þ */
static size_t fold_ref(const char *w, int utf8, char *out, size_t *charpos, int *nch)
{
    size_t m = 0;
    int n = 0;
    const unsigned char *p = (const unsigned char *)w;
    while (*p) {
        charpos[n++] = (size_t)(p - (const unsigned char *)w);
        uint32_t c = *p < 0x80 ? *p : (uint32_t)((p[0] & 0x1F) << 6 | (p[1] & 0x3F));
        size_t k = *p < 0x80 ? 1 : 2;
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c >= 0xC0 && c <= 0xDE && c != 0xD7) c += 32;
        if (utf8) {
            if (c < 0x80)
                out[m++] = (char)c;
            else {
                out[m++] = (char)(0xC0 | c >> 6);
                out[m++] = (char)(0x80 | (c & 0x3F));
            }
        } else {
            out[m++] = (char)c;
        }
        p += k;
    }
    charpos[n] = (size_t)(p - (const unsigned char *)w);
    out[m] = 0;
    *nch = n;
    return m;
}

/* The word with "-" at each point, e.g. "co-opé-ra-tion". */
static const char *shown(const char *w, const unsigned char *brk)
{
    static char out[128];
    size_t o = 0, n = strlen(w);
    for (size_t i = 0; i < n && o + 2 < sizeof out; i++) {
        out[o++] = w[i];
        if (brk[i]) out[o++] = '-';
    }
    out[o] = 0;
    return out;
}

static int compare(const lang *lg, HyphenDict *ref, bc_hyph *full, bc_hyph *cut)
{
    int words = 0;
    for (int i = 0; lg->words[i]; i++) {
        const char *w = lg->words[i];
        char low[128], hy[140];
        size_t pos[64];
        int nch;
        size_t m = fold_ref(w, ref->utf8, low, pos, &nch);
        memset(hy, 0, sizeof hy);
        char **rep = NULL;
        int *rp = NULL, *rc = NULL;
        hnj_hyphen_hyphenate3(ref, low, (int)m, hy, NULL, &rep, &rp, &rc, 2, 3, 2, 3);
        unsigned char want[128] = {0}, a[128], b[128];
        for (int c = 1; c + 4 <= nch; c++)
            if ((hy[c] - '0') & 1) want[pos[c + 1] - 1] = 1;
        size_t n = strlen(w);
        if (full) bc_hyph_points(full, w, n, a);
        bc_hyph_points(cut, w, n, b);
        char expect[128];
        snprintf(expect, sizeof expect, "%s", shown(w, want));
        if (full) CHECK_STR(shown(w, a), expect);
        CHECK_STR(shown(w, b), expect);
        words++;
    }
    return words;
}

int main(void)
{
    int total = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        const lang *lg = &langs[l];
        char path[256];
        snprintf(path, sizeof path, DIR "/%s", lg->file);
        int nw = 0;
        size_t lens[12], pos[64];
        char folded[12][128];
        while (lg->words[nw]) {
            lens[nw] = strlen(lg->words[nw]);
            int nch;
            fold_ref(lg->words[nw], 0, folded[nw], pos, &nch);
            nw++;
        }
        HyphenDict *ref = lg->two_level ? load_cut(path, folded, nw) : hnj_hyphen_load(path);
        CHECK(ref != NULL);
        if (!ref) continue;
        bc_hyph *full = lg->two_level ? NULL : bc_hyph_for(lg->tag);
        bc_hyph *cut = bc_hyph_for_words(lg->tag, lg->words, lens, nw);
        CHECK((full != NULL || lg->two_level) && cut != NULL);
        if (cut) total += compare(lg, ref, full, cut);
        bc_hyph_free(cut);
        hnj_hyphen_free(ref);
    }
    printf("%d words in 6 languages compared with libhyphen\n", total);
    CHECK(total >= 40);

    /* hand-checked */
    unsigned char b[256];
    bc_hyph *fr = bc_hyph_for("fr-FR");
    bc_hyph_points(fr, "coopération", strlen("coopération"), b);
    CHECK_STR(shown("coopération", b), "co-opé-ra-tion");
    const char *long_de =
        "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft";
    size_t long_len = strlen(long_de);
    bc_hyph *de = bc_hyph_for_words("de-DE", &long_de, &long_len, 1);
    CHECK(de && bc_hyph_points(de, long_de, long_len, b) >= 10); /* a compound past 60 letters */
    bc_hyph_free(de);
    /* surrounding punctuation is not part of the word; inner punctuation keeps it whole */
    bc_hyph_points(fr, "«coopération»", strlen("«coopération»"), b);
    CHECK_STR(shown("«coopération»", b), "«co-opé-ra-tion»");
    CHECK(bc_hyph_points(fr, "coopé/ration", strlen("coopé/ration"), b) == 0);
    /* malformed UTF-8 is not a letter */
    CHECK(bc_hyph_points(fr, "coop\xC3\xC3ration", 12, b) == 0);
    bc_hyph_release();
    return check_done();
}
