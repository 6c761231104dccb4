/* test_kern.c — pair kerning read from GPOS (kern.c) against HarfBuzz's own shaping of the
   same pairs, for every pair of printable ASCII and some Latin-1 and typographic characters,
   in each shipped text font; widths include kerning; damaged tables give no kerning. */
#include <hb.h>
#include <stdlib.h>

#include "check.h"
#include "text/font.h"
#include "text/kern.h"
#include "base/utf8.h"

/* What HarfBuzz does to the first glyph's advance when a and b are shaped together with
   kerning on (ligatures off), in 1/1000 em. */
static double shaped_kern(hb_font_t *font, unsigned upem, uint32_t a, uint32_t b)
{
    hb_buffer_t *buf = hb_buffer_create();
    uint32_t text[2] = {a, b};
    hb_buffer_add_utf32(buf, text, 2, 0, 2);
    hb_buffer_guess_segment_properties(buf);
    hb_feature_t feats[] = {{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
                            {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
                            {HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1}};
    hb_shape(font, buf, feats, 3);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    double k = n == 2 ? (pos[0].x_advance - hb_font_get_glyph_h_advance(font, info[0].codepoint)) *
                            1000.0 / upem
                      : 0;
    hb_buffer_destroy(buf);
    return k;
}

/* The same in font units, exactly (0 when HarfBuzz makes other than two glyphs). */
static int shaped_units(hb_font_t *font, uint32_t a, uint32_t b)
{
    hb_buffer_t *buf = hb_buffer_create();
    uint32_t text[2] = {a, b};
    hb_buffer_add_utf32(buf, text, 2, 0, 2);
    hb_buffer_guess_segment_properties(buf);
    hb_feature_t feats[] = {{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
                            {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
                            {HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1}};
    hb_shape(font, buf, feats, 3);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    int k = n == 2 ? pos[0].x_advance - hb_font_get_glyph_h_advance(font, info[0].codepoint) : 0;
    hb_buffer_destroy(buf);
    return k;
}

/* bc_font_kern_units (the shaper's pairs, kept in the font's table and the cache) is what
   HarfBuzz adds to the first glyph, in font units and exactly, spaces included; the font is
   found by its bytes while open. */
static void test_units(bc_font *f, hb_font_t *font, const char *name)
{
    int wrong = 0, kerned = 0;
    for (uint32_t a = 32; a < 127; a++)
        for (uint32_t b = 32; b < 127; b++) {
            int want = shaped_units(font, a, b), got = bc_font_kern_units(f, a, b);
            kerned += want != 0;
            if (got != want && wrong++ < 5)
                fprintf(stderr, "%s: '%c%c': HarfBuzz adds %d units, we %d\n", name, (int)a, (int)b,
                        want, got);
        }
    CHECK(wrong == 0);
    CHECK(kerned > 100);
    size_t len;
    const unsigned char *data = bc_font_data(f, &len);
    CHECK(bc_font_of_data(data, len, bc_font_face(f)) == f);
    CHECK(bc_font_of_data(data, len + 1, bc_font_face(f)) == NULL);
}

static void test_font(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fonts/%s", BC_PROJECT_DIR, name);
    bc_font *f;
    bc_error err;
    CHECK(bc_font_open(path, &f, &err) == BC_OK);
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    unsigned upem = hb_face_get_upem(face);
    static const uint32_t extra[] = {0xE9, 0xC9, 0xF6, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014};
    uint32_t cps[95 + sizeof extra / sizeof *extra];
    int n = 0;
    for (uint32_t c = 33; c < 127; c++) cps[n++] = c;
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) cps[n++] = extra[i];
    int kerned = 0, wrong = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double want = shaped_kern(font, upem, cps[i], cps[j]);
            double got = bc_font_kern(f, cps[i], cps[j]);
            kerned += want != 0;
            if (got - want > 0.51 || want - got > 0.51) {
                if (wrong++ < 5)
                    fprintf(stderr, "%s: U+%04X U+%04X: HarfBuzz kerns %g, we %g\n", name, cps[i],
                            cps[j], want, got);
            }
        }
    CHECK(wrong == 0);
    CHECK(kerned > 100); /* the fonts do kern: the comparison is not vacuous */
    /* widths include kerning: "AV" is narrower than "A" plus "V" */
    CHECK(bc_font_width(f, "AV", 2, 1000) <
          bc_font_width(f, "A", 1, 1000) + bc_font_width(f, "V", 1, 1000) - 1);
    /* never across a word space */
    CHECK(bc_font_kern(f, 'A', ' ') == 0 && bc_font_kern(f, ' ', 'V') == 0);
    printf("%s: %d of %d pairs kerned, all as HarfBuzz shapes them\n", name, kerned, n * n);
    test_units(f, font, name);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    size_t len;
    const unsigned char *data = bc_font_data(f, &len);
    bc_font_free(f);
    CHECK(bc_font_of_data(data, len, 0) == NULL); /* closed: not found */
}

/* Pairs among printable ASCII that kern table k adjusts (glyph ids from HarfBuzz). */
static int kerned_pairs(const bc_kern *k, hb_font_t *font)
{
    int n = 0;
    for (uint32_t a = 33; a < 127; a++)
        for (uint32_t b = 33; b < 127; b++) {
            hb_codepoint_t ga = 0, gb = 0;
            hb_font_get_nominal_glyph(font, a, &ga);
            hb_font_get_nominal_glyph(font, b, &gb);
            n += bc_kern_pair(k, ga, gb) != 0;
        }
    return n;
}

/* Damaged tables give no kerning at all (not merely no crash): every pair reads as 0. The
   real table's bytes stay in memory past the length given, so a read that ignored the length
   would find real pairs and be caught here, not only under a sanitizer. */
static void test_damaged(void)
{
    CHECK(bc_kern_new(NULL, 0) == NULL);
    unsigned char junk[64];
    for (int i = 0; i < 64; i++) junk[i] = (unsigned char)(i * 37 + 11);
    junk[0] = 0;
    junk[1] = 1; /* version 1.x, every offset pointing somewhere odd */
    bc_kern *k = bc_kern_new(junk, sizeof junk);
    int nonzero = 0;
    for (uint32_t g = 0; g < 300; g++) nonzero += bc_kern_pair(k, g, 300 - g) != 0;
    CHECK(nonzero == 0);
    bc_kern_free(k);

    char path[512];
    snprintf(path, sizeof path, "%s/fonts/NotoSerif-Regular.ttf", BC_PROJECT_DIR);
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_blob_t *gpos = hb_face_reference_table(face, HB_TAG('G', 'P', 'O', 'S'));
    unsigned len = 0;
    const char *d = hb_blob_get_data(gpos, &len);
    CHECK(len > 1000);
    unsigned char *t = malloc(len);
    memcpy(t, d, len);
    k = bc_kern_new(t, len);
    int whole = kerned_pairs(k, font);
    CHECK(whole > 100); /* the intact table kerns: the checks below are not vacuous */
    bc_kern_free(k);
    /* cut short: the header alone, then the first 64 bytes */
    static const unsigned cuts[] = {10, 64};
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
        k = bc_kern_new(t, cuts[c]);
        int got = kerned_pairs(k, font);
        if (got) fprintf(stderr, "GPOS cut to %u bytes: %d pairs kerned\n", cuts[c], got);
        CHECK(got == 0);
        bc_kern_free(k);
    }
    /* whole, but the lookup list (then the feature list) pointing at the table's last bytes */
    for (int field = 8; field >= 6; field -= 2) {
        unsigned char save[2] = {t[field], t[field + 1]};
        unsigned at = len > 0xFFFF ? 0xFFFF : len - 2;
        t[field] = (unsigned char)(at >> 8);
        t[field + 1] = (unsigned char)at;
        k = bc_kern_new(t, len);
        int got = kerned_pairs(k, font);
        if (got)
            fprintf(stderr, "GPOS with offset at byte %d damaged: %d pairs kerned\n", field, got);
        CHECK(got == 0);
        bc_kern_free(k);
        t[field] = save[0];
        t[field + 1] = save[1];
    }
    /* a major version other than 1 is a table briefc cannot read: no kerning */
    t[1] = 2;
    k = bc_kern_new(t, len);
    CHECK(kerned_pairs(k, font) == 0);
    bc_kern_free(k);
    t[1] = 1;
    free(t);
    hb_blob_destroy(gpos);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

/* bc_kern_matrix against bc_kern_pair, pair by pair, over n glyphs: the number that differ. */
typedef struct rows {
    const bc_kern *k;
    const uint32_t *g;
    int n, wrong, kerned, calls;
} rows;

static void check_row(void *arg, int i, const int *row)
{
    rows *r = arg;
    CHECK(i == r->calls++);
    for (int j = 0; j < r->n; j++) {
        int want = bc_kern_pair(r->k, r->g[i], r->g[j]);
        r->kerned += want != 0;
        if (row[j] != want && r->wrong++ < 5)
            fprintf(stderr, "matrix: glyphs %u %u: pair %d, matrix %d\n", r->g[i], r->g[j], want,
                    row[j]);
    }
}

static rows matrix_vs_pairs(const bc_kern *k, const uint32_t *g, int n)
{
    rows r = {k, g, n, 0, 0, 0};
    bc_kern_matrix(k, g, n, check_row, &r);
    CHECK(r.calls == n);
    return r;
}

/* The whole table at once (what a cold cache stores) equals the pairs one by one: every pair
   of the first 700 glyphs of each shipped font (they hold every Latin letter and sign), glyphs
   repeated and out of range too, and the damaged tables of test_damaged. */
static void test_matrix(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fonts/%s", BC_PROJECT_DIR, name);
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_t *gpos = hb_face_reference_table(face, HB_TAG('G', 'P', 'O', 'S'));
    unsigned len = 0;
    const unsigned char *d = (const unsigned char *)hb_blob_get_data(gpos, &len);
    CHECK(len > 1000);
    enum { N = 704 };
    static uint32_t g[N];
    for (int i = 0; i < 700; i++) g[i] = (uint32_t)i;
    g[700] = 36; /* a glyph twice */
    g[701] = 0;
    g[702] = 65535; /* beyond the font */
    g[703] = 70000;
    bc_kern *k = bc_kern_new(d, len);
    rows r = matrix_vs_pairs(k, g, N);
    CHECK(r.wrong == 0);
    CHECK(r.kerned > 1000); /* not vacuous */
    printf("%s: matrix equals %d pairs (%d kerned)\n", name, N * N, r.kerned);
    bc_kern_free(k);
    /* damaged: cut short, or one byte in ten changed past the header */
    unsigned char *t = malloc(len);
    /* cut through the header, the lists, and the subtables' records (so a row's records run
       past the end and are read one checked read at a time) */
    unsigned cuts[40] = {10, 64, 1000, 5000, len - 7};
    for (unsigned i = 5; i < 40; i++) cuts[i] = len / 40 * i;
    int partial = 0;
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
        k = bc_kern_new(d, cuts[c]);
        rows cut = matrix_vs_pairs(k, g, 300);
        CHECK(cut.wrong == 0);
        partial += cut.kerned > 0;
        bc_kern_free(k);
    }
    CHECK(partial >= 2); /* some cut tables still kern: their checked reads were compared */
    memcpy(t, d, len);
    for (unsigned i = 64; i < len; i += 10) t[i] = (unsigned char)(t[i] * 7 + 3);
    k = bc_kern_new(t, len);
    CHECK(matrix_vs_pairs(k, g, 300).wrong == 0);
    bc_kern_free(k);
    rows none = matrix_vs_pairs(NULL, g, 10); /* no table: every row all 0 */
    CHECK(none.wrong == 0 && none.kerned == 0);
    free(t);
    hb_blob_destroy(gpos);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

int main(void)
{
    test_matrix("NotoSerif-Regular.ttf");
    test_matrix("NotoSerif-Italic.ttf");
    test_matrix("NotoSans-Regular.ttf");
    test_matrix("NotoSans-Bold.ttf");
    test_font("NotoSerif-Regular.ttf");
    test_font("NotoSerif-Italic.ttf");
    test_font("NotoSans-Regular.ttf");
    test_font("NotoSans-Bold.ttf");
    test_damaged();
    return check_done();
}
