/*
** image.c — validating and decoding PNG (libpng) and JPEG (libjpeg-turbo) images; see image.h.
**
** Each decoder's errors longjmp to a setjmp in the function that called it, in this file; the
** only heap blocks live across a longjmp are held in a context struct and freed after it.
*/
#include "layout/image.h"

#include "base/cache.h"

#include "layout/ops.h"
#include "layout/svg.h"
#include "layout/vec.h"

#include <limits.h>
#include <pthread.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <zlib.h>

/* Largest working memory libjpeg may take (a progressive JPEG keeps all its coefficients). */
#define JPEG_MAX_MEMORY ((long)512 << 20)
/* Largest ancillary chunk libpng will hold (a zTXt or iCCP bomb stops here). */
#define PNG_MAX_CHUNK ((png_alloc_size_t)8 << 20)

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static void finish(bc_image *img)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    int hdr[5] = {img->w, img->h, img->ncomp, (int)img->enc * 2 + img->adobe_invert, img->orient};
    h = fnv(h, (const unsigned char *)hdr, sizeof hdr);
    h = fnv(h, img->data, img->len);
    if (img->alpha) h = fnv(h, img->alpha, img->alpha_len);
    if (img->icc) h = fnv(h ^ 0x1CC, img->icc, img->icc_len);
    img->hash = h;
}

/* Keeps an ICC profile whose header is sound and whose colour space is the samples' one. */
#define ICC_MAX ((size_t)4 << 20)
static void keep_icc(bc_image *img, bc_arena *a, const unsigned char *p, size_t n)
{
    static const char *const sig[5] = {NULL, "GRAY", NULL, "RGB ", "CMYK"};
    if (!p || n < 132 || n > ICC_MAX || img->ncomp < 1 || img->ncomp > 4 || !sig[img->ncomp])
        return;
    unsigned long declared =
        (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
    if (declared != n || memcmp(p + 36, "acsp", 4) || memcmp(p + 16, sig[img->ncomp], 4)) return;
    unsigned char *q = bc_arena_alloc(a, n);
    memcpy(q, p, n);
    img->icc = q;
    img->icc_len = n;
}

static bc_status too_large(const char *shown, unsigned long w, unsigned long h, bc_error *err)
{
    return bc_error_set(err, shown, 0,
                        "image '%s' is %lu x %lu pixels, more than briefc "
                        "takes (at most %d pixels a side and %lld megapixels); scale it down",
                        shown, w, h, BC_IMAGE_MAX_SIDE, BC_IMAGE_MAX_PIXELS / 1000000);
}

static int size_ok(unsigned long w, unsigned long h)
{
    return w >= 1 && h >= 1 && w <= BC_IMAGE_MAX_SIDE && h <= BC_IMAGE_MAX_SIDE &&
           (long long)w * (long long)h <= BC_IMAGE_MAX_PIXELS;
}

/* {====================================================== PNG samples, deflated with a predictor */

/*
** A Paeth encoder: rows of n samples a pixel, picked from wider pixels (step bytes, from byte
** first), each row prefixed with PNG filter type 4 and deflated as it comes, so no whole
** image is held twice: what /FlateDecode with /Predictor 15 reads back.
*/
typedef struct enc {
    z_stream z;
    int live; /* deflateInit done */
    int n;
    size_t rowlen;
    unsigned char *prev, *cur, *line; /* samples of the last and this row; filtered row */
    bc_buf out;
} enc;

static int enc_init(enc *e, int w, int n)
{
    memset(e, 0, sizeof *e);
    e->n = n;
    e->rowlen = (size_t)w * (size_t)n;
    e->prev = bc_xcalloc(e->rowlen, 1);
    e->cur = bc_xmalloc(e->rowlen);
    e->line = bc_xmalloc(e->rowlen + 1);
    e->live = deflateInit(&e->z, 6) == Z_OK;
    return e->live;
}

static int enc_feed(enc *e, const unsigned char *p, size_t len, int flush)
{
    e->z.next_in = (Bytef *)(uintptr_t)p;
    e->z.avail_in = (uInt)len;
    for (;;) {
        bc_buf_reserve(&e->out, 65536);
        e->z.next_out = (Bytef *)e->out.data + e->out.len;
        e->z.avail_out = 65536;
        int r = deflate(&e->z, flush);
        e->out.len += 65536 - e->z.avail_out;
        if (r == Z_STREAM_END) return 1;
        if (r != Z_OK && r != Z_BUF_ERROR) return 0;
        if (e->z.avail_in == 0 && e->z.avail_out != 0) return 1;
    }
}

static int enc_row(enc *e, const unsigned char *row, int first, int step)
{
    size_t n = (size_t)e->n, w = e->rowlen / n;
    for (size_t x = 0; x < w; x++)
        for (size_t c = 0; c < n; c++)
            e->cur[x * n + c] = row[x * (size_t)step + (size_t)first + c];
    unsigned char *o = e->line;
    *o++ = 4;
    for (size_t i = 0; i < e->rowlen; i++) {
        int left = i >= n ? e->cur[i - n] : 0, up = e->prev[i], ul = i >= n ? e->prev[i - n] : 0;
        int p = left + up - ul, pa = abs(p - left), pb = abs(p - up), pc = abs(p - ul);
        int pred = pa <= pb && pa <= pc ? left : pb <= pc ? up : ul;
        o[i] = (unsigned char)(e->cur[i] - pred);
    }
    unsigned char *t = e->prev;
    e->prev = e->cur;
    e->cur = t;
    return enc_feed(e, e->line, e->rowlen + 1, Z_NO_FLUSH);
}

/* Ends the stream; its bytes copied into a (NULL on failure). */
static const unsigned char *enc_end(enc *e, bc_arena *a, size_t *len)
{
    const unsigned char *r = NULL;
    if (e->live && enc_feed(e, NULL, 0, Z_FINISH)) {
        unsigned char *copy = bc_arena_alloc(a, e->out.len);
        memcpy(copy, e->out.data, e->out.len);
        r = copy;
        *len = e->out.len;
    }
    return r;
}

static void enc_free(enc *e)
{
    if (e->live) deflateEnd(&e->z);
    free(e->prev);
    free(e->cur);
    free(e->line);
    bc_buf_free(&e->out);
    memset(e, 0, sizeof *e);
}

/* }====================================================== */

/* {====================================================== PNG */

typedef struct png_ctx {
    const unsigned char *p;
    size_t len, off;
    char msg[200];
    unsigned char *pixels; /* held across longjmp: freed by the caller */
    png_bytep *rows;
    enc color, alpha; /* the same */
} png_ctx;

static void png_on_error(png_structp png, png_const_charp msg)
{
    png_ctx *c = png_get_error_ptr(png);
    snprintf(c->msg, sizeof c->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* ancillary chunks with faults are dropped by libpng: harmless */
}

static void png_from_memory(png_structp png, png_bytep out, png_size_t n)
{
    png_ctx *c = png_get_io_ptr(png);
    if (n > c->len - c->off) png_error(png, "the file is truncated");
    memcpy(out, c->p + c->off, n);
    c->off += n;
}

static bc_status decode_png(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                            bc_image *img, bc_error *err)
{
    png_ctx c;
    memset(&c, 0, sizeof c);
    c.p = data;
    c.len = len;
    png_structp png =
        png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, png_on_error, png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return bc_error_set(err, shown, 0, "image '%s': out of memory starting the PNG decoder",
                            shown);
    }
    volatile int big = 0;
    volatile unsigned long bw = 0, bh = 0;
    bc_status st = BC_OK;
    if (setjmp(png_jmpbuf(png))) {
        st = big ? too_large(shown, bw, bh, err)
                 : bc_error_set(err, shown, 0,
                                "image '%s' is not a valid PNG (%s); export it "
                                "again from an image editor",
                                shown, c.msg);
        goto done;
    }
    png_set_read_fn(png, &c, png_from_memory);
    png_set_user_limits(png, 0x7fffffffU, 0x7fffffffU); /* checked below, with our message */
    png_set_chunk_malloc_max(png, PNG_MAX_CHUNK);
    png_set_chunk_cache_max(png, 1000);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    if (!size_ok(w, h)) {
        big = 1, bw = w, bh = h;
        png_error(png, "too large");
    }
    png_set_expand(png); /* palette -> RGB, grey below 8 bits -> 8, tRNS -> alpha */
    png_set_strip_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int ch = png_get_channels(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    if (ch < 1 || ch > 4 || rowbytes != (size_t)w * (size_t)ch)
        png_error(png, "unexpected sample layout");
    int has_alpha = ch == 2 || ch == 4;
    int nc = has_alpha ? ch - 1 : ch;
    if (!enc_init(&c.color, (int)w, nc) || (has_alpha && !enc_init(&c.alpha, (int)w, 1)))
        png_error(png, "out of memory");
    /* Rows go to the encoders as libpng gives them; an interlaced image is whole only at the
       end of its last pass, so it is held until then. */
    int interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    int opaque = 1;
    c.pixels = bc_xmalloc(interlaced ? rowbytes * h : rowbytes);
    if (interlaced) {
        c.rows = bc_xmalloc(sizeof *c.rows * h);
        for (png_uint_32 y = 0; y < h; y++) c.rows[y] = c.pixels + (size_t)y * rowbytes;
        png_read_image(png, c.rows);
    }
    for (png_uint_32 y = 0; y < h; y++) {
        unsigned char *row = interlaced ? c.rows[y] : c.pixels;
        if (!interlaced) png_read_row(png, row, NULL);
        if (!enc_row(&c.color, row, 0, ch) || (has_alpha && !enc_row(&c.alpha, row, nc, ch)))
            png_error(png, "cannot compress its pixels");
        for (size_t i = (size_t)nc; has_alpha && opaque && i < rowbytes; i += (size_t)ch)
            opaque = row[i] == 255;
    }
    png_read_end(png, NULL);

    img->w = (int)w;
    img->h = (int)h;
    img->orient = 1;
    img->ncomp = nc;
    img->enc = BC_IMAGE_FLATE;
    png_charp icc_name;
    int icc_comp;
    png_bytep icc;
    png_uint_32 icc_len;
    if (png_get_iCCP(png, info, &icc_name, &icc_comp, &icc, &icc_len) == PNG_INFO_iCCP)
        keep_icc(img, a, icc, icc_len);
    img->data = enc_end(&c.color, a, &img->len);
    if (has_alpha && !opaque) img->alpha = enc_end(&c.alpha, a, &img->alpha_len);
    if (!img->data || (has_alpha && !opaque && !img->alpha))
        st = bc_error_set(err, shown, 0, "image '%s': cannot compress its pixels", shown);
done:
    png_destroy_read_struct(&png, &info, NULL);
    free(c.pixels);
    free(c.rows);
    enc_free(&c.color);
    enc_free(&c.alpha);
    return st;
}

/* }====================================================== */

/* {====================================================== JPEG */

typedef struct jpeg_ctx {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
    char msg[JMSG_LENGTH_MAX];
    int memory;  /* failed for want of memory (JPEG_MAX_MEMORY) */
    int lenient; /* warnings pass (reading the optional ICC profile) */
} jpeg_ctx;

static void jpeg_on_error(j_common_ptr ci)
{
    jpeg_ctx *c = (jpeg_ctx *)ci->err;
    (*ci->err->format_message)(ci, c->msg);
    c->memory =
        ci->err->msg_code == JERR_OUT_OF_MEMORY || ci->err->msg_code == JERR_NO_BACKING_STORE;
    longjmp(c->jb, 1);
}

static unsigned get16(const unsigned char *p, int le)
{
    return le ? p[0] | p[1] << 8 : p[0] << 8 | p[1];
}
static unsigned long get32(const unsigned char *p, int le)
{
    return le ? (unsigned long)get16(p, 1) | (unsigned long)get16(p + 2, 1) << 16
              : (unsigned long)get16(p, 0) << 16 | get16(p + 2, 0);
}

/* The orientation tag (0x0112) of IFD0 in an APP1 "Exif" marker, 1 when absent or unreadable. */
static int exif_orientation(const jpeg_saved_marker_ptr markers)
{
    for (jpeg_saved_marker_ptr m = markers; m; m = m->next) {
        const unsigned char *d = m->data;
        size_t n = m->data_length;
        if (m->marker != JPEG_APP0 + 1 || n < 14 || memcmp(d, "Exif\0\0", 6)) continue;
        const unsigned char *t = d + 6;
        size_t tn = n - 6;
        int le = !memcmp(t, "II*\0", 4);
        if (!le && memcmp(t, "MM\0*", 4)) continue;
        unsigned long ifd = get32(t + 4, le);
        if (ifd > tn - 2) continue;
        unsigned count = get16(t + ifd, le);
        for (unsigned i = 0; i < count; i++) {
            size_t e = ifd + 2 + (size_t)i * 12;
            if (e + 12 > tn) break;
            if (get16(t + e, le) == 0x0112 && get16(t + e + 2, le) == 3) {
                unsigned v = get16(t + e + 8, le);
                return v >= 1 && v <= 8 ? (int)v : 1;
            }
        }
    }
    return 1;
}

/* Warnings (corrupt data, a premature end) are errors: the PDF reader would show garbage. */
static void jpeg_on_message(j_common_ptr ci, int level)
{
    if (level < 0 && !((jpeg_ctx *)ci->err)->lenient) jpeg_on_error(ci);
}

static bc_status decode_jpeg(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                             bc_image *img, bc_error *err)
{
    struct jpeg_decompress_struct ci;
    jpeg_ctx c;
    memset(&c, 0, sizeof c);
    ci.err = jpeg_std_error(&c.pub);
    c.pub.error_exit = jpeg_on_error;
    c.pub.emit_message = jpeg_on_message;
    volatile int big = 0;
    JSAMPLE *volatile row = NULL;
    bc_status st = BC_OK;
    if (setjmp(c.jb)) {
        if (big)
            st = too_large(shown, ci.image_width, ci.image_height, err);
        else if (c.memory)
            st = bc_error_set(err, shown, 0,
                              "image '%s' (%u x %u pixels) needs more than %ld MB "
                              "to decode; scale it down or save it as a baseline JPEG",
                              shown, ci.image_width, ci.image_height, JPEG_MAX_MEMORY >> 20);
        else
            st = bc_error_set(err, shown, 0,
                              "image '%s' is not a valid JPEG (%s); export it "
                              "again from an image editor",
                              shown, c.msg);
        goto done;
    }
    jpeg_create_decompress(&ci);
    ci.mem->max_memory_to_use = JPEG_MAX_MEMORY;
    jpeg_mem_src(&ci, data, (unsigned long)len);
    jpeg_save_markers(&ci, JPEG_APP0 + 1, 0xFFFF);
    jpeg_save_markers(&ci, JPEG_APP0 + 2, 0xFFFF); /* ICC profile */
    jpeg_read_header(&ci, TRUE);
    img->orient = exif_orientation(ci.marker_list); /* freed by jpeg_finish_decompress */
    if (!size_ok(ci.image_width, ci.image_height)) {
        big = 1;
        longjmp(c.jb, 1);
    }
    if (ci.arith_code) { /* PDF readers need not decode it: DCTDecode is Huffman-coded */
        snprintf(c.msg, sizeof c.msg,
                 "arithmetic coding, which PDF readers need not support; "
                 "save it as a standard JPEG");
        longjmp(c.jb, 1);
    }
    int n = ci.num_components;
    if (n != 1 && n != 3 && n != 4) {
        snprintf(c.msg, sizeof c.msg, "%d colour components; briefc takes grey, RGB and CMYK", n);
        longjmp(c.jb, 1);
    }
    img->ncomp = n;
    JOCTET *icc = NULL;
    unsigned int icc_len = 0;
    c.lenient = 1; /* a broken profile is dropped, not the image */
    boolean got = jpeg_read_icc_profile(&ci, &icc, &icc_len); /* before finish frees markers */
    c.lenient = 0;
    if (got) {
        keep_icc(img, a, icc, icc_len);
        free(icc);
    }
    /* Every byte of entropy-coded data is decoded, at an eighth of the size: the check is
       whole, the work small. The file itself is embedded, never re-encoded. */
    ci.scale_num = 1;
    ci.scale_denom = 8;
    ci.dct_method = JDCT_IFAST;
    ci.do_fancy_upsampling = FALSE;
    jpeg_start_decompress(&ci);
    row = bc_xmalloc((size_t)ci.output_width * (size_t)ci.output_components + 16);
    while (ci.output_scanline < ci.output_height) {
        JSAMPROW rp = row;
        jpeg_read_scanlines(&ci, &rp, 1);
    }
    jpeg_finish_decompress(&ci);
    img->w = (int)ci.image_width;
    img->h = (int)ci.image_height;
    img->ncomp = n;
    img->enc = BC_IMAGE_DCT;
    img->adobe_invert = n == 4 && ci.saw_Adobe_marker;
    unsigned char *copy = bc_arena_alloc(a, len);
    memcpy(copy, data, len);
    img->data = copy;
    img->len = len;
done:
    jpeg_destroy_decompress(&ci);
    free(row);
    return st;
}

/* }====================================================== */

bc_status bc_image_decode(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                          bc_image **out, bc_error *err)
{
    *out = NULL;
    bc_image *img = bc_arena_alloc(a, sizeof *img);
    img->file = bc_arena_strdup(a, shown);
    bc_status st;
    if (len >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8))
        st = decode_png(data, len, shown, a, img, err);
    else if (len >= 3 && !memcmp(data, "\xFF\xD8\xFF", 3))
        st = decode_jpeg(data, len, shown, a, img, err);
    else if (bc_svg_sniff(data, len))
        st = bc_svg_decode(data, len, shown, a, img, err);
    else
        st = bc_error_set(err, shown, 0,
                          "image '%s' is neither a PNG, a JPEG nor an SVG file "
                          "(by its first bytes); briefc places PNG, JPEG and SVG images",
                          shown);
    if (st != BC_OK) return st;
    finish(img);
    *out = img;
    return BC_OK;
}

/* {====================================================== the process's recent images */

/*
** A batch worker builds the same brief row after row: its logo is decoded once. An entry keeps
** the file's bytes (a hit is the same bytes, compared in full, not only a hash) and the decoded
** image; a hit copies the payload into the caller's arena, so an entry can go at any time.
** Bounded by count and bytes, oldest out first; a mutex for builds on threads; freed at exit.
*/
#define CACHE_N 16
#define CACHE_BYTES ((size_t)64 << 20)

typedef struct centry {
    unsigned char *file; /* the file's bytes */
    size_t file_len;
    uint64_t file_hash;
    bc_image img; /* payload in malloc'd blocks */
    size_t bytes; /* all of it */
} centry;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static centry cache[CACHE_N];
static int cache_next;
static size_t cache_bytes;

static void drop(centry *e)
{
    cache_bytes -= e->bytes;
    free(e->file);
    free((void *)e->img.data);
    free((void *)e->img.alpha);
    free((void *)e->img.icc);
    memset(e, 0, sizeof *e);
}

void bc_image_release(void)
{
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < CACHE_N; i++) drop(&cache[i]);
    pthread_mutex_unlock(&cache_lock);
}

static void *dup_into(bc_arena *a, const void *p, size_t n)
{
    void *q = bc_arena_alloc(a, n ? n : 1);
    if (n) memcpy(q, p, n);
    return q;
}

/* A copy of the cached image for data, in a; NULL on a miss. Called under the lock. */
static bc_image *cache_find(const unsigned char *data, size_t len, uint64_t h, const char *shown,
                            bc_arena *a)
{
    for (int i = 0; i < CACHE_N; i++) {
        centry *e = &cache[i];
        if (!e->file || e->file_hash != h || e->file_len != len || memcmp(e->file, data, len))
            continue;
        bc_image *img = bc_arena_alloc(a, sizeof *img);
        *img = e->img;
        img->data = dup_into(a, e->img.data, e->img.len);
        if (e->img.alpha) img->alpha = dup_into(a, e->img.alpha, e->img.alpha_len);
        if (e->img.icc) img->icc = dup_into(a, e->img.icc, e->img.icc_len);
        img->file = bc_arena_strdup(a, shown);
        return img;
    }
    return NULL;
}

static void cache_put(const unsigned char *data, size_t len, uint64_t h, const bc_image *img)
{
    size_t bytes =
        len + img->len + (img->alpha ? img->alpha_len : 0) + (img->icc ? img->icc_len : 0);
    if (bytes > CACHE_BYTES / 4) return; /* a photo: decoded per use, not kept */
    centry *e = &cache[cache_next];
    cache_next = (cache_next + 1) % CACHE_N;
    if (e->file) drop(e);
    for (int i = 0; cache_bytes + bytes > CACHE_BYTES && i < CACHE_N; i++)
        if (cache[i].file) drop(&cache[i]);
    e->file = bc_xmalloc(len);
    memcpy(e->file, data, len);
    e->file_len = len;
    e->file_hash = h;
    e->img = *img;
    e->img.data = bc_xmalloc(img->len);
    memcpy((void *)e->img.data, img->data, img->len);
    if (img->alpha) {
        e->img.alpha = bc_xmalloc(img->alpha_len);
        memcpy((void *)e->img.alpha, img->alpha, img->alpha_len);
    }
    if (img->icc) {
        e->img.icc = bc_xmalloc(img->icc_len);
        memcpy((void *)e->img.icc, img->icc, img->icc_len);
    }
    e->img.file = NULL;
    e->img.alt = NULL; /* each use's own */
    e->bytes = bytes;
    cache_bytes += bytes;
}

/* }====================================================== */

/* {====================================================== SVG decoded once per user
**
** Decoding an SVG opens libxml2 (and with it ICU and libstdc++): a few milliseconds a build
** for a logo that never changes. The decoded drawing is kept in the on-disk cache (cache.h),
** keyed by this executable and the file's bytes: whole when the file is small, as logos are,
** else its length and two 64-bit hashes. A larger file's bytes are also kept in the entry and
** compared in full, so that two files with the same hashes are never taken for each other.
** The entry is read back through bc_image_unpack, which checks every field, and used only
** when its name and alt text are the expected empty ones; anything else is a miss and the
** file is decoded. Drawings over SVG_KEEP_MAX bytes are not kept.
*/
#define SVG_KEEP_MAX ((size_t)16 << 20)
#define SVG_CACHE_FORMAT 1u
#define SVG_KEY_WHOLE 3000 /* bytes: files up to this size are their own key */

static size_t svg_key(const unsigned char *data, size_t len, unsigned char *key, size_t cap)
{
    uint64_t head[4] = {bc_cache_exe_key(SVG_CACHE_FORMAT), len,
                        fnv(0xcbf29ce484222325ULL, data, len),
                        fnv(0x84222325cbf29ce4ULL, data, len)};
    if (!head[0] || sizeof head + SVG_KEY_WHOLE > cap) return 0;
    memcpy(key, head, sizeof head);
    size_t n = sizeof head;
    if (len <= SVG_KEY_WHOLE) {
        memcpy(key + n, data, len);
        n += len;
    }
    return n;
}

static bc_image *svg_cached(const unsigned char *data, size_t len, const char *shown, bc_arena *a)
{
    unsigned char key[BC_CACHE_KEY_MAX];
    size_t kn = svg_key(data, len, key, sizeof key);
    bc_cached c;
    if (!kn || !bc_cache_map("svg", key, kn, &c)) return NULL;
    /* a large file's bytes first (compared), then the drawing: copied, the mapping goes */
    size_t skip = len > SVG_KEY_WHOLE ? len : 0;
    if (c.len < skip || c.len - skip > SVG_KEEP_MAX || (skip && memcmp(c.data, data, len))) {
        bc_cache_unmap(&c);
        return NULL;
    }
    size_t n = c.len - skip;
    char *copy = bc_arena_alloc(a, n ? n : 1);
    memcpy(copy, c.data + skip, n);
    bc_cache_unmap(&c);
    uint32_t total = 0;
    if (n > 4) memcpy(&total, copy, 4);
    const bc_image *u = n > 4 && total == n - 4 ? bc_image_unpack(copy + 4, n - 4, a) : NULL;
    if (!u || u->enc != BC_IMAGE_VECTOR || u->file[0] || u->alt) return NULL;
    bc_image *img = bc_arena_alloc(a, sizeof *img);
    *img = *u;
    img->file = bc_arena_strdup(a, shown);
    return img;
}

static void svg_keep(const unsigned char *data, size_t len, const bc_image *img)
{
    unsigned char key[BC_CACHE_KEY_MAX];
    size_t kn = svg_key(data, len, key, sizeof key);
    if (!kn) return;
    bc_image k = *img;
    k.file = "";
    k.alt = NULL;
    bc_buf b = {0};
    if (len > SVG_KEY_WHOLE) bc_buf_add(&b, data, len);
    bc_image_pack(&k, &b);
    if (b.len - (len > SVG_KEY_WHOLE ? len : 0) <= SVG_KEEP_MAX)
        bc_cache_store("svg", key, kn, b.data, b.len);
    bc_buf_free(&b);
}

/* }====================================================== */

bc_status bc_image_load(const char *path, const char *shown, const bc_file_roots *roots,
                        bc_arena *a, bc_image **out, bc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    *out = NULL;
    if (bc_file_read(path, shown, BC_FILE_DATA, roots, &data, &len, err) != BC_OK) return BC_ERR;
    const unsigned char *d = (const unsigned char *)data;
    uint64_t h = fnv(0xcbf29ce484222325ULL, d, len);
    pthread_mutex_lock(&cache_lock);
    *out = cache_find(d, len, h, shown, a);
    pthread_mutex_unlock(&cache_lock);
    bc_status st = BC_OK;
    int svg = !*out && bc_svg_sniff(d, len);
    if (svg) *out = svg_cached(d, len, shown, a);
    if (!*out) {
        st = bc_image_decode(d, len, shown, a, out, err);
        if (st == BC_OK && svg) svg_keep(d, len, *out);
        if (st == BC_OK) {
            pthread_mutex_lock(&cache_lock);
            cache_put(d, len, h, *out);
            pthread_mutex_unlock(&cache_lock);
        }
    }
    free(data);
    return st;
}

void bc_image_place(const bc_image_block *ib, double measure, double max_h, double *x, double *w,
                    double *h)
{
    double aspect = bc_image_aspect(ib->img);
    double bw = ib->width > 0 ? ib->width : ib->share > 0 ? ib->share * measure : 0;
    double bh = ib->height;
    if (bw <= 0) bw = bh > 0 ? bh * aspect : measure;
    if (bh <= 0) bh = bw / aspect;
    double s = 1; /* the box shrunk as a whole, keeping its shape */
    if (bw * s > measure) s = measure / bw;
    if (bh * s > max_h) s = max_h / bh;
    *w = bw * s;
    *h = bh * s;
    *x = ib->align == 'c' ? (measure - *w) / 2 : ib->align == 'r' ? measure - *w : 0;
}

double bc_image_lay(const bc_image_block *ib, struct bc_ops *o, double measure, double max_h)
{
    double x, w, h;
    bc_image_place(ib, measure, max_h, &x, &w, &h);
    double aspect = bc_image_aspect(ib->img);
    double iw = w, ih = w / aspect; /* the image in its box */
    if ((ib->fit == 'v') != (ih > h)) {
        ih = h;
        iw = h * aspect;
    }
    if (fabs(iw - w) < 0.01 && fabs(ih - h) < 0.01) {
        bc_image_op(o, ib->img, x, 0, w, h);
    } else if (ib->fit == 'v') {
        bc_ops_clip_rect(o, x, 0, w, h);
        bc_image_op(o, ib->img, x + (w - iw) / 2, (h - ih) / 2, iw, ih);
        bc_ops_unclip(o);
    } else {
        bc_image_op(o, ib->img, x + (w - iw) / 2, (h - ih) / 2, iw, ih);
    }
    return h;
}

const char *bc_image_warnings(const bc_image *img, size_t *len)
{
    bc_vec_view v;
    *len = 0;
    if (!img || img->enc != BC_IMAGE_VECTOR || !bc_vec_view_of(img->data, img->len, &v) ||
        !v.warnings_len)
        return NULL;
    *len = v.warnings_len;
    return v.warnings;
}

double bc_image_aspect(const bc_image *img)
{
    return img->orient >= 5 ? (double)img->h / img->w : (double)img->w / img->h;
}

void bc_image_matrix(const bc_image *img, double x0, double y0, double w, double h, double m[6])
{
    /* image space (s, t) in the unit square, t up, to the box, for each EXIF orientation */
    static const signed char k[9][6] = {
        {1, 0, 0, 1, 0, 0},   {1, 0, 0, 1, 0, 0},  {-1, 0, 0, 1, 1, 0},
        {-1, 0, 0, -1, 1, 1}, {1, 0, 0, -1, 0, 1}, {0, -1, -1, 0, 1, 1},
        {0, -1, 1, 0, 0, 1},  {0, 1, 1, 0, 0, 0},  {0, 1, -1, 0, 1, 0}};
    const signed char *r = k[img->orient >= 1 && img->orient <= 8 ? img->orient : 1];
    m[0] = r[0] * w, m[1] = r[1] * h, m[2] = r[2] * w, m[3] = r[3] * h;
    m[4] = x0 + r[4] * w, m[5] = y0 + r[5] * h;
}

void bc_image_op(struct bc_ops *o, const bc_image *img, double x, double y, double w, double h)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_IMAGE;
    op->x = (float)x, op->y = (float)y, op->w = (float)w, op->h = (float)h;
    op->text = (const char *)(const void *)img; /* as BC_OP_POLY carries its points */
}

void bc_image_vector(bc_image *img, const unsigned char *blob, size_t len, double w, double h,
                     const char *name)
{
    memset(img, 0, sizeof *img);
    img->w = (int)lround(fmin(fmax(w, 1), BC_IMAGE_MAX_SIDE));
    img->h = (int)lround(fmin(fmax(h, 1), BC_IMAGE_MAX_SIDE));
    img->ncomp = 3;
    img->enc = BC_IMAGE_VECTOR;
    img->orient = 1;
    img->data = blob;
    img->len = len;
    img->file = name;
    finish(img);
}

double bc_image_header(struct bc_ops *o, const bc_image *img, double w, double x, double bottom)
{
    double aspect = bc_image_aspect(img), h = w / aspect;
    if (h > 24) h = 24, w = h * aspect;
    bc_image_op(o, img, x, bottom - h, w, h); /* se 0: an artifact, like the header's text */
    return w + 6;
}

/* The packed form: this header, then data, alpha and the file name (no NUL). */
typedef struct packed {
    int32_t w, h, ncomp, enc, adobe_invert, orient;
    uint64_t len, alpha_len, icc_len, file_len, alt_len; /* alt_len: 0 none, else length + 1 */
} packed;

void bc_image_pack(const bc_image *img, bc_buf *out)
{
    packed k = {img->w,
                img->h,
                img->ncomp,
                (int32_t)img->enc,
                img->adobe_invert,
                img->orient,
                img->len,
                img->alpha ? img->alpha_len : 0,
                img->icc ? img->icc_len : 0,
                strlen(img->file),
                img->alt ? strlen(img->alt) + 1 : 0};
    uint32_t total = (uint32_t)(sizeof k + k.len + k.alpha_len + k.icc_len + k.file_len +
                                (k.alt_len ? k.alt_len - 1 : 0));
    bc_buf_add(out, &total, sizeof total);
    bc_buf_add(out, &k, sizeof k);
    bc_buf_add(out, img->data, img->len);
    if (k.alpha_len) bc_buf_add(out, img->alpha, img->alpha_len);
    if (k.icc_len) bc_buf_add(out, img->icc, img->icc_len);
    bc_buf_add(out, img->file, k.file_len);
    if (k.alt_len) bc_buf_add(out, img->alt, k.alt_len - 1);
}

const bc_image *bc_image_unpack(const char *p, size_t n, bc_arena *a)
{
    packed k;
    if (n < sizeof k) return NULL;
    memcpy(&k, p, sizeof k);
    if (!size_ok((unsigned long)k.w, (unsigned long)k.h) ||
        (k.ncomp != 1 && k.ncomp != 3 && k.ncomp != 4) ||
        (k.enc != BC_IMAGE_DCT && k.enc != BC_IMAGE_FLATE && k.enc != BC_IMAGE_VECTOR) ||
        k.orient < 1 || k.orient > 8 || k.len == 0 || k.len > n || k.alpha_len > n ||
        k.icc_len > n || k.file_len > n || k.alt_len > n ||
        sizeof k + k.len + k.alpha_len + k.icc_len + k.file_len + k.alt_len - (k.alt_len > 0) != n)
        return NULL;
    bc_image *img = bc_arena_alloc(a, sizeof *img);
    const char *q = p + sizeof k;
    img->w = k.w, img->h = k.h, img->ncomp = k.ncomp, img->enc = (bc_image_enc)k.enc;
    img->adobe_invert = k.adobe_invert != 0, img->orient = k.orient;
    img->data = (const unsigned char *)q, img->len = k.len;
    q += k.len;
    if (k.alpha_len) {
        img->alpha = (const unsigned char *)q, img->alpha_len = k.alpha_len;
        q += k.alpha_len;
    }
    if (k.icc_len) {
        img->icc = (const unsigned char *)q, img->icc_len = k.icc_len;
        q += k.icc_len;
    }
    bc_vec_view v;
    if (k.enc == BC_IMAGE_VECTOR &&
        (k.alpha_len || k.icc_len || !bc_vec_view_of(img->data, img->len, &v)))
        return NULL;
    img->file = bc_arena_strndup(a, q, k.file_len);
    q += k.file_len;
    if (k.alt_len) img->alt = bc_arena_strndup(a, q, k.alt_len - 1);
    finish(img);
    return img;
}
