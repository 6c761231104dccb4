/* test_sfnt.c — the TrueType tables layout reads itself (sfnt.c) against HarfBuzz, which
   read them before: for every shipped font, the glyph of every code point up to U+2FFFF, the
   advance of every glyph, the vertical metrics, cap height and PostScript name; a subset made
   through dlopen'd HarfBuzz reads back with the right glyphs; damaged files are refused or
   read as zeros, never out of bounds. */
#include <hb-ot.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/font.h"
#include "text/sfnt.h"

static void test_font(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fonts/%s", BC_PROJECT_DIR, name);
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    unsigned len = 0;
    const unsigned char *data = (const unsigned char *)hb_blob_get_data(blob, &len);
    bc_sfnt s;
    CHECK(bc_sfnt_open(&s, data, len) == 0);
    CHECK(s.upem == hb_face_get_upem(face));
    CHECK(s.nglyphs == hb_face_get_glyph_count(face));

    int wrong = 0, mapped = 0;
    for (uint32_t cp = 0; cp < 0x30000; cp++) {
        hb_codepoint_t g = 0;
        uint32_t want = hb_font_get_nominal_glyph(font, cp, &g) ? g : 0;
        uint32_t got = bc_sfnt_glyph(&s, cp);
        mapped += want != 0;
        if (got != want && wrong++ < 5)
            fprintf(stderr, "%s: U+%04X: HarfBuzz glyph %u, we %u\n", name, cp, want, got);
    }
    CHECK(wrong == 0);
    CHECK(mapped > 500); /* the test saw a real cmap */
    wrong = 0;
    for (uint32_t g = 0; g < s.nglyphs + 3; g++) {
        unsigned want = (unsigned)hb_font_get_glyph_h_advance(font, g);
        if (bc_sfnt_advance(&s, g) != want && wrong++ < 5)
            fprintf(stderr, "%s: glyph %u: HarfBuzz advance %u, we %u\n", name, g, want,
                    bc_sfnt_advance(&s, g));
    }
    CHECK(wrong == 0);

    hb_font_extents_t ext;
    hb_font_get_h_extents(font, &ext);
    int asc, desc, cap = 0;
    bc_sfnt_extents(&s, &asc, &desc);
    CHECK(asc == ext.ascender);
    CHECK(desc == ext.descender);
    hb_position_t hcap = 0;
    int has = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &hcap);
    CHECK(bc_sfnt_cap_height(&s, &cap) == has);
    CHECK(cap == hcap);

    char want[64] = "", got[64] = "";
    unsigned wl = sizeof want;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &wl, want);
    CHECK(bc_sfnt_psname(&s, got, sizeof got));
    CHECK_STR(got, want);

    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

/* A subset made through dlopen'd HarfBuzz keeps the used characters and reads back. */
static void test_subset(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fonts/NotoSerif-Regular.ttf", BC_PROJECT_DIR);
    bc_font *f;
    bc_error err;
    CHECK(bc_font_open(path, &f, &err) == BC_OK);
    if (!f) return;
    static const char text[] = "Aid \xE2\x80\x93 caf\xC3\xA9 \xE2\x82\xAC 1,234";
    bc_font_use(f, text, sizeof text - 1);
    bc_subset sub;
    CHECK(bc_font_subset(f, &sub, &err) == BC_OK);
    CHECK(sub.n == 15);              /* distinct characters of text */
    CHECK(sub.nglyphs >= sub.n + 1); /* .notdef, and components of composite glyphs */
    int all = 1;
    for (int i = 0; i < sub.n; i++) all &= sub.gids[i] != 0;
    CHECK(all);
    /* The subset's advance of 'A' is the font's. */
    uint16_t ga = bc_subset_gid(&sub, 'A');
    CHECK(ga != 0 && ga < sub.nglyphs);
    CHECK_NEAR(sub.widths[ga], bc_font_advance(f, 'A'), 0.51);
    bc_subset_free(&sub);
    bc_font_free(f);
}

/* Damaged files: truncated at every length, and with offsets pointing anywhere. */
static void test_damage(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fonts/NotoSans-Regular.ttf", BC_PROJECT_DIR);
    FILE *fp = fopen(path, "rb");
    CHECK(fp != NULL);
    if (!fp) return;
    unsigned char *buf = malloc(1 << 20);
    size_t n = fread(buf, 1, 1 << 20, fp);
    fclose(fp);
    bc_sfnt s;
    CHECK(bc_sfnt_open(&s, buf, 4) == -1);
    CHECK(bc_sfnt_open(&s, buf, 11) == -1);
    unsigned long sum = 0;
    for (size_t cut = 12; cut < n; cut += 997) {
        unsigned char *copy = malloc(cut); /* exact size: ASan sees any read past it */
        memcpy(copy, buf, cut);
        if (bc_sfnt_open(&s, copy, cut) == 0) {
            for (uint32_t cp = 0; cp < 0x3000; cp += 7)
                sum += bc_sfnt_advance(&s, bc_sfnt_glyph(&s, cp));
            char name[64];
            bc_sfnt_psname(&s, name, sizeof name);
            int a, d, c;
            bc_sfnt_extents(&s, &a, &d);
            bc_sfnt_cap_height(&s, &c);
        }
        free(copy);
    }
    CHECK(sum > 0);
    /* Every table record's offset set to the end of the file. */
    unsigned nt = (unsigned)(buf[4] << 8 | buf[5]);
    for (unsigned i = 0; i < nt; i++) {
        unsigned char *r = buf + 12 + 16 * i + 8;
        r[0] = (unsigned char)(n >> 24), r[1] = (unsigned char)(n >> 16),
        r[2] = (unsigned char)(n >> 8), r[3] = (unsigned char)n;
    }
    CHECK(bc_sfnt_open(&s, buf, n) == 0);
    CHECK(bc_sfnt_glyph(&s, 'A') == 0);
    CHECK(bc_sfnt_get(&s, BC_SFNT_TAG('c', 'm', 'a', 'p')).len == 0);
    free(buf);
}

int main(void)
{
    static const char *const fonts[] = {"NotoSerif-Regular.ttf",    "NotoSerif-Bold.ttf",
                                        "NotoSerif-Italic.ttf",     "NotoSerif-BoldItalic.ttf",
                                        "NotoSans-Regular.ttf",     "NotoSans-Bold.ttf",
                                        "NotoSans-Italic.ttf",      "NotoSans-BoldItalic.ttf",
                                        "NotoSansMono-Regular.ttf", "DejaVuSans.ttf"};
    for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++) test_font(fonts[i]);
    test_subset();
    test_damage();
    return check_done();
}
