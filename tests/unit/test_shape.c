/* test_shape.c — shape.c against HarfBuzz's own command-line shaper: for a table of strings in
   each script briefc meets (Arabic with vowel marks, Urdu in Nastaliq and Naskh, Pashto,
   Devanagari conjuncts, Latin ligatures), the glyph ids, clusters, advances and offsets
   bc_shape gives equal what `hb-shape` prints for the same font, direction, script and
   language. Also: which text needs shaping, script itemisation of mixed text, and results
   remembered between calls. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/font.h"
#include "text/liga.h"
#include "text/shape.h"
#include "base/utf8.h"

#define NOTO "/usr/share/fonts/truetype/noto/"

typedef struct sample {
    const char *font; /* a path; "@" means the project's fonts/ folder */
    const char *text;
    int rtl;
    const char *lang, *script;
} sample;

static const sample samples[] = {
    {NOTO "NotoNaskhArabic-Regular.ttf", "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ", 1, "ar", "Arab"},
    {NOTO "NotoNaskhArabic-Regular.ttf", "العَرَبِيَّة", 1, "ar", "Arab"},
    {NOTO "NotoNaskhArabic-Regular.ttf", "(القاهرة)", 1, "ar", "Arab"},
    {NOTO "NotoNastaliqUrdu-Regular.ttf", "پاکستان", 1, "ur", "Arab"},
    {NOTO "NotoNastaliqUrdu-Regular.ttf", "اسلام آباد", 1, "ur", "Arab"},
    {NOTO "NotoNastaliqUrdu-Regular.ttf", "حکومتِ پاکستان", 1, "ur", "Arab"},
    {NOTO "NotoNaskhArabic-Regular.ttf", "پاکستان کی معیشت", 1, "ur", "Arab"},
    {NOTO "NotoNaskhArabic-Regular.ttf", "پښتو ژبه", 1, "ps", "Arab"},
    {NOTO "NotoNaskhArabic-Regular.ttf", "ځمکه ډېره ښکلې ده", 1, "ps", "Arab"},
    {NOTO "NotoSansDevanagari-Regular.ttf", "क्षत्रिय", 0, "hi", "Deva"},
    {NOTO "NotoSansDevanagari-Regular.ttf", "हिन्दी", 0, "hi", "Deva"},
    {NOTO "NotoSansDevanagari-Regular.ttf", "श्रीमती द्वितीय", 0, "hi", "Deva"},
    {NOTO "NotoSansDevanagari-Regular.ttf", "प्रधानमंत्री", 0, "hi", "Deva"},
    {NOTO "NotoSerifDevanagari-Regular.ttf", "राष्ट्रपति", 0, "hi", "Deva"},
    {"@NotoSerif-Regular.ttf", "office affluent", 0, "en", "Latn"},
    {"@NotoSerif-Regular.ttf", "AVATAR Tokyo", 0, "en", "Latn"},
    {"@NotoSans-Regular.ttf", "fjord ffl", 0, "en", "Latn"},
};

static char *read_cmd(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    size_t r;
    while ((r = fread(s + n, 1, cap - 1 - n, p)) > 0) {
        n += r;
        if (n == cap - 1) s = realloc(s, cap *= 2);
    }
    s[n] = 0;
    if (pclose(p) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

static void check_sample(const sample *sm)
{
    char path[512];
    if (sm->font[0] == '@')
        snprintf(path, sizeof path, "%s/fonts/%s", BC_PROJECT_DIR, sm->font + 1);
    else
        snprintf(path, sizeof path, "%s", sm->font);
    bc_font *f;
    bc_error err;
    if (bc_font_open(path, &f, &err) != BC_OK) {
        fprintf(stderr, "cannot open %s: %s\n", path, err.msg);
        CHECK(!"font opens");
        return;
    }
    CHECK(strchr(sm->text, '\'') == NULL);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "hb-shape --no-glyph-names --utf8-clusters --output-format=json --direction=%s "
             "--language=%s --script=%s '%s' '%s'",
             sm->rtl ? "rtl" : "ltr", sm->lang, sm->script, path, sm->text);
    char *ref = read_cmd(cmd);
    CHECK(ref != NULL);
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    bc_shaped out;
    CHECK(bc_shape(&sf, sm->text, strlen(sm->text), sm->rtl, sm->lang, &out, &err) == BC_OK);
    unsigned upem = 0;
    { /* units per em from the head table, as hb-shape reports in font units */
        size_t len;
        const unsigned char *d = bc_font_data(f, &len);
        unsigned nt = (unsigned)d[4] << 8 | d[5];
        for (unsigned i = 0; i < nt; i++) {
            const unsigned char *e = d + 12 + 16 * i;
            if (!memcmp(e, "head", 4)) {
                unsigned off = (unsigned)e[8] << 24 | e[9] << 16 | e[10] << 8 | e[11];
                upem = (unsigned)d[off + 18] << 8 | d[off + 19];
            }
        }
    }
    CHECK(upem > 0);
    int i = 0, bad = 0;
    const char *p = ref ? ref : "";
    while ((p = strstr(p, "{\"g\":"))) {
        unsigned g, cl;
        int dx, dy, ax, ay;
        if (sscanf(p, "{\"g\":%u,\"cl\":%u,\"dx\":%d,\"dy\":%d,\"ax\":%d,\"ay\":%d", &g, &cl, &dx,
                   &dy, &ax, &ay) != 6) {
            bad++;
            break;
        }
        if (i >= out.n) {
            bad++;
            break;
        }
        const bc_glyph *o = &out.g[i];
        double s = 1000.0 / upem;
        if (o->gid != g || o->cluster != cl || fabs(o->adv - ax * s) > 0.01 ||
            fabs(o->dx - dx * s) > 0.01 || fabs(o->dy - dy * s) > 0.01) {
            fprintf(stderr,
                    "%s \"%s\" glyph %d: got g%u cl%u adv %.2f (%.2f, %.2f), hb-shape "
                    "g%u cl%u adv %.2f (%.2f, %.2f)\n",
                    path, sm->text, i, o->gid, o->cluster, o->adv, o->dx, o->dy, g, cl, ax * s,
                    dx * s, dy * s);
            bad++;
        }
        i++;
        p++;
    }
    if (i != out.n)
        fprintf(stderr, "%s \"%s\": %d glyphs, hb-shape %d\n", path, sm->text, out.n, i);
    CHECK(i > 0 && i == out.n);
    CHECK(bad == 0);
    free(ref);
    bc_font_free(f);
}

/* Mixed text is split into script runs: "Hindi हिन्दी" shapes as its Latin part and its
   Devanagari part would each alone, the Devanagari clusters offset by the Latin bytes. */
static void check_itemisation(void)
{
    bc_font *f;
    bc_error err;
    CHECK(bc_font_open(NOTO "NotoSansDevanagari-Regular.ttf", &f, &err) == BC_OK);
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    const char *mixed = "Hindi हिन्दी", *deva = "हिन्दी";
    bc_shaped a, b;
    CHECK(bc_shape(&sf, deva, strlen(deva), 0, "hi", &b, &err) == BC_OK);
    int nb = b.n;
    bc_glyph gb[32];
    CHECK(nb > 0 && nb < 32);
    memcpy(gb, b.g, (size_t)nb * sizeof *gb);
    CHECK(bc_shape(&sf, mixed, strlen(mixed), 0, "hi", &a, &err) == BC_OK);
    CHECK(a.n == 6 + nb);
    int same = a.n == 6 + nb;
    for (int i = 0; same && i < nb; i++)
        same = a.g[6 + i].gid == gb[i].gid && a.g[6 + i].cluster == gb[i].cluster + 6 &&
               a.g[6 + i].adv == gb[i].adv;
    CHECK(same);
    /* remembered: the same answer at the same address, and a different one for RTL */
    const bc_glyph *first = a.g;
    CHECK(bc_shape(&sf, mixed, strlen(mixed), 0, "hi", &a, &err) == BC_OK);
    CHECK(a.g == first);
    bc_font_free(f);
}

static void check_needed(void)
{
    CHECK(!bc_shape_needed("plain ASCII, digits 123", 23));
    CHECK(!bc_shape_needed("Café Ωμέγα Кириллица", strlen("Café Ωμέγα Кириллица")));
    CHECK(bc_shape_needed("x پاکستان", strlen("x پاکستان")));
    CHECK(bc_shape_needed("हिन्दी", strlen("हिन्दी")));
    CHECK(bc_shape_needed("e\xcc\x81", 3)); /* e + combining acute */
    CHECK(bc_shape_needed("a\xe2\x80\x8d"
                          "b",
                          5));                       /* zero-width joiner */
    CHECK(!bc_shape_needed("中文", strlen("中文"))); /* set by cmap */
}

static const char *const faces[] = {
    "NotoSerif-Regular",    "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-BoldItalic",
    "NotoSans-Regular",     "NotoSans-Bold",  "NotoSans-Italic",  "NotoSans-BoldItalic",
    "NotoSansMono-Regular", "DejaVuSans"};
#define NFACES 10

static bc_shape_font shape_font(bc_font *f)
{
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    return sf;
}

/* Shapes w in f twice, by HarfBuzz and as briefc does (shape.c sets Latin with ligatures
   itself), and says whether the glyphs, clusters and advances are the same. */
static int same_as_harfbuzz(bc_font *f, const char *w, const char *lang, int *ligs)
{
    bc_shape_font sf = shape_font(f);
    size_t len = strlen(w);
    bc_shaped hb, own;
    bc_error err;
    bc_shape_harfbuzz_only(1);
    if (bc_shape(&sf, w, len, 0, lang, &hb, &err) != BC_OK) return 0;
    bc_glyph *g = malloc((size_t)(hb.n ? hb.n : 1) * sizeof *g);
    memcpy(g, hb.g, (size_t)hb.n * sizeof *g);
    int n = hb.n;
    bc_shape_harfbuzz_only(0);
    int ok = bc_shape(&sf, w, len, 0, lang, &own, &err) == BC_OK && own.n == n;
    for (int i = 0; ok && i < n; i++)
        ok = own.g[i].gid == g[i].gid && own.g[i].cluster == g[i].cluster &&
             fabs(own.g[i].adv - g[i].adv) < 0.001 && own.g[i].dx == g[i].dx &&
             own.g[i].dy == g[i].dy;
    int chars = 0;
    for (const char *p = w; p < w + len; chars++) bc_utf8_next(&p);
    if (ligs) *ligs += n < chars;
    free(g);
    return ok;
}

/* Whether the plain path (cmap and pair kerning, no shaping) sets w as HarfBuzz does. */
static int plain_as_harfbuzz(bc_font *f, const char *w, const char *lang)
{
    bc_shape_font sf = shape_font(f);
    size_t len = strlen(w);
    bc_shaped sh;
    bc_error err;
    bc_shape_harfbuzz_only(1);
    int ok = bc_shape(&sf, w, len, 0, lang, &sh, &err) == BC_OK, n = 0;
    for (const char *p = w; ok && p < w + len; n++) {
        uint32_t cp = bc_utf8_next(&p);
        ok = n < sh.n && sh.g[n].gid == bc_font_glyph(f, cp);
    }
    ok = ok && n == sh.n && fabs(sh.width - bc_font_width(f, w, len, 1000)) < 0.01;
    bc_shape_harfbuzz_only(0);
    return ok;
}

/*
** Every word of every text op in the sample brief's golden dump, in its font (en-GB), is set
** exactly as HarfBuzz sets it: a word the font's ligatures do not touch (bc_shape_ligates) by
** the plain path, one glyph per character, the cmap's glyph and the plain path's width; a word
** with a ligature by shape.c without HarfBuzz, glyph for glyph, cluster for cluster and
** advance for advance. So neither shortcut changes a glyph or a position.
*/
static void check_sample_words_as_harfbuzz(void)
{
    bc_font *font[NFACES] = {0};
    bc_error err;
    for (int i = 0; i < NFACES; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/fonts/%s.ttf", BC_PROJECT_DIR, faces[i]);
        CHECK(bc_font_open(path, &font[i], &err) == BC_OK);
    }
    FILE *fp = fopen(BC_PROJECT_DIR "/tests/golden/sample.layout", "r");
    CHECK(fp != NULL);
    if (!fp) return;
    char line[8192];
    int words = 0, same = 0, lig_words = 0, ligs = 0, other = 0;
    while (fgets(line, sizeof line, fp)) {
        int slot;
        if (sscanf(line, "  text f%d ", &slot) != 1 || slot < 0 || slot >= NFACES) continue;
        char *q0 = strchr(line, '"'), *q1 = strrchr(line, '"');
        if (!q0 || q1 <= q0) continue;
        *q1 = 0;
        for (char *w = strtok(q0 + 1, " "); w; w = strtok(NULL, " ")) {
            if (strchr(w, '\\') || bc_shape_needed(w, strlen(w))) continue;
            bc_shape_font sf = shape_font(font[slot]);
            int ok;
            words++;
            if (bc_shape_ligates(&sf, w, strlen(w))) {
                lig_words++;
                ok = same_as_harfbuzz(font[slot], w, "en-GB", &ligs);
            } else {
                ok = plain_as_harfbuzz(font[slot], w, "en-GB");
            }
            if (ok)
                same++;
            else if (other++ < 20)
                fprintf(stderr, "sample word \"%s\" (f%d): set otherwise than HarfBuzz sets it\n",
                        w, slot);
        }
    }
    fclose(fp);
    printf("sample brief: %d of %d words are set exactly as HarfBuzz sets them; %d hold a "
           "ligature (%d formed)\n",
           same, words, lig_words, ligs);
    CHECK(words > 1000);
    CHECK(lig_words >= 30);
    CHECK(ligs == lig_words);
    CHECK(same == words);
    for (int i = 0; i < NFACES; i++) bc_font_free(font[i]);
}

/*
** Ligatures set without HarfBuzz, against HarfBuzz: words with every standard ligature, at
** word starts and ends, with capitals, digits and punctuation, in every shipped Latin face and
** in the languages that take the shortcut, and in Catalan, whose DejaVu language system has no
** ligatures (shape.c must leave that to HarfBuzz). Runs first: no HarfBuzz may be loaded by it.
*/
static void check_ligatures_without_harfbuzz(void)
{
    static const char *const words[] = {
        "office",  "affluent", "fjord",    "ffl",         "fluff",       "waffle",     "Jefferson",
        "offload", "stiffly",  "baffling", "Afflict",     "FFI",         "fi",         "fl",
        "ff",      "Fiji",     "shelfful", "(office),",   "fifty-fifth", "scaffold’s", "ﬃ",
        "ofﬁce",   "f",        "ft",       "efficiently", "1ffi2",       "Café-fils",
    };
    static const char *const langs[] = {"en", "en-GB", "", "fr", "de", "ca", "tr", "ro"};
    bc_font *font[NFACES] = {0};
    bc_error err;
    int n = 0, same = 0, formed = 0, told = 0;
    for (int i = 0; i < NFACES; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/fonts/%s.ttf", BC_PROJECT_DIR, faces[i]);
        CHECK(bc_font_open(path, &font[i], &err) == BC_OK);
    }
    /* first the shortcut alone: HarfBuzz is not loaded for it */
    bc_shape_font sf = shape_font(font[0]);
    bc_shaped sh;
    CHECK(bc_shape_ligates(&sf, "office", 6));
    CHECK(!bc_shape_ligates(&sf, "oft", 3));
    CHECK(!bc_shape_ligates(&sf, "Latin", 5));
    CHECK(bc_shape(&sf, "office", 6, 0, "en", &sh, &err) == BC_OK);
    CHECK(sh.n == 4); /* o, ffi, c, e */
    char *maps = read_cmd("cat /proc/$PPID/maps");
    CHECK(maps != NULL);
    if (maps) CHECK(strstr(maps, "libharfbuzz") == NULL);
    free(maps);
    for (int i = 0; i < NFACES; i++)
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
            for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
                n++;
                if (same_as_harfbuzz(font[i], words[w], langs[l], &formed))
                    same++;
                else if (told++ < 20)
                    fprintf(stderr, "%s \"%s\" (%s): set otherwise than HarfBuzz sets it\n",
                            faces[i], words[w], langs[l]);
            }
    printf("ligatures without HarfBuzz: %d of %d words set as HarfBuzz sets them (%d with a "
           "ligature)\n",
           same, n, formed);
    CHECK(same == n);
    CHECK(formed > 100);
    for (int i = 0; i < NFACES; i++) bc_font_free(font[i]);
}

/* A hostile GSUB whose counts would make a reader walk billions of entries (65,535 feature
   indices, each feature naming lookup 0 65,535 times, a LigatureSubst with 65,535 sets over a
   coverage of 65,535 ranges) is read within a budget: it returns, and is not "simple". */
static void put16(unsigned char *b, size_t at, unsigned v)
{
    b[at] = (unsigned char)(v >> 8);
    b[at + 1] = (unsigned char)v;
}

static void check_hostile_gsub(void)
{
    size_t len = 300000;
    unsigned char *b = calloc(len, 1);
    put16(b, 0, 1);     /* version 1.0 */
    put16(b, 4, 10);    /* ScriptList at 10 */
    put16(b, 6, 40100); /* FeatureList */
    put16(b, 8, 40050); /* LookupList */
    put16(b, 10, 1);    /* one script, 'latn', its table at 18 */
    memcpy(b + 12, "latn", 4);
    put16(b, 16, 8);
    put16(b, 18, 6);      /* its default LangSys at 24 */
    put16(b, 26, 0xFFFF); /* no required feature */
    put16(b, 28, 20000);  /* 20,000 feature indices, all 0 */
    put16(b, 40100, 1);   /* feature 0: 'liga' at 40108 */
    memcpy(b + 40102, "liga", 4);
    put16(b, 40106, 8);
    put16(b, 40110, 0xFFFF); /* naming lookup 0 (mostly) 65,535 times */
    put16(b, 40050, 1);      /* lookup 0 at 40054: a LigatureSubst */
    put16(b, 40052, 4);
    put16(b, 40054, 4);
    put16(b, 40058, 1);
    put16(b, 40060, 8); /* its subtable at 40062 */
    put16(b, 40062, 1);
    put16(b, 40064, 0x4000); /* coverage at 56446: format 2, 65,535 ranges */
    put16(b, 40066, 0xFFFF); /* 65,535 ligature sets */
    put16(b, 56446, 2);
    put16(b, 56448, 0xFFFF);
    bc_liga *t = bc_liga_new(b, len);
    CHECK(t != NULL);
    CHECK(!bc_liga_simple_for(t, 0));
    bc_liga_free(t);
    free(b);
}

int main(void)
{
    check_hostile_gsub();
    check_ligatures_without_harfbuzz();
    check_sample_words_as_harfbuzz();
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) check_sample(&samples[i]);
    check_itemisation();
    check_needed();
    bc_shape_release();
    return check_done();
}
