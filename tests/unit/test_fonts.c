/* test_fonts.c — fonts for the world (issue 15): family and style read from the name table
   against HarfBuzz's reading, the faces of a collection, the CIDs of CFF outlines kept
   through HarfBuzz's subsetter, family lookup by name table under any file name and through
   fontconfig with every missing style named, and the fallback chain's runs per script. */
#include <hb-ot.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "base/fileio.h"
#include "layout/fontset.h"
#include "text/cff.h"
#include "text/fcfind.h"
#include "text/font.h"
#include "text/sfnt.h"

#define CJK "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define URW "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf"

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)n);
    *len = fread(b, 1, (size_t)n, fp);
    fclose(fp);
    return b;
}

/* Family and style of a file's face against HarfBuzz's reading of the same name table. */
static void test_names(const char *path, unsigned face, const char *family, int weight, int italic)
{
    size_t len;
    unsigned char *data = slurp(path, &len);
    CHECK(data != NULL);
    if (!data) return;
    bc_sfnt s;
    CHECK(bc_sfnt_open_face(&s, data, len, face) == 0);
    char got[128] = "", want[128] = "";
    unsigned wl = sizeof want;
    hb_blob_t *blob =
        hb_blob_create((const char *)data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *hf = hb_face_create(blob, face);
    if (!hb_ot_name_get_utf8(hf, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY,
                             hb_language_from_string("en", -1), &wl, want)) {
        wl = sizeof want;
        hb_ot_name_get_utf8(hf, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1), &wl,
                            want);
    }
    CHECK(bc_sfnt_family(&s, got, sizeof got));
    CHECK_STR(got, want);
    CHECK_STR(got, family);
    int w, it;
    bc_sfnt_style(&s, &w, &it);
    CHECK(w == weight);
    if (w != weight) fprintf(stderr, "%s: weight %d, expected %d\n", path, w, weight);
    CHECK(it == italic);
    hb_face_destroy(hf);
    hb_blob_destroy(blob);
    free(data);
}

/* A collection's faces, and CFF outlines: the CID of every glyph, and a subset that keeps
   them (a CJK character drawn with its own glyph, not its neighbour's). */
static void test_cff(void)
{
    size_t len;
    unsigned char *data = slurp(CJK, &len);
    CHECK(data != NULL);
    if (!data) return;
    CHECK(bc_sfnt_faces(data, len) >= 5);
    bc_sfnt s;
    CHECK(bc_sfnt_open_face(&s, data, len, bc_sfnt_faces(data, len)) == -1); /* one too far */
    CHECK(bc_sfnt_open_face(&s, data, len, 0) == 0);
    bc_sfnt_table t = bc_sfnt_get(&s, BC_SFNT_TAG('C', 'F', 'F', ' '));
    CHECK(t.len > 0 && bc_cff_valid(t.p, t.len));
    uint16_t *cids = calloc(s.nglyphs + 1, sizeof *cids);
    int keyed = 0;
    CHECK(bc_cff_cids(t.p, t.len, s.nglyphs, cids, &keyed));
    CHECK(keyed);
    uint32_t zh = bc_sfnt_glyph(&s, 0x4E2D); /* 中 */
    CHECK(zh != 0);
    uint16_t want = cids[zh];
    /* damaged tables are refused, never read outside */
    int refused = 0;
    for (size_t cut = 0; cut < 4000 && cut < t.len; cut += 37) {
        unsigned char *copy = malloc(cut + 1);
        memcpy(copy, t.p, cut);
        refused += !bc_cff_cids(copy, cut, s.nglyphs, cids, &keyed);
        free(copy);
    }
    CHECK(refused > 0);
    free(cids);
    free(data);

    bc_font *f = NULL;
    bc_error err;
    static const char *const anywhere[] = {"/", NULL};
    bc_file_roots roots = {anywhere, "anywhere"};
    CHECK(bc_font_open_face(CJK, 99, &roots, &f, &err) == BC_ERR);
    CHECK(strstr(err.msg, "faces, not 100") != NULL);
    CHECK(bc_font_open_face(CJK, 0, &roots, &f, &err) == BC_OK);
    if (!f) return;
    CHECK(bc_font_is_cff(f));
    static const char text[] = "\xE4\xB8\xAD\xE6\x96\x87 A"; /* 中文 A */
    bc_font_use(f, text, sizeof text - 1);
    bc_subset sub;
    CHECK(bc_font_subset(f, &sub, &err) == BC_OK);
    CHECK(bc_subset_gid(&sub, 0x4E2D) == want); /* the code is the glyph's CID, kept */
    CHECK(bc_subset_gid(&sub, 0x6587) != 0 && bc_subset_gid(&sub, 0x6587) != want);
    CHECK(sub.data.len > 4 && sub.data.data[0] == 1); /* the bare CFF table, version 1 */
    CHECK_NEAR(sub.widths[want], bc_font_advance(f, 0x4E2D), 0.51);
    bc_subset_free(&sub);
    bc_font_free(f);

    /* a name-keyed CFF (.otf): the CID is the glyph id */
    CHECK(bc_font_open_face(URW, 0, &roots, &f, &err) == BC_OK);
    if (!f) return;
    CHECK(bc_font_is_cff(f));
    bc_font_use(f, "Aid", 3);
    CHECK(bc_font_subset(f, &sub, &err) == BC_OK);
    CHECK(sub.nglyphs == 4); /* .notdef A d i */
    CHECK(bc_subset_gid(&sub, 'A') != 0);
    bc_subset_free(&sub);
    bc_font_free(f);
}

static const char *project_fonts(void)
{
    static char dir[512];
    snprintf(dir, sizeof dir, "%s/fonts", BC_PROJECT_DIR);
    return dir;
}

static const char *slot_path(bc_fontset *fs, int slot)
{
    static bc_error e;
    bc_font *f = bc_fontset_get(fs, slot, &e);
    return f ? bc_font_path(f) : e.msg;
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && !strcmp(s + a - b, tail);
}

/* Families by name: the shipped files by name, the name table under any file name, every
   missing style named at once, and installed families through fontconfig. */
static void test_families(const char *tmp)
{
    const char *dirs[] = {project_fonts(), NULL};
    bc_fontset *fs = bc_fontset_new("Noto Serif", "Noto Sans", dirs);
    CHECK(ends_with(slot_path(fs, BC_FONT_SERIF_BI), "/fonts/NotoSerif-BoldItalic.ttf"));
    CHECK(ends_with(slot_path(fs, BC_FONT_SANS_B), "/fonts/NotoSans-Bold.ttf"));
    bc_fontset_free(fs);

    /* Naskh Arabic under names that say nothing: found by its name table */
    char a[600], b[600], cmd[4096];
    snprintf(a, sizeof a, "%s/x1.ttf", tmp);
    snprintf(b, sizeof b, "%s/zz.ttf", tmp);
    snprintf(cmd, sizeof cmd,
             "cp '%s/NotoNaskhArabic-Regular.ttf' '%s' && cp '%s/NotoNaskhArabic-Bold.ttf' '%s'",
             project_fonts(), a, project_fonts(), b);
    CHECK(system(cmd) == 0);
    const char *own[] = {tmp, NULL};
    fs = bc_fontset_new("Noto Naskh Arabic", "noto-naskh-arabic", own);
    CHECK_STR(slot_path(fs, BC_FONT_SERIF), a);
    CHECK_STR(slot_path(fs, BC_FONT_SERIF_B), b);
    CHECK_STR(slot_path(fs, BC_FONT_SANS), a); /* spelling: case, spaces and dashes ignored */
    bc_error e;
    CHECK(bc_fontset_get(fs, BC_FONT_SERIF_I, &e) == NULL);
    CHECK(strstr(e.msg, "font family 'Noto Naskh Arabic' has no Italic, Bold Italic style "
                        "(it has Regular, Bold): briefc does not fake bold or italic") != NULL);
    if (!strstr(e.msg, "has no Italic")) fprintf(stderr, "got: %s\n", e.msg);
    bc_fontset_free(fs);

    fs = bc_fontset_new("No Such Family", "NotoSans", dirs);
    CHECK(bc_fontset_get(fs, BC_FONT_SERIF, &e) == NULL);
    CHECK(strstr(e.msg, "font family 'No Such Family' not found") != NULL);
    bc_fontset_free(fs);

    /* an installed family, CFF outlines, through fontconfig, in its four styles */
    fs = bc_fontset_new("Nimbus Sans", "NotoSans", own);
    CHECK(ends_with(slot_path(fs, BC_FONT_SERIF), "NimbusSans-Regular.otf"));
    CHECK(ends_with(slot_path(fs, BC_FONT_SERIF_B), "NimbusSans-Bold.otf"));
    CHECK(ends_with(slot_path(fs, BC_FONT_SERIF_I), "NimbusSans-Italic.otf"));
    CHECK(ends_with(slot_path(fs, BC_FONT_SERIF_BI), "NimbusSans-BoldItalic.otf"));
    bc_fontset_free(fs);
}

typedef struct want_run {
    int slot;
    const char *text;
} want_run;

/* The runs of s in pref equal want (n of them), contiguous and covering s. */
static void check_runs(bc_fontset *fs, int pref, const char *lang, const char *s,
                       const want_run *want, int n)
{
    bc_font_run runs[16];
    int got = bc_fontset_runs(fs, pref, lang, s, strlen(s), runs, 16);
    int ok = got == n;
    for (int i = 0; ok && i < n; i++)
        ok = runs[i].slot == want[i].slot && runs[i].len == strlen(want[i].text) &&
             !memcmp(s + runs[i].start, want[i].text, runs[i].len) && runs[i].font;
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "runs of \"%s\":", s);
        for (int i = 0; i < got; i++)
            fprintf(stderr, " [%d \"%.*s\"]", runs[i].slot, (int)runs[i].len, s + runs[i].start);
        fprintf(stderr, "\n");
    }
}

#define RUNS(pref, lang, s, ...)                                          \
    do {                                                                  \
        static const want_run w_[] = {__VA_ARGS__};                       \
        check_runs(fs, pref, lang, s, w_, (int)(sizeof w_ / sizeof *w_)); \
    } while (0)

static void test_chain(void)
{
    const char *dirs[] = {project_fonts(), NULL};
    bc_fontset *fs = bc_fontset_new("NotoSerif", "NotoSans", dirs);
    RUNS(BC_FONT_SERIF, NULL, "Pakistan, 2024", {BC_FONT_SERIF, "Pakistan, 2024"});
    RUNS(BC_FONT_SERIF, NULL, "in \xD9\xBE\xD8\xA7\xDA\xA9\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x86 now",
         {BC_FONT_SERIF, "in "},
         {BC_FONT_ARABIC, "\xD9\xBE\xD8\xA7\xDA\xA9\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x86 "},
         {BC_FONT_SERIF, "now"}); /* پاکستان: the space stays with the Arabic run */
    RUNS(BC_FONT_SERIF, "ur", "\xD9\xBE\xD8\xA7\xDA\xA9",
         {BC_FONT_URDU, "\xD9\xBE\xD8\xA7\xDA\xA9"});
    RUNS(BC_FONT_SERIF_B, "ur-PK", "\xD9\xBE\xD8\xA7", {BC_FONT_URDU_B, "\xD9\xBE\xD8\xA7"});
    RUNS(BC_FONT_SANS_B, NULL, "\xD9\xBE\xD8\xA7", {BC_FONT_ARABIC_B, "\xD9\xBE\xD8\xA7"});
    /* بَ: a vowel mark stays with its letter; NotoSerif has no U+064E either way */
    RUNS(BC_FONT_SERIF, NULL, "\xD8\xA8\xD9\x8E", {BC_FONT_ARABIC, "\xD8\xA8\xD9\x8E"});
    /* पाकिस्तान: vowel signs and the virama stay in the Devanagari run */
    RUNS(BC_FONT_SERIF, NULL,
         "\xE0\xA4\xAA\xE0\xA4\xBE\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4",
         {BC_FONT_DEVA,
          "\xE0\xA4\xAA\xE0\xA4\xBE\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4"});
    /* é as e + U+0301 stays one run in the body font, which has both */
    RUNS(BC_FONT_SERIF, NULL,
         "caf"
         "e\xCC\x81",
         {BC_FONT_SERIF, "cafe\xCC\x81"});
    /* symbols and emoji the text fonts lack: DejaVu Sans, in monochrome */
    RUNS(BC_FONT_SERIF, NULL, "\xE2\x98\x83\xF0\x9F\x98\x80",
         {BC_FONT_FALLBACK, "\xE2\x98\x83\xF0\x9F\x98\x80"});
    /* an unassigned code point no font has stays where it is, for the caller to report */
    RUNS(BC_FONT_SERIF, NULL,
         "a\xCD\xB8"
         "b",
         {BC_FONT_SERIF, "a\xCD\xB8"
                         "b"});
    /* 中文 through fontconfig (fonts-noto-cjk), a CFF collection */
    RUNS(BC_FONT_SERIF, NULL, "x\xE4\xB8\xAD\xE6\x96\x87", {BC_FONT_SERIF, "x"},
         {BC_FONT_CJK, "\xE4\xB8\xAD\xE6\x96\x87"});
    bc_error e;
    bc_font *cjk = bc_fontset_get(fs, BC_FONT_CJK, &e);
    CHECK(cjk && bc_font_is_cff(cjk) && strstr(bc_font_path(cjk), ".ttc"));
    char fam[80] = "";
    if (cjk) bc_font_family(cjk, fam, sizeof fam);
    CHECK_STR(fam, "Noto Sans CJK SC");
    bc_fontset_free(fs);

    /* A Nastaliq body font has no Latin letters: they come from Noto Serif in the same style,
       never a blank; headings (sans) from Noto Sans. */
    fs = bc_fontset_new("NotoNastaliqUrdu", "NotoNastaliqUrdu", dirs);
    bc_font *nq = bc_fontset_get(fs, BC_FONT_SERIF, &e);
    CHECK(nq && !bc_font_has(nq, 'P'));
    RUNS(BC_FONT_SERIF, NULL, "\xD9\xBE\xD8\xA7 Pak", {BC_FONT_SERIF, "\xD9\xBE\xD8\xA7 "},
         {BC_FONT_LATIN, "Pak"});
    RUNS(BC_FONT_SERIF_B, NULL, "Pak", {BC_FONT_LATIN + 1, "Pak"});
    RUNS(BC_FONT_SANS, NULL, "Pak", {BC_FONT_LATIN_SANS, "Pak"});
    CHECK(ends_with(slot_path(fs, BC_FONT_LATIN + 1), "/fonts/NotoSerif-Bold.ttf"));
    bc_fontset_free(fs);
}

/* Shaped text: glyph ids no code point reaches (a Devanagari conjunct) kept in the subset
   under their own ids, and drawn with the right code; CFF glyphs by their CIDs. */
static void test_glyphs(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fonts/NotoSansDevanagari-Regular.ttf", BC_PROJECT_DIR);
    static const char *const anywhere[] = {"/", NULL};
    bc_file_roots roots = {anywhere, "anywhere"};
    bc_font *f = NULL;
    bc_error err;
    CHECK(bc_font_open_face(path, 0, &roots, &f, &err) == BC_OK);
    if (!f) return;
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_buffer_t *buf = hb_buffer_create();
    static const char text[] = "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7"; /* क्ष */
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, NULL, 0);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    CHECK(n == 1); /* one conjunct glyph */
    uint32_t conj = n ? info[0].codepoint : 0;
    int reachable = 0;
    for (uint32_t cp = 0x900; cp < 0x980; cp++) {
        hb_codepoint_t g;
        reachable |= hb_font_get_nominal_glyph(font, cp, &g) && g == conj;
    }
    CHECK(conj != 0 && !reachable);
    bc_font_use(f, "\xE0\xA4\x95", 3); /* क */
    bc_font_use_glyph(f, conj, NULL, 0);
    bc_font_use_glyph(f, 1u << 20, NULL, 0); /* outside the font: ignored */
    CHECK(bc_font_glyphs_used(f));
    bc_subset sub;
    CHECK(bc_font_subset(f, &sub, &err) == BC_OK);
    CHECK(sub.retain);
    CHECK(bc_subset_glyph_code(&sub, conj) == conj); /* TrueType: the font's own id */
    hb_codepoint_t ga = 0;
    hb_font_get_nominal_glyph(font, 0x915, &ga);
    CHECK(ga != 0 && bc_subset_gid(&sub, 0x915) == ga); /* code points keep the font's ids too */
    bc_sfnt s;
    CHECK(bc_sfnt_open(&s, (const unsigned char *)sub.data.data, sub.data.len) == 0);
    int lo = 0, hi = 0;
    CHECK(bc_sfnt_glyph_box(&s, conj, &lo, &hi) && hi > lo); /* its outline is there */
    CHECK_NEAR(sub.widths[conj],
               hb_font_get_glyph_h_advance(font, conj) * 1000.0 / hb_face_get_upem(face), 0.51);
    bc_subset_free(&sub);
    bc_font_usage_clear(f);
    CHECK(!bc_font_glyphs_used(f));
    bc_font_use(f, "\xE0\xA4\x95", 3); /* क */
    CHECK(bc_font_subset(f, &sub, &err) == BC_OK);
    CHECK(!sub.retain && bc_subset_glyph_code(&sub, conj) == 0); /* code points only: as before */
    bc_subset_free(&sub);
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    bc_font_free(f);

    CHECK(bc_font_open_face(CJK, 0, &roots, &f, &err) == BC_OK);
    if (!f) return;
    size_t len;
    unsigned char *data = slurp(CJK, &len);
    bc_sfnt cs;
    bc_sfnt_open_face(&cs, data, len, 0);
    bc_sfnt_table t = bc_sfnt_get(&cs, BC_SFNT_TAG('C', 'F', 'F', ' '));
    uint16_t *cids = calloc(cs.nglyphs + 1, sizeof *cids);
    int keyed;
    CHECK(bc_cff_cids(t.p, t.len, cs.nglyphs, cids, &keyed));
    uint32_t g = bc_sfnt_glyph(&cs, 0x6587); /* 文, drawn as a shaped glyph */
    bc_font_use_glyph(f, g, NULL, 0);
    CHECK(bc_font_subset(f, &sub, &err) == BC_OK);
    CHECK(bc_subset_glyph_code(&sub, g) == cids[g] && cids[g] != 0);
    bc_subset_free(&sub);
    free(cids);
    free(data);
    bc_font_free(f);
}

int main(void)
{
    char fonts[512];
    snprintf(fonts, sizeof fonts, "%s/fonts/", BC_PROJECT_DIR);
    char p[600];
    snprintf(p, sizeof p, "%sNotoSerif-Regular.ttf", fonts);
    test_names(p, 0, "Noto Serif", 400, 0);
    snprintf(p, sizeof p, "%sNotoSerif-BoldItalic.ttf", fonts);
    test_names(p, 0, "Noto Serif", 700, 1);
    snprintf(p, sizeof p, "%sNotoNastaliqUrdu-Bold.ttf", fonts);
    test_names(p, 0, "Noto Nastaliq Urdu", 700, 0);
    snprintf(p, sizeof p, "%sNotoSansDevanagari-Regular.ttf", fonts);
    test_names(p, 0, "Noto Sans Devanagari", 400, 0);
    test_names(CJK, 0, "Noto Sans CJK JP", 400, 0);
    test_names(URW, 0, "Nimbus Sans", 400, 0);
    test_cff();
    test_glyphs();
    char tmp[] = "/tmp/bc-fonts-XXXXXX";
    CHECK(mkdtemp(tmp) != NULL);
    test_families(tmp);
    test_chain();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    CHECK(system(cmd) == 0);
    bc_fcfind_release();
    return check_done();
}
