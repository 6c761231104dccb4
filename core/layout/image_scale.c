/*
** image_scale.c — downsampling of photos placed at more than the brief's max_dpi
** (images = { max_dpi = 300, jpeg_quality = 85 } in brief.lua): the image is decoded in full,
** reduced by area averaging (each output pixel the mean of the source pixels it covers, with
** fractional weights at its edges) and re-encoded: a JPEG by libjpeg-turbo at the quality, a
** PNG's pixels (and its soft mask) losslessly, deflated with the Paeth predictor as image.c
** stores them. CMYK JPEGs and vector art are left as they are.
**
** The result is kept in the on-disk cache (base/cache.h, kind "imgscale") under the
** executable's key, the source's bytes' hashes and length, the target size and the quality, and
** read back through bc_image_unpack, which checks every field: a rebuild costs no decoding and
** gives the same bytes. Everything is deterministic (integer DCT, fixed Huffman optimisation,
** zlib level 6), so a rebuild without the cache gives the same bytes too.
*/
#include "layout/image.h"

#include "base/cache.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <zlib.h>

#define SCALE_CACHE_FORMAT 1u
#define SCALE_KEEP_MAX ((size_t)64 << 20)
#define SCALE_MAX_MEMORY ((long)512 << 20)

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/* {====================================================== area averaging */

/*
** Reduces an sw x sh image of n samples a pixel to tw x th (tw <= sw, th <= sh): separable,
** rows first into a float line per output column, then each output row the weighted sum of
** the source rows it covers. Returns a malloc'd tw * th * n buffer.
*/
static unsigned char *area_reduce(const unsigned char *src, int sw, int sh, int n, int tw, int th)
{
    double fx = (double)sw / tw, fy = (double)sh / th;
    size_t rowlen = (size_t)tw * (size_t)n;
    float *hrow = bc_xmalloc(rowlen * sizeof *hrow), *acc = bc_xmalloc(rowlen * sizeof *acc);
    unsigned char *out = bc_xmalloc(rowlen * (size_t)th);
    int sy = 0;
    for (int oy = 0; oy < th; oy++) {
        double y0 = oy * fy, y1 = (oy + 1) * fy;
        memset(acc, 0, rowlen * sizeof *acc);
        for (sy = (int)y0; sy < sh && sy < y1; sy++) {
            double wy = fmin(y1, sy + 1.0) - fmax(y0, (double)sy);
            if (wy <= 0) continue;
            const unsigned char *r = src + (size_t)sy * (size_t)sw * (size_t)n;
            for (int ox = 0; ox < tw; ox++) {
                double x0 = ox * fx, x1 = (ox + 1) * fx;
                for (int c = 0; c < n; c++) hrow[(size_t)ox * n + c] = 0;
                for (int sx = (int)x0; sx < sw && sx < x1; sx++) {
                    double wx = fmin(x1, sx + 1.0) - fmax(x0, (double)sx);
                    if (wx <= 0) continue;
                    for (int c = 0; c < n; c++)
                        hrow[(size_t)ox * n + c] += (float)(wx * r[(size_t)sx * n + c]);
                }
            }
            for (size_t i = 0; i < rowlen; i++) acc[i] += (float)(wy * hrow[i]);
        }
        unsigned char *o = out + (size_t)oy * rowlen;
        float norm = (float)(1.0 / (fx * fy));
        for (size_t i = 0; i < rowlen; i++) {
            float v = acc[i] * norm + 0.5f;
            o[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }
    free(hrow);
    free(acc);
    return out;
}

/* }====================================================== */

/* {====================================================== JPEG in and out */

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
    char msg[JMSG_LENGTH_MAX];
} jerr;

static void on_error(j_common_ptr ci)
{
    jerr *e = (jerr *)ci->err;
    (*ci->err->format_message)(ci, e->msg);
    longjmp(e->jb, 1);
}

static void on_message(j_common_ptr ci, int level) { (void)ci, (void)level; }

/* Decodes a JPEG (grey or RGB) at the smallest of libjpeg's eighths still at least tw x th. */
static unsigned char *jpeg_pixels(const bc_image *img, int tw, int th, int *w, int *h, char *msg,
                                  size_t cap)
{
    struct jpeg_decompress_struct ci;
    jerr e;
    unsigned char *volatile px = NULL;
    ci.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = on_error;
    e.pub.emit_message = on_message;
    if (setjmp(e.jb)) {
        snprintf(msg, cap, "%s", e.msg);
        jpeg_destroy_decompress(&ci);
        free(px);
        return NULL;
    }
    jpeg_create_decompress(&ci);
    ci.mem->max_memory_to_use = SCALE_MAX_MEMORY;
    jpeg_mem_src(&ci, img->data, (unsigned long)img->len);
    jpeg_read_header(&ci, TRUE);
    int num = 8;
    while (num > 1 && (long)img->w * (num - 1) / 8 >= tw && (long)img->h * (num - 1) / 8 >= th)
        num--;
    ci.scale_num = (unsigned)num;
    ci.scale_denom = 8;
    ci.dct_method = JDCT_ISLOW;
    ci.out_color_space = img->ncomp == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&ci);
    size_t stride = (size_t)ci.output_width * (size_t)ci.output_components;
    px = bc_xmalloc(stride * ci.output_height);
    while (ci.output_scanline < ci.output_height) {
        JSAMPROW rp = px + stride * ci.output_scanline;
        jpeg_read_scanlines(&ci, &rp, 1);
    }
    *w = (int)ci.output_width;
    *h = (int)ci.output_height;
    jpeg_finish_decompress(&ci);
    jpeg_destroy_decompress(&ci);
    return px;
}

/* Encodes pixels as a baseline JPEG at quality q, the ICC profile kept; malloc'd. */
static unsigned char *jpeg_encode(const unsigned char *px, int w, int h, int n, int q,
                                  const unsigned char *icc, size_t icc_len, size_t *len)
{
    struct jpeg_compress_struct ci;
    jerr e;
    unsigned char *volatile out = NULL;
    unsigned long olen = 0;
    ci.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = on_error;
    e.pub.emit_message = on_message;
    if (setjmp(e.jb)) {
        jpeg_destroy_compress(&ci);
        free(out);
        return NULL;
    }
    jpeg_create_compress(&ci);
    unsigned char *o = NULL;
    jpeg_mem_dest(&ci, &o, &olen);
    ci.image_width = (JDIMENSION)w;
    ci.image_height = (JDIMENSION)h;
    ci.input_components = n;
    ci.in_color_space = n == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&ci);
    jpeg_set_quality(&ci, q, TRUE);
    ci.optimize_coding = TRUE;
    ci.dct_method = JDCT_ISLOW;
    ci.write_JFIF_header = TRUE;
    jpeg_start_compress(&ci, TRUE);
    if (icc && icc_len) jpeg_write_icc_profile(&ci, icc, (unsigned)icc_len);
    size_t stride = (size_t)w * (size_t)n;
    while (ci.next_scanline < ci.image_height) {
        JSAMPROW rp = (JSAMPROW)(uintptr_t)(px + stride * ci.next_scanline);
        jpeg_write_scanlines(&ci, &rp, 1);
    }
    jpeg_finish_compress(&ci);
    out = o;
    jpeg_destroy_compress(&ci);
    *len = olen;
    return out;
}

/* }====================================================== */

/* {====================================================== PNG payloads in and out */

/* Inflates a Paeth-or-other PNG-predicted payload of h rows of w * n samples and undoes the
   row filters; malloc'd w * h * n, or NULL. */
static unsigned char *flate_pixels(const unsigned char *data, size_t len, int w, int h, int n)
{
    size_t rowlen = (size_t)w * (size_t)n, flen = (rowlen + 1) * (size_t)h;
    unsigned char *f = bc_xmalloc(flen), *px = NULL;
    uLongf got = (uLongf)flen;
    if (uncompress(f, &got, data, (uLong)len) != Z_OK || got != flen) goto out;
    px = bc_xmalloc(rowlen * (size_t)h);
    for (int y = 0; y < h; y++) {
        const unsigned char *s = f + (rowlen + 1) * (size_t)y;
        unsigned char *d = px + rowlen * (size_t)y, *up = y ? d - rowlen : NULL;
        int t = *s++;
        for (size_t i = 0; i < rowlen; i++) {
            int a = i >= (size_t)n ? d[i - n] : 0, b = up ? up[i] : 0,
                c = up && i >= (size_t)n ? up[i - n] : 0;
            int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
            int pred = t == 0                 ? 0
                       : t == 1               ? a
                       : t == 2               ? b
                       : t == 3               ? (a + b) / 2
                       : pa <= pb && pa <= pc ? a
                       : pb <= pc             ? b
                                              : c;
            if (t > 4) {
                free(px);
                px = NULL;
                goto out;
            }
            d[i] = (unsigned char)(s[i] + pred);
        }
    }
out:
    free(f);
    return px;
}

/* Paeth-filters and deflates w x h pixels of n samples (image.c's stored form); malloc'd. */
static unsigned char *flate_encode(const unsigned char *px, int w, int h, int n, size_t *len)
{
    size_t rowlen = (size_t)w * (size_t)n, flen = (rowlen + 1) * (size_t)h;
    unsigned char *f = bc_xmalloc(flen);
    for (int y = 0; y < h; y++) {
        const unsigned char *cur = px + rowlen * (size_t)y, *up = y ? cur - rowlen : NULL;
        unsigned char *o = f + (rowlen + 1) * (size_t)y;
        *o++ = 4;
        for (size_t i = 0; i < rowlen; i++) {
            int a = i >= (size_t)n ? cur[i - n] : 0, b = up ? up[i] : 0,
                c = up && i >= (size_t)n ? up[i - n] : 0;
            int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
            o[i] = (unsigned char)(cur[i] - (pa <= pb && pa <= pc ? a : pb <= pc ? b : c));
        }
    }
    uLongf cap = compressBound((uLong)flen);
    unsigned char *z = bc_xmalloc(cap);
    int ok = compress2(z, &cap, f, (uLong)flen, 6) == Z_OK;
    free(f);
    if (!ok) {
        free(z);
        return NULL;
    }
    *len = cap;
    return z;
}

/* }====================================================== */

static void *into_arena(bc_arena *a, unsigned char *p, size_t n)
{
    unsigned char *c = bc_arena_alloc(a, n ? n : 1);
    memcpy(c, p, n);
    free(p);
    return c;
}

static size_t scale_key(const bc_image *img, int tw, int th, int q, unsigned char *key)
{
    uint64_t k[8] = {bc_cache_exe_key(SCALE_CACHE_FORMAT),
                     img->len,
                     fnv(0xcbf29ce484222325ULL, img->data, img->len),
                     fnv(0x84222325cbf29ce4ULL, img->data, img->len),
                     img->alpha ? fnv(0xcbf29ce484222325ULL, img->alpha, img->alpha_len) : 0,
                     (uint64_t)tw << 32 | (uint32_t)th,
                     (uint64_t)q,
                     (uint64_t)img->w << 32 | (uint32_t)img->h};
    if (!k[0]) return 0;
    memcpy(key, k, sizeof k);
    return sizeof k;
}

/* The entry for key, if it is an image of this kind at exactly tw x th: an entry copied over
   another's file (the cache's checksum holds, the key is the other's) is a miss. */
static bc_image *cached(const bc_image *img, int tw, int th, const unsigned char *key, size_t kn,
                        bc_arena *a)
{
    bc_cached c;
    if (!kn || !bc_cache_map("imgscale", key, kn, &c)) return NULL;
    char *copy = NULL;
    size_t n = c.len;
    if (n > 4 && n <= SCALE_KEEP_MAX) {
        copy = bc_arena_alloc(a, n);
        memcpy(copy, c.data, n);
    }
    bc_cache_unmap(&c);
    uint32_t total = 0;
    if (copy) memcpy(&total, copy, 4);
    const bc_image *u = copy && total == n - 4 ? bc_image_unpack(copy + 4, n - 4, a) : NULL;
    if (!u || u->enc != img->enc || u->ncomp != img->ncomp || u->w != tw || u->h != th ||
        !u->alpha != !img->alpha || u->file[0] || u->alt)
        return NULL;
    bc_image *r = bc_arena_alloc(a, sizeof *r);
    *r = *u;
    r->file = img->file;
    r->alt = img->alt;
    return r;
}

bc_status bc_image_downsample(bc_image *img, int tw, int th, int quality, bc_arena *a,
                              bc_image **out, bc_error *err)
{
    *out = img;
    if (!img || tw < 1 || th < 1 || tw >= img->w || th >= img->h) return BC_OK;
    if (img->enc == BC_IMAGE_VECTOR || (img->enc == BC_IMAGE_DCT && img->ncomp == 4)) return BC_OK;
    unsigned char key[64];
    size_t kn = scale_key(img, tw, th, quality, key);
    bc_image *hit = cached(img, tw, th, key, kn, a);
    if (hit) {
        *out = hit;
        return BC_OK;
    }
    bc_image *r = bc_arena_alloc(a, sizeof *r);
    *r = *img;
    r->w = tw;
    r->h = th;
    char msg[JMSG_LENGTH_MAX] = "the data";
    unsigned char *small = NULL, *enc = NULL;
    size_t elen = 0;
    if (img->enc == BC_IMAGE_DCT) {
        int sw = 0, sh = 0;
        unsigned char *px = jpeg_pixels(img, tw, th, &sw, &sh, msg, sizeof msg);
        if (px) small = area_reduce(px, sw, sh, img->ncomp, tw, th);
        free(px);
        if (small)
            enc = jpeg_encode(small, tw, th, img->ncomp, quality, img->icc, img->icc_len, &elen);
        r->orient = img->orient;
    } else {
        unsigned char *px = flate_pixels(img->data, img->len, img->w, img->h, img->ncomp);
        if (px) small = area_reduce(px, img->w, img->h, img->ncomp, tw, th);
        free(px);
        if (small) enc = flate_encode(small, tw, th, img->ncomp, &elen);
        if (enc && img->alpha) {
            free(small);
            small = NULL;
            unsigned char *m = flate_pixels(img->alpha, img->alpha_len, img->w, img->h, 1),
                          *ms = NULL, *me = NULL;
            size_t mlen = 0;
            if (m) ms = area_reduce(m, img->w, img->h, 1, tw, th);
            if (ms) me = flate_encode(ms, tw, th, 1, &mlen);
            free(m);
            free(ms);
            if (!me) {
                free(enc);
                enc = NULL;
            } else {
                r->alpha = into_arena(a, me, mlen);
                r->alpha_len = mlen;
            }
        }
    }
    free(small);
    if (!enc)
        return bc_error_set(err, img->file, 0,
                            "image '%s' could not be downsampled (%s); "
                            "save it at a lower resolution or remove images.max_dpi",
                            img->file, msg);
    r->data = into_arena(a, enc, elen);
    r->len = elen;
    /* packed and read back as the cache would give it: the same fields and hash either way */
    bc_image k = *r;
    k.file = "";
    k.alt = NULL;
    bc_buf b = {0};
    bc_image_pack(&k, &b);
    if (kn && b.len <= SCALE_KEEP_MAX) bc_cache_store("imgscale", key, kn, b.data, b.len);
    char *copy = bc_arena_alloc(a, b.len);
    memcpy(copy, b.data, b.len);
    const bc_image *u = bc_image_unpack(copy + 4, b.len - 4, a);
    bc_buf_free(&b);
    if (!u)
        return bc_error_set(err, img->file, 0,
                            "image '%s': its downsampled copy is out of "
                            "bounds; remove images.max_dpi",
                            img->file);
    *r = *u;
    r->file = img->file;
    r->alt = img->alt;
    *out = r;
    return BC_OK;
}
