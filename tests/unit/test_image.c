/*
** test_image.c — image.c without files: a PNG made here with zlib decodes to the expected
** dimensions and components; every one-byte truncation of it and a flipped byte anywhere are
** refused, never crash; the box and matrix arithmetic (aspect, fit, EXIF orientation); and a
** packed image (combine.c) comes back equal, while any cut or altered header is refused.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "check.h"
#include "layout/image.h"
#include "layout/ops.h"

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16),
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static size_t chunk(unsigned char *out, const char *kind, const unsigned char *d, size_t n)
{
    be32(out, (uint32_t)n);
    memcpy(out + 4, kind, 4);
    if (n) memcpy(out + 8, d, n);
    be32(out + 8 + n, (uint32_t)crc32(0, out + 4, (uInt)(n + 4)));
    return n + 12;
}

/* An RGBA PNG, w x h, left half opaque red, right half transparent. */
static size_t make_png(unsigned char *out, int w, int h)
{
    size_t o = 0;
    memcpy(out, "\x89PNG\r\n\x1a\n", 8);
    o = 8;
    unsigned char ihdr[13] = {0};
    be32(ihdr, (uint32_t)w);
    be32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8, ihdr[9] = 6;
    o += chunk(out + o, "IHDR", ihdr, 13);
    size_t rawlen = (size_t)h * (1 + 4 * (size_t)w);
    unsigned char *raw = calloc(rawlen, 1);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = raw + (size_t)y * (1 + 4 * (size_t)w) + 1 + 4 * (size_t)x;
            p[0] = 255, p[3] = x < w / 2 ? 255 : 0;
        }
    uLongf zl = compressBound((uLong)rawlen);
    unsigned char *z = malloc(zl);
    compress(z, &zl, raw, (uLong)rawlen);
    o += chunk(out + o, "IDAT", z, zl);
    o += chunk(out + o, "IEND", NULL, 0);
    free(raw);
    free(z);
    return o;
}

int main(void)
{
    static unsigned char png[65536];
    size_t n = make_png(png, 64, 32);
    bc_arena *a = bc_arena_new();
    bc_error err;
    bc_image *img = NULL;
    CHECK(bc_image_decode(png, n, "t.png", a, &img, &err) == BC_OK);
    CHECK(img && img->w == 64 && img->h == 32 && img->ncomp == 3 && img->alpha && img->orient == 1);
    CHECK(img && img->enc == BC_IMAGE_FLATE);

    /* every truncation, and a flipped byte at every offset past the signature, is refused
       or (an ancillary byte) decodes: never a crash (ASan and UBSan watch) */
    int refused = 0;
    for (size_t k = 0; k < n; k++) {
        bc_image *t;
        if (bc_image_decode(png, k, "t.png", a, &t, &err) != BC_OK) refused++;
    }
    CHECK(refused == (int)n);
    for (size_t k = 8; k < n; k++) {
        png[k] ^= 0x5A;
        bc_image *t;
        (void)bc_image_decode(png, n, "t.png", a, &t, &err);
        png[k] ^= 0x5A;
    }
    CHECK(bc_image_decode(png, n, "t.png", a, &img, &err) == BC_OK);

    /* a giant header is refused before decoding, with the size in the message */
    static unsigned char giant[65536];
    memcpy(giant, png, n);
    be32(giant + 16, 40000);
    be32(giant + 29, (uint32_t)crc32(0, giant + 12, 17));
    bc_image *g;
    CHECK(bc_image_decode(giant, n, "g.png", a, &g, &err) == BC_ERR);
    CHECK(strstr(err.msg, "is 40000 x 32 pixels") != NULL);

    /* boxes: the measure, a share, mm, height only, a page's room */
    bc_image_block ib = {0};
    ib.img = img;
    ib.align = 'c';
    double x, w, h;
    bc_image_place(&ib, 400, 1000, &x, &w, &h);
    CHECK_NEAR(w, 400, 1e-9);
    CHECK_NEAR(h, 200, 1e-9);
    CHECK_NEAR(x, 0, 1e-9);
    ib.share = 0.5;
    bc_image_place(&ib, 400, 1000, &x, &w, &h);
    CHECK_NEAR(w, 200, 1e-9);
    CHECK_NEAR(x, 100, 1e-9);
    ib.share = 0, ib.height = 50, ib.align = 'r';
    bc_image_place(&ib, 400, 1000, &x, &w, &h);
    CHECK_NEAR(w, 100, 1e-9);
    CHECK_NEAR(h, 50, 1e-9);
    CHECK_NEAR(x, 300, 1e-9);
    ib.height = 0, ib.align = 'l';
    bc_image_place(&ib, 400, 100, &x, &w, &h); /* room for 100: 200 x 100 */
    CHECK_NEAR(w, 200, 1e-9);
    CHECK_NEAR(h, 100, 1e-9);
    /* fit: a 2:1 image in a 100 x 100 box */
    bc_ops o = {0};
    ib.width = 100, ib.height = 100, ib.fit = 'n';
    CHECK_NEAR(bc_image_lay(&ib, &o, 400, 1000), 100, 1e-9);
    CHECK(o.n == 1 && o.v[0].kind == BC_OP_IMAGE);
    CHECK(o.n == 1 && o.v[0].w == 100 && o.v[0].h == 50 && o.v[0].y == 25);
    o.n = 0;
    ib.fit = 'v';
    bc_image_lay(&ib, &o, 400, 1000);
    CHECK(o.n == 3 && o.v[0].kind == BC_OP_CLIP && o.v[2].kind == BC_OP_UNCLIP);
    CHECK(o.n == 3 && o.v[1].w == 200 && o.v[1].h == 100 && o.v[1].x == -50);
    bc_ops_free(&o);

    /* EXIF: 6 turns a 64 x 32 image upright as 32 x 64; the matrix maps the unit square's
       corners into the box */
    bc_image turned = *img;
    turned.orient = 6;
    CHECK_NEAR(bc_image_aspect(&turned), 0.5, 1e-9);
    double m[6];
    bc_image_matrix(&turned, 10, 20, 30, 60, m);
    /* (s, t) = (0, 1), the image's top-left, shows at the box's top-right (40, 80) */
    CHECK_NEAR(m[2] + m[4], 40, 1e-9);
    CHECK_NEAR(m[3] + m[5], 80, 1e-9);
    for (int k = 1; k <= 8; k++) {
        turned.orient = k;
        bc_image_matrix(&turned, 0, 0, 1, 1, m);
        /* every orientation maps the unit square onto the unit box */
        double xs[4] = {m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]};
        double ys[4] = {m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]};
        int inside = 1;
        for (int c = 0; c < 4; c++)
            inside &= xs[c] > -1e-9 && xs[c] < 1 + 1e-9 && ys[c] > -1e-9 && ys[c] < 1 + 1e-9;
        CHECK(inside);
    }

    /* packing for --combine: the same image back; a cut or altered pack refused */
    bc_buf pk = {0};
    img->alt = "half red";
    bc_image_pack(img, &pk);
    uint32_t total;
    memcpy(&total, pk.data, 4);
    CHECK(total == pk.len - 4);
    const bc_image *back = bc_image_unpack(pk.data + 4, total, a);
    CHECK(back && back->hash == img->hash && back->w == 64 && !strcmp(back->file, "t.png"));
    CHECK(back && back->alt && !strcmp(back->alt, "half red"));
    CHECK(bc_image_unpack(pk.data + 4, total - 1, a) == NULL);
    for (size_t k = 0; k < 24; k++) { /* each header field nonsense in turn */
        char save = pk.data[4 + k];
        pk.data[4 + k] = (char)0x7F;
        const bc_image *bad = bc_image_unpack(pk.data + 4, total, a);
        CHECK(bad == NULL || (bad->w <= BC_IMAGE_MAX_SIDE && bad->h <= BC_IMAGE_MAX_SIDE));
        pk.data[4 + k] = save;
    }
    bc_buf_free(&pk);
    bc_arena_free(a);
    return check_done();
}
