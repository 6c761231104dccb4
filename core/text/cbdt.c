/*
** cbdt.c — colour bitmap glyphs from CBLC/CBDT (cbdt.h).
**
** Every read goes through rd8/rd16/rd32 with the offset checked against the table's length
** first (offsets are size_t, sums are checked before they are formed), so no table, however
** its offsets point, is read outside. A damaged table reads as "no glyph" with a reason.
*/
#include "text/cbdt.h"

#include <string.h>

#define BITMAP_SIZE_LEN 48u /* a BitmapSize record of CBLC */
#define MAX_STRIKES 256u    /* more is no real font: refused */
#define MAX_SUBTABLES 65536u

typedef struct tab {
    const unsigned char *p;
    size_t len;
} tab;

/* Whether n bytes at off lie inside t. */
static int in(const tab *t, size_t off, size_t n) { return off <= t->len && n <= t->len - off; }

static unsigned rd8(const tab *t, size_t o) { return t->p[o]; }
static unsigned rd16(const tab *t, size_t o) { return (unsigned)t->p[o] << 8 | t->p[o + 1]; }
static uint32_t rd32(const tab *t, size_t o)
{
    return (uint32_t)t->p[o] << 24 | (uint32_t)t->p[o + 1] << 16 | (uint32_t)t->p[o + 2] << 8 |
           t->p[o + 3];
}
static int s8(unsigned v) { return v >= 128 ? (int)v - 256 : (int)v; }

static int fail(const char **why, const char *what)
{
    if (why) *why = what;
    return 0;
}

/* The CBLC and CBDT tables and the strike count; 0 when absent or damaged. */
static int tables(const bc_sfnt *s, tab *lc, tab *dt, unsigned *nsizes, const char **why)
{
    bc_sfnt_table a = bc_sfnt_get(s, BC_SFNT_TAG('C', 'B', 'L', 'C'));
    bc_sfnt_table b = bc_sfnt_get(s, BC_SFNT_TAG('C', 'B', 'D', 'T'));
    if (!a.len || !b.len) return fail(why, "no CBLC or CBDT table");
    lc->p = a.p, lc->len = a.len;
    dt->p = b.p, dt->len = b.len;
    if (!in(lc, 0, 8) || !in(dt, 0, 4)) return fail(why, "CBLC or CBDT header cut short");
    unsigned major = rd16(lc, 0);
    if (major != 2 && major != 3) return fail(why, "CBLC version is not 2 or 3");
    uint32_t n = rd32(lc, 4);
    if (n == 0 || n > MAX_STRIKES || !in(lc, 8, (size_t)n * BITMAP_SIZE_LEN))
        return fail(why, "CBLC strike count out of range");
    *nsizes = n;
    return 1;
}

int bc_cbdt_present(const bc_sfnt *s)
{
    tab lc, dt;
    unsigned n;
    return s && tables(s, &lc, &dt, &n, NULL);
}

/* The strike nearest ppem: the smallest at least ppem, else the largest. */
static size_t pick_strike(const tab *lc, unsigned n, int ppem)
{
    size_t best = 8;
    int best_ppem = -1, best_above = 0;
    for (unsigned i = 0; i < n; i++) {
        size_t r = 8 + (size_t)i * BITMAP_SIZE_LEN;
        int py = (int)rd8(lc, r + 45);
        int above = py >= ppem;
        if (best_ppem < 0 || (above && (!best_above || py < best_ppem)) ||
            (!above && !best_above && py > best_ppem)) {
            best = r;
            best_ppem = py;
            best_above = above;
        }
    }
    return best;
}

/* Reads big glyph metrics (8 bytes) at o of t into out. */
static void big_metrics(const tab *t, size_t o, bc_cbdt_glyph *out)
{
    out->height = (int)rd8(t, o);
    out->width = (int)rd8(t, o + 1);
    out->bearing_x = s8(rd8(t, o + 2));
    out->bearing_y = s8(rd8(t, o + 3));
    out->advance = (int)rd8(t, o + 4);
}

/* Where glyph k (its index in the subtable's range) lies in CBDT: [*off, *off + *len), and for
   index format 2 its metrics. 0 when the subtable is damaged or of another format. */
static int locate(const tab *lc, size_t sub, uint32_t k, uint32_t count, size_t *off, size_t *len,
                  int *have_metrics, bc_cbdt_glyph *out, const char **why)
{
    if (!in(lc, sub, 8)) return fail(why, "CBLC index subtable outside the table");
    unsigned fmt = rd16(lc, sub);
    size_t base = rd32(lc, sub + 4);
    size_t a, b;
    if (fmt == 1 || fmt == 3) {
        size_t w = fmt == 1 ? 4 : 2, at = sub + 8 + (size_t)k * w;
        if (!in(lc, at, 2 * w) || k >= count) return fail(why, "CBLC offset array cut short");
        a = w == 4 ? rd32(lc, at) : rd16(lc, at);
        b = w == 4 ? rd32(lc, at + w) : rd16(lc, at + w);
        if (b < a) return fail(why, "CBLC glyph offsets out of order");
    } else if (fmt == 2) {
        if (!in(lc, sub + 8, 12)) return fail(why, "CBLC index subtable cut short");
        size_t size = rd32(lc, sub + 8);
        if (size == 0 || size > 0x1000000u) return fail(why, "CBLC image size out of range");
        a = (size_t)k * size; /* k < 65536, size < 2^24: no overflow */
        b = a + size;
        big_metrics(lc, sub + 12, out);
        *have_metrics = 1;
    } else
        return fail(why, "CBLC index subtable format not read (1, 2 and 3 are)");
    if (base > SIZE_MAX - b) return fail(why, "CBLC image offset out of range");
    *off = base + a;
    *len = b - a;
    return 1;
}

int bc_cbdt_glyph_image(const bc_sfnt *s, uint32_t gid, int ppem, bc_cbdt_glyph *out,
                        const char **why)
{
    tab lc, dt;
    unsigned n;
    memset(out, 0, sizeof *out);
    if (why) *why = NULL;
    if (!s || gid > 0xFFFF || !tables(s, &lc, &dt, &n, why)) return 0;
    size_t r = pick_strike(&lc, n, ppem);
    size_t arr = rd32(&lc, r);
    uint32_t nsub = rd32(&lc, r + 8);
    unsigned first = rd16(&lc, r + 40), last = rd16(&lc, r + 42);
    out->ppem = (int)rd8(&lc, r + 45);
    if (out->ppem == 0) return fail(why, "CBLC strike of 0 pixels per em");
    if (gid < first || gid > last) return 0;
    if (nsub > MAX_SUBTABLES || !in(&lc, arr, (size_t)nsub * 8))
        return fail(why, "CBLC index subtable array outside the table");
    for (uint32_t i = 0; i < nsub; i++) {
        size_t e = arr + (size_t)i * 8;
        unsigned lo = rd16(&lc, e), hi = rd16(&lc, e + 2);
        if (gid < lo || gid > hi) continue;
        size_t add = rd32(&lc, e + 4);
        if (add > lc.len - arr) return fail(why, "CBLC index subtable outside the table");
        size_t off, len;
        int have = 0;
        if (!locate(&lc, arr + add, gid - lo, hi - lo + 1u, &off, &len, &have, out, why)) return 0;
        if (!in(&dt, off, len)) return fail(why, "CBDT image outside the table");
        tab img = {dt.p + off, len};
        unsigned ifmt = rd16(&lc, arr + add + 2);
        size_t hdr;
        if (ifmt == 17 && in(&img, 0, 9)) {
            out->height = (int)rd8(&img, 0);
            out->width = (int)rd8(&img, 1);
            out->bearing_x = s8(rd8(&img, 2));
            out->bearing_y = s8(rd8(&img, 3));
            out->advance = (int)rd8(&img, 4);
            hdr = 5;
        } else if (ifmt == 18 && in(&img, 0, 12)) {
            big_metrics(&img, 0, out);
            hdr = 8;
        } else if (ifmt == 19 && have && in(&img, 0, 4))
            hdr = 0;
        else
            return fail(why, "CBDT image format not read or image cut short");
        size_t dlen = rd32(&img, hdr);
        if (!in(&img, hdr + 4, dlen) || dlen < 8)
            return fail(why, "CBDT image data outside its record");
        if (out->width == 0 || out->height == 0) return fail(why, "CBDT image of no pixels");
        /* a PNG whose header says at most 255 pixels a side, as the metrics can: the decoder
           is never handed a picture larger than a glyph can be */
        tab png = {img.p + hdr + 4, dlen};
        if (dlen < 24 || memcmp(png.p, "\x89PNG\r\n\x1a\n", 8) || memcmp(png.p + 12, "IHDR", 4))
            return fail(why, "CBDT image is not a PNG");
        if (rd32(&png, 16) > 255 || rd32(&png, 20) > 255 || rd32(&png, 16) == 0 ||
            rd32(&png, 20) == 0)
            return fail(why, "CBDT image larger than a glyph's metrics allow (255 pixels)");
        out->png = png.p;
        out->len = dlen;
        return 1;
    }
    return 0;
}
