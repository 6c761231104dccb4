/* test_cbdt.c — colour bitmap glyphs (cbdt.c): a small CBLC/CBDT font built here (two
   strikes; index formats 1, 2 and 3; image formats 17, 18 and 19) reads back image for image;
   the strike nearest the size asked is chosen; every damaged variant (each offset and length
   pointed outside, cut short at every length, unknown formats) gives "no glyph", never a read
   outside (run under ASan); Noto Color Emoji, when installed, gives its rocket's PNG.
   `test_cbdt --corpus DIR` writes the fonts as the seed corpus of fuzz_cbdt. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/cbdt.h"
#include "text/sfnt.h"

typedef struct mbuf {
    unsigned char b[4096];
    size_t n;
} mbuf;

static void p8(mbuf *m, unsigned v) { m->b[m->n++] = (unsigned char)v; }
static void p16(mbuf *m, unsigned v) { p8(m, v >> 8), p8(m, v & 255); }
static void p32(mbuf *m, uint32_t v) { p16(m, v >> 16), p16(m, v & 0xFFFF); }
/* A PNG of n bytes (n >= 24) the reader does not decode: signature, an IHDR of w x h pixels,
   zeros, its last byte tag. */
static void png_wh(mbuf *m, unsigned n, unsigned tag, uint32_t w, uint32_t h)
{
    static const unsigned char sig[16] = {0x89, 'P', 'N', 'G', 13,  10,  26,  10,
                                          0,    0,   0,   13,  'I', 'H', 'D', 'R'};
    p32(m, n);
    size_t at = m->n;
    for (unsigned i = 0; i < n; i++) p8(m, i < 16 ? sig[i] : i + 1 == n ? tag : 0);
    for (int k = 0; k < 4; k++) {
        m->b[at + 16 + k] = (unsigned char)(w >> (24 - 8 * k));
        m->b[at + 20 + k] = (unsigned char)(h >> (24 - 8 * k));
    }
}
static void png(mbuf *m, unsigned n, unsigned tag) { png_wh(m, n, tag, 10, 12); }

static void bitmap_size(mbuf *m, uint32_t arr, uint32_t nsub, unsigned first, unsigned last,
                        unsigned ppem)
{
    p32(m, arr), p32(m, 0), p32(m, nsub), p32(m, 0);
    for (int i = 0; i < 24; i++) p8(m, 0);
    p16(m, first), p16(m, last), p8(m, ppem), p8(m, ppem), p8(m, 32), p8(m, 1);
}

/* The font: strike 0 at 16 ppem, glyphs 1-2 (index 1, image 17), 3 (index 2, image 19),
   4-5 (index 3, image 18); strike 1 at 64 ppem, glyph 1 (index 1, image 17). */
static size_t build(unsigned char *out)
{
    mbuf dt = {.n = 0}, lc = {.n = 0};
    p16(&dt, 3), p16(&dt, 0);
    size_t g[7];
    g[1] = dt.n; /* image 17: small metrics h w bx by adv */
    p8(&dt, 12), p8(&dt, 10), p8(&dt, 1), p8(&dt, 11), p8(&dt, 13), png(&dt, 30, 1);
    g[2] = dt.n;
    p8(&dt, 14), p8(&dt, 14), p8(&dt, 0), p8(&dt, 12), p8(&dt, 15), png(&dt, 31, 2);
    g[3] = dt.n; /* image 19: data only */
    png(&dt, 32, 3);
    g[4] = dt.n; /* image 18: big metrics */
    p8(&dt, 9), p8(&dt, 8), p8(&dt, 2), p8(&dt, 7), p8(&dt, 11), p8(&dt, 0), p8(&dt, 0), p8(&dt, 0);
    png(&dt, 33, 4);
    g[5] = dt.n;
    p8(&dt, 9), p8(&dt, 8), p8(&dt, 2), p8(&dt, 7), p8(&dt, 11), p8(&dt, 0), p8(&dt, 0), p8(&dt, 0);
    png(&dt, 34, 5);
    g[6] = dt.n; /* strike 1's glyph 1 */
    p8(&dt, 48), p8(&dt, 40), p8(&dt, 4), p8(&dt, 44), p8(&dt, 52), png(&dt, 35, 6);
    size_t end = dt.n;

    p16(&lc, 3), p16(&lc, 0), p32(&lc, 2);
    size_t arr0 = 8 + 2 * 48;
    bitmap_size(&lc, (uint32_t)arr0, 3, 1, 5, 16);
    size_t arr1 = arr0 + 3 * 8 + 20 + 20 + 16;
    bitmap_size(&lc, (uint32_t)arr1, 1, 1, 1, 64);
    /* strike 0's array: three entries, then the subtables */
    size_t s1 = 24, s2 = s1 + 20, s3 = s2 + 20;
    p16(&lc, 1), p16(&lc, 2), p32(&lc, (uint32_t)s1);
    p16(&lc, 3), p16(&lc, 3), p32(&lc, (uint32_t)s2);
    p16(&lc, 4), p16(&lc, 5), p32(&lc, (uint32_t)s3);
    p16(&lc, 1), p16(&lc, 17), p32(&lc, (uint32_t)g[1]); /* index 1 */
    p32(&lc, 0), p32(&lc, (uint32_t)(g[2] - g[1])), p32(&lc, (uint32_t)(g[3] - g[1]));
    p16(&lc, 2), p16(&lc, 19), p32(&lc, (uint32_t)g[3]); /* index 2 */
    p32(&lc, (uint32_t)(g[4] - g[3]));
    p8(&lc, 16), p8(&lc, 15), p8(&lc, 0), p8(&lc, 13), p8(&lc, 17), p8(&lc, 0), p8(&lc, 0),
        p8(&lc, 0);
    p16(&lc, 3), p16(&lc, 18), p32(&lc, (uint32_t)g[4]); /* index 3 */
    p16(&lc, 0), p16(&lc, (unsigned)(g[5] - g[4])), p16(&lc, (unsigned)(g[6] - g[4])), p16(&lc, 0);
    if (lc.n != arr1) fprintf(stderr, "builder: strike 1 at %zu, not %zu\n", lc.n, arr1);
    p16(&lc, 1), p16(&lc, 1), p32(&lc, 8);
    p16(&lc, 1), p16(&lc, 17), p32(&lc, (uint32_t)g[6]);
    p32(&lc, 0), p32(&lc, (uint32_t)(end - g[6]));

    mbuf f = {.n = 0};
    p32(&f, 0x00010000), p16(&f, 2), p16(&f, 32), p16(&f, 1), p16(&f, 0);
    size_t lco = 12 + 32, dto = lco + ((lc.n + 3) & ~(size_t)3);
    p32(&f, 0x43424454), p32(&f, 0), p32(&f, (uint32_t)dto), p32(&f, (uint32_t)dt.n); /* CBDT */
    p32(&f, 0x43424C43), p32(&f, 0), p32(&f, (uint32_t)lco), p32(&f, (uint32_t)lc.n); /* CBLC */
    memcpy(f.b + f.n, lc.b, lc.n);
    f.n = dto;
    memcpy(f.b + f.n, dt.b, dt.n);
    f.n += dt.n;
    memcpy(out, f.b, f.n);
    return f.n;
}

/* Reads glyph gid at ppem out of a copy of exactly len bytes (ASan sees any overread), kept
   until the next call so the image can be looked at: 1 found, 0 not, -1 an image pointing
   outside the copy. */
static unsigned char *last_copy;
static int read_glyph(const unsigned char *font, size_t len, uint32_t gid, int ppem,
                      bc_cbdt_glyph *g, const char **why)
{
    free(last_copy);
    unsigned char *copy = last_copy = malloc(len ? len : 1);
    memcpy(copy, font, len);
    bc_sfnt s;
    int r = 0;
    *why = NULL;
    if (bc_sfnt_open(&s, copy, len) == 0) {
        r = bc_cbdt_glyph_image(&s, gid, ppem, g, why);
        if (r && (g->png < copy || g->len > len || g->png + g->len > copy + len)) return -1;
        if (r) { /* touch every byte it points to */
            unsigned sum = 0;
            for (size_t i = 0; i < g->len; i++) sum += g->png[i];
            r += (int)(sum & 0u) * (int)len; /* 0: only the reads count */
        }
    }
    return r;
}

static void test_built(const unsigned char *f, size_t n)
{
    bc_cbdt_glyph g;
    const char *why;
    bc_sfnt s;
    CHECK(bc_sfnt_open(&s, f, n) == 0 && bc_cbdt_present(&s));
    CHECK(read_glyph(f, n, 1, 16, &g, &why) == 1);
    CHECK(g.ppem == 16 && g.width == 10 && g.height == 12 && g.bearing_y == 11 && g.advance == 13 &&
          g.len == 30 && g.png[29] == 1 && g.png[0] == 0x89);
    CHECK(read_glyph(f, n, 2, 16, &g, &why) == 1 && g.len == 31 && g.png[30] == 2 && g.width == 14);
    CHECK(read_glyph(f, n, 3, 16, &g, &why) == 1 && g.len == 32 && g.png[31] == 3 &&
          g.width == 15 && g.height == 16 && g.bearing_y == 13 && g.advance == 17);
    CHECK(read_glyph(f, n, 4, 16, &g, &why) == 1 && g.len == 33 && g.png[32] == 4 && g.width == 8 &&
          g.height == 9 && g.bearing_x == 2 && g.advance == 11);
    CHECK(read_glyph(f, n, 5, 16, &g, &why) == 1 && g.len == 34 && g.png[33] == 5);
    CHECK(read_glyph(f, n, 6, 16, &g, &why) == 0);
    CHECK(read_glyph(f, n, 0, 16, &g, &why) == 0);
    /* the strike nearest: 64 for 20 to 64 and above, 16 up to 16 */
    CHECK(read_glyph(f, n, 1, 40, &g, &why) == 1 && g.ppem == 64 && g.png[34] == 6 &&
          g.width == 40);
    CHECK(read_glyph(f, n, 1, 200, &g, &why) == 1 && g.ppem == 64);
    CHECK(read_glyph(f, n, 1, 9, &g, &why) == 1 && g.ppem == 16);
    CHECK(read_glyph(f, n, 3, 64, &g, &why) == 0); /* only strike 0 has it */
}

/* Every cut and every byte set to 0xFF or 0x7F reads within bounds, glyphs 0..7 at 16 and 64. */
static void test_damaged(const unsigned char *f, size_t n)
{
    unsigned char *m = malloc(n);
    bc_cbdt_glyph g;
    const char *why;
    int ok = 1;
    for (size_t cut = 0; cut < n; cut++)
        for (uint32_t gid = 0; gid < 8; gid++)
            if (read_glyph(f, cut, gid, 16, &g, &why) < 0) ok = 0;
    CHECK(ok);
    int refused = 0;
    for (size_t at = 0; at < n; at++)
        for (int v = 0; v < 3; v++) {
            memcpy(m, f, n);
            m[at] = v == 0 ? 0xFF : v == 1 ? 0x7F : (unsigned char)(m[at] + 1);
            for (uint32_t gid = 0; gid < 8; gid++)
                for (int ppem = 16; ppem <= 64; ppem += 48) {
                    int r = read_glyph(m, n, gid, ppem, &g, &why);
                    ok &= r >= 0;
                    refused += r == 0 && why;
                }
        }
    CHECK(ok);
    CHECK(refused > 100); /* damage was seen and said, not ignored */
    /* index format 4 and image format 1 are refused with a reason */
    memcpy(m, f, n);
    size_t lco = 44, sub = lco + 8 + 96 + 24;
    m[sub + 1] = 4;
    CHECK(read_glyph(m, n, 1, 16, &g, &why) == 0 && why && strstr(why, "format"));
    memcpy(m, f, n);
    m[sub + 3] = 1;
    CHECK(read_glyph(m, n, 1, 16, &g, &why) == 0 && why && strstr(why, "format"));
    /* a PNG whose header claims more than a glyph can hold is refused before decoding */
    memcpy(m, f, n);
    unsigned char *png1 = NULL;
    CHECK(read_glyph(m, n, 1, 16, &g, &why) == 1);
    if (g.len >= 24) png1 = (unsigned char *)(uintptr_t)(g.png - last_copy + m);
    if (png1) {
        png1[18] = 0x27; /* width 10 -> 0x2710 = 10,000 */
        CHECK(read_glyph(m, n, 1, 16, &g, &why) == 0 && why && strstr(why, "larger"));
        png1[18] = 0;
        png1[13] = 'X'; /* no IHDR */
        CHECK(read_glyph(m, n, 1, 16, &g, &why) == 0 && why && strstr(why, "not a PNG"));
    }
    free(m);
}

static void test_noto(void)
{
    const char *path = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "%s absent: skipped\n", path);
        return;
    }
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *d = malloc((size_t)len);
    CHECK(fread(d, 1, (size_t)len, fp) == (size_t)len);
    fclose(fp);
    bc_sfnt s;
    CHECK(bc_sfnt_open(&s, d, (size_t)len) == 0 && bc_cbdt_present(&s));
    uint32_t gid = bc_sfnt_glyph(&s, 0x1F680); /* rocket */
    bc_cbdt_glyph g;
    CHECK(gid && bc_cbdt_glyph_image(&s, gid, 12, &g, NULL) == 1);
    CHECK(g.ppem == 109 && g.width == 136 && g.height == 128 && g.len > 1000 &&
          !memcmp(g.png, "\x89PNG", 4));
    free(d);
}

int main(int argc, char **argv)
{
    static unsigned char f[8192];
    size_t n = build(f);
    if (argc == 3 && !strcmp(argv[1], "--corpus")) {
        char p[1024];
        snprintf(p, sizeof p, "%s/built.ttf", argv[2]);
        FILE *o = fopen(p, "wb");
        if (!o || fwrite(f, 1, n, o) != n || fclose(o)) return 1;
        return 0;
    }
    test_built(f, n);
    test_damaged(f, n);
    test_noto();
    free(last_copy);
    return check_done();
}
