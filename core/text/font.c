/*
** font.c — TrueType metrics (read with sfnt.c) and subsets (made by HarfBuzz, see hbsubset.h).
**
** A bc_font is opened once per process (or per batch worker) and reused for every document:
** the file is mapped, metrics are cached, the usage bitmap is cleared between documents.
*/
#include "text/font.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "base/cache.h"
#include "base/fileio.h"
#include "text/cbdt.h"
#include "text/cff.h"
#include "text/hbsubset.h"
#include "text/kern.h"
#include "text/sfnt.h"
#include "base/utf8.h"

#define CACHE_LIMIT 0x2200 /* Latin, Greek, Cyrillic, punctuation, currency: cached widths */
#define BLOCK 256          /* code points per cache block, allocated when first used */

/* Metrics of BLOCK code points. Blocks are made on demand: a document touches three or
   four, and on a virtual machine every fresh page of memory costs a fault. */
typedef struct cblock {
    float adv[BLOCK];         /* advance, < 0 when not yet known */
    unsigned char has[BLOCK]; /* 0 unknown, 1 present, 2 missing */
    uint16_t gid[BLOCK];      /* glyph */
} cblock;
#define USED_WORDS (0x10000 / 64) /* bitmap of the Basic Multilingual Plane */

struct bc_font {
    char *path;
    unsigned face;      /* the face's number in a collection (.ttc), else 0 */
    int cff;            /* CFF outlines (.otf): embedded as CIDFontType0 */
    unsigned char *map; /* the file, mapped read-only */
    size_t size;
    bc_sfnt sf;
    double scale; /* 1000 / units per em */
    double ascender, descender, cap_height;
    cblock *block[CACHE_LIMIT / BLOCK]; /* metrics of code points below CACHE_LIMIT */
    float *ascii;                       /* block[0]->adv, for the hot path */
    uint64_t used[USED_WORDS];          /* BMP code points used by the current document */
    uint32_t *astral;                   /* used code points above U+FFFF, unsorted, no duplicates */
    int nastral, cap_astral;
    int used_any;
    uint64_t file_key; /* the file's identity when opened (cache.h), hashed */
    char *id;          /* … and whole (bc_cache_file_id), id_len bytes */
    size_t id_len;
    int kern_ready;           /* kern_init has run */
    int has_kern;             /* the font kerns */
    bc_kern *kern;            /* pair kerning read from GPOS, once a pair needs it */
    int gpos_read;            /* kern has been looked for */
    int16_t *kern_own;        /* pairs of common characters (see kslot), 1/1000 em, filled
                                   on first use (INT16_MIN: unknown); NULL while kern_map serves */
    const uint16_t *kern_idx; /* the mapped entry's row of each slot (KERN_NOROW: none) */
    const int16_t *kern_rows; /* … and its rows */
    int kern_dirty;           /* kern_own knows pairs the cache entry does not */
    bc_cached kern_map;       /* the cache entry kern_idx and kern_rows point into */
    uint64_t *glyph_bits;     /* glyphs used by shaped text (65,536 bits), then which of them
                                   have their text (65,536 more), made on first use */
    bc_glyph_use *glyphs;     /* … and their cluster texts, in the order first used */
    int nglyphs_used, cap_glyphs;
    int glyphs_sorted;
    int *vh;              /* the entries of glyphs with a text, hashed by glyph and text
                                   (an index, -1 empty): a glyph's other texts are variants */
    int vcap, vn, vstale; /* vstale: glyphs moved or changed, rebuild before use */
};

static cblock *cache_block(bc_font *f, uint32_t cp);
static uint32_t glyph_of(bc_font *f, uint32_t cp);
static void kern_save(bc_font *f);

/* Maps the file at path read-only, through the one door (fileio.h); its fstat in *st. */
static bc_status map_file(const char *path, const bc_file_roots *roots, unsigned char **map,
                          size_t *size, struct stat *st, bc_error *err)
{
    int fd = bc_file_open(path, path, BC_FILE_FONT, roots, st, err);
    if (fd < 0) return BC_ERR;
    void *p = MAP_FAILED;
    if (st->st_size > 0) p = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return bc_error_set(err, path, 0, "'%s' is not a usable TrueType font (empty)", path);
    *map = p;
    *size = (size_t)st->st_size;
    return BC_OK;
}

bc_status bc_font_open(const char *path, bc_font **out, bc_error *err)
{
    static const char *const anywhere[] = {"/", NULL};
    bc_file_roots roots = {anywhere, "the file system"};
    return bc_font_open_in(path, &roots, out, err);
}

bc_status bc_font_open_in(const char *path, const bc_file_roots *roots, bc_font **out,
                          bc_error *err)
{
    return bc_font_open_face(path, 0, roots, out, err);
}

/* colour: a colour bitmap font (CBDT, no outlines) is accepted too (bc_font_open_colour). */
static bc_status open_face(const char *path, unsigned face, const bc_file_roots *roots,
                           bc_font **out, bc_error *err, int colour)
{
    static const char required[][5] = {"head", "hhea", "maxp", "hmtx",
                                       "cmap", "name", "post", "OS/2"};
    *out = NULL;
    unsigned char *map = NULL;
    size_t size = 0;
    struct stat st;
    if (map_file(path, roots, &map, &size, &st, err) != BC_OK) return BC_ERR;
    bc_sfnt sf;
    if (bc_sfnt_open_face(&sf, map, size, face) != 0 || sf.nglyphs == 0) {
        unsigned faces = bc_sfnt_faces(map, size);
        munmap(map, size);
        if (face && faces && face >= faces)
            return bc_error_set(err, path, 0, "font collection '%s' has %u faces, not %u", path,
                                faces, face + 1);
        return bc_error_set(err, path, 0,
                            "'%s' is not a usable TrueType or OpenType font (no "
                            "glyphs)",
                            path);
    }
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        const char *t = required[i];
        if (!bc_sfnt_get(&sf, BC_SFNT_TAG(t[0], t[1], t[2], t[3])).len) {
            munmap(map, size);
            return bc_error_set(err, path, 0,
                                "font '%s' has no '%s' table (truncated, or not an outline font)",
                                path, t);
        }
    }
    int glyf = bc_sfnt_get(&sf, BC_SFNT_TAG('g', 'l', 'y', 'f')).len &&
               bc_sfnt_get(&sf, BC_SFNT_TAG('l', 'o', 'c', 'a')).len;
    bc_sfnt_table cfft = bc_sfnt_get(&sf, BC_SFNT_TAG('C', 'F', 'F', ' '));
    int bitmaps = colour && !glyf && !cfft.len && bc_cbdt_present(&sf);
    if (!glyf && !cfft.len && !bitmaps) {
        munmap(map, size);
        return bc_error_set(err, path, 0,
                            "font '%s' has neither TrueType ('glyf') nor CFF outlines (a "
                            "variable CFF2 or bitmap-only font): use a static .ttf or .otf",
                            path);
    }
    if (!glyf && !bitmaps && !bc_cff_valid(cfft.p, cfft.len)) {
        munmap(map, size);
        return bc_error_set(err, path, 0, "font '%s' has a damaged 'CFF ' table", path);
    }
    bc_font *f = bc_xcalloc(1, sizeof *f);
    f->path = bc_xstrdup(path);
    f->face = face;
    f->cff = !glyf && !bitmaps;
    f->map = map;
    f->size = size;
    f->sf = sf;
    f->scale = 1000.0 / sf.upem;
    int asc, desc, cap;
    bc_sfnt_extents(&sf, &asc, &desc);
    f->ascender = asc * f->scale;
    f->descender = desc * f->scale;
    if (bc_sfnt_cap_height(&sf, &cap))
        f->cap_height = cap * f->scale;
    else
        f->cap_height = f->ascender * 0.7;
    f->ascii = cache_block(f, 0)->adv;
    unsigned char id[BC_CACHE_KEY_MAX];
    f->id_len = bc_cache_file_id(path, &st, face, id, sizeof id); /* 0: a single font */
    f->id = bc_xstrndup((const char *)id, f->id_len);
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < f->id_len; i++) h = (h ^ id[i]) * 1099511628211ULL;
    f->file_key = f->id_len ? (h ? h : 1) : 0;
    *out = f;
    return BC_OK;
}

void bc_font_free(bc_font *f)
{
    if (!f) return;
    kern_save(f);
    for (size_t i = 0; i < CACHE_LIMIT / BLOCK; i++) free(f->block[i]);
    bc_kern_free(f->kern);
    free(f->kern_own);
    bc_cache_unmap(&f->kern_map);
    if (f->map) munmap(f->map, f->size);
    free(f->astral);
    free(f->glyph_bits);
    free(f->glyphs);
    free(f->vh);
    free(f->id);
    free(f->path);
    free(f);
}

const char *bc_font_path(const bc_font *f) { return f->path; }
unsigned bc_font_face(const bc_font *f) { return f->face; }
const unsigned char *bc_font_data(const bc_font *f, size_t *len)
{
    *len = f->size;
    return f->map;
}
bc_status bc_font_open_face(const char *path, unsigned face, const bc_file_roots *roots,
                            bc_font **out, bc_error *err)
{
    return open_face(path, face, roots, out, err, 0);
}

bc_status bc_font_open_colour(const char *path, unsigned face, const bc_file_roots *roots,
                              bc_font **out, bc_error *err)
{
    return open_face(path, face, roots, out, err, 1);
}

int bc_font_is_cff(const bc_font *f) { return f->cff; }

int bc_font_family(const bc_font *f, char *buf, size_t size)
{
    return bc_sfnt_family(&f->sf, buf, size);
}

void bc_font_ink(bc_font *f, const char *s, size_t len, double *top, double *bottom)
{
    const char *p = s, *end = s + len;
    double t = 0, b = 0;
    while (p < end) {
        uint32_t g = glyph_of(f, bc_utf8_next(&p));
        int lo, hi;
        if (!g) continue;
        if (!bc_sfnt_glyph_box(&f->sf, g, &lo, &hi)) /* CFF: the design's typo extents */
            bc_sfnt_typo_extents(&f->sf, &hi, &lo);
        if (hi * f->scale > t) t = hi * f->scale;
        if (lo * f->scale < b) b = lo * f->scale;
    }
    *top = t;
    *bottom = b;
}

void bc_font_style(const bc_font *f, int *weight, int *italic)
{
    bc_sfnt_style(&f->sf, weight, italic);
}
uint64_t bc_font_file_key(const bc_font *f) { return f->file_key; }
const unsigned char *bc_font_file_id(const bc_font *f, size_t *len)
{
    *len = f->id_len;
    return (const unsigned char *)f->id;
}
double bc_font_ascender(const bc_font *f) { return f->ascender; }
double bc_font_descender(const bc_font *f) { return f->descender; }
double bc_font_cap_height(const bc_font *f) { return f->cap_height; }

static cblock *cache_block(bc_font *f, uint32_t cp)
{
    cblock **b = &f->block[cp / BLOCK];
    if (!*b) {
        *b = bc_xmalloc(sizeof **b);
        for (int i = 0; i < BLOCK; i++) (*b)->adv[i] = -1;
        memset((*b)->has, 0, sizeof(*b)->has);
    }
    return *b;
}

static void lookup(bc_font *f, uint32_t cp, double *adv, int *has)
{
    uint32_t gid = bc_sfnt_glyph(&f->sf, cp);
    *has = gid != 0;
    *adv = bc_sfnt_advance(&f->sf, gid) * f->scale;
    if (cp < CACHE_LIMIT) cache_block(f, cp)->gid[cp % BLOCK] = (uint16_t)(gid < 65536 ? gid : 0);
}

double bc_font_advance(bc_font *f, uint32_t cp)
{
    double adv;
    int has;
    if (cp < CACHE_LIMIT) {
        cblock *b = cache_block(f, cp);
        if (b->adv[cp % BLOCK] < 0) {
            lookup(f, cp, &adv, &has);
            b->adv[cp % BLOCK] = (float)adv;
            b->has[cp % BLOCK] = has ? 1 : 2;
        }
        return b->adv[cp % BLOCK];
    }
    lookup(f, cp, &adv, &has);
    return adv;
}

int bc_font_has(bc_font *f, uint32_t cp)
{
    if (cp < CACHE_LIMIT) {
        cblock *b = cache_block(f, cp);
        if (!b->has[cp % BLOCK]) bc_font_advance(f, cp);
        return b->has[cp % BLOCK] == 1;
    }
    return bc_sfnt_glyph(&f->sf, cp) != 0;
}

static const struct {
    uint32_t cp, alt[3];
} stand_ins[] = {
    {0x2212, {0x2013, '-', 0}}, /* minus sign */
    {0x2011, {'-', 0, 0}},      /* non-breaking hyphen */
    {0x2010, {'-', 0, 0}},      /* hyphen */
    {0x202F, {0x00A0, ' ', 0}}, /* narrow no-break space */
    {0x2009, {' ', 0, 0}},      /* thin space */
    {0x2007, {0x00A0, ' ', 0}}, /* figure space */
    {0x2014, {0x2013, '-', 0}}, /* em dash */
    {0x2013, {'-', 0, 0}},      /* en dash */
};

static uint32_t stand_in(bc_font *f, uint32_t cp)
{
    for (size_t i = 0; i < sizeof stand_ins / sizeof *stand_ins; i++)
        if (stand_ins[i].cp == cp)
            for (int k = 0; k < 3 && stand_ins[i].alt[k]; k++)
                if (bc_font_has(f, stand_ins[i].alt[k])) return stand_ins[i].alt[k];
    return 0;
}

const char *bc_font_substitute(bc_font *f, const char *s, size_t *len, bc_arena *a)
{
    const char *p = s, *end = s + *len;
    int need = 0;
    while (p < end && !need) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        uint32_t cp = bc_utf8_next(&p);
        need = !bc_font_has(f, cp) && stand_in(f, cp);
    }
    if (!need) return s;
    char *out = bc_arena_alloc(a, *len + 1), *q = out; /* stand-ins are never longer */
    p = s;
    while (p < end) {
        const char *start = p;
        uint32_t cp = bc_utf8_next(&p);
        uint32_t alt = cp >= 0x80 && !bc_font_has(f, cp) ? stand_in(f, cp) : 0;
        if (alt)
            q += bc_utf8_encode(alt, q);
        else {
            memcpy(q, start, (size_t)(p - start));
            q += p - start;
        }
    }
    *q = 0;
    *len = (size_t)(q - out);
    return out;
}

/* The glyph of cp, 0 when the font has none. */
static uint32_t glyph_of(bc_font *f, uint32_t cp)
{
    if (cp < CACHE_LIMIT) {
        cblock *b = cache_block(f, cp);
        if (!b->has[cp % BLOCK]) bc_font_advance(f, cp);
        return b->has[cp % BLOCK] == 1 ? b->gid[cp % BLOCK] : 0;
    }
    return bc_sfnt_glyph(&f->sf, cp);
}

uint32_t bc_font_glyph(bc_font *f, uint32_t cp) { return glyph_of(f, cp); }

/* The GPOS pair kerning, read on first need. */
static bc_kern *gpos_kern(bc_font *f)
{
    if (!f->gpos_read) {
        f->gpos_read = 1;
        bc_sfnt_table gpos = bc_sfnt_get(&f->sf, BC_SFNT_TAG('G', 'P', 'O', 'S'));
        f->kern = bc_kern_new(gpos.p, gpos.len);
    }
    return f->kern;
}

static double kern_lookup(bc_font *f, uint32_t a, uint32_t b)
{
    uint32_t g1 = glyph_of(f, a), g2 = g1 ? glyph_of(f, b) : 0;
    return g1 && g2 && gpos_kern(f) ? bc_kern_pair(f->kern, g1, g2) * f->scale : 0;
}

static int16_t kern_round(double v)
{
    return (int16_t)(v < -30000 ? -30000 : v > 30000 ? 30000 : v >= 0 ? v + 0.5 : v - 0.5);
}

/*
** Pairs of the characters text is mostly made of are kept in a KT x KT table: ASCII, Latin-1
** (U+00A0..U+00FF) and the punctuation block U+2010..U+202F (dashes, quotes, bullet, ellipsis)
** in the slots of the C1 controls, which text never holds. Each pair is looked up in GPOS on
** its first use and kept. Where there is an on-disk cache (cache.h), the pairs a process
** learned are written back when the font is freed, in one entry per font file holding only
** the rows that were used, and read back mapped: a warm build never walks GPOS for a pair the
** brief used before, and a cold build costs what a build with the cache off does, plus that
** small write (issue 20: filling all 65,536 pairs up front cost a cold build 11 M
** instructions and 655 KB of writes for the sample). Entry: uint32 format, uint32 has_kern,
** uint64 nrows | uint16 row[KT] (KERN_NOROW: every pair of that first character unknown) |
** int16 rows[nrows][KT] (INT16_MIN: unknown).
*/
#define KT 256
#define KERN_FORMAT 3u
#define KERN_NOROW 0xFFFFu
#define KERN_HEAD (16 + KT * 2)

/* The table slot of cp, or -1. */
static int kslot(uint32_t cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp < 0x100)) return (int)cp;
    if (cp >= 0x2010 && cp < 0x2030) return (int)(0x80 + cp - 0x2010);
    return -1;
}

static uint32_t kchar(int slot)
{
    return slot >= 0x80 && slot < 0xA0 ? 0x2010 + (uint32_t)slot - 0x80 : (uint32_t)slot;
}

/* The kern entry's key into key (BC_CACHE_KEY_MAX bytes): the table format and the font
   file's whole identity, so an entry made for another font never matches; 0 when unknown. */
static size_t kern_key(const bc_font *f, unsigned char *key)
{
    if (!f->id_len || f->id_len + 8 > BC_CACHE_KEY_MAX) return 0;
    uint32_t v = KERN_FORMAT;
    memcpy(key, "kern", 4);
    memcpy(key + 4, &v, 4);
    memcpy(key + 8, f->id, f->id_len);
    return f->id_len + 8;
}

/* Maps the font's entry; 0 when there is none or it does not hold together (then made again). */
static int kern_from_cache(bc_font *f, const unsigned char *key, size_t keylen)
{
    if (!keylen || !bc_cache_map("kern", key, keylen, &f->kern_map)) return 0;
    const unsigned char *d = f->kern_map.data;
    uint32_t head[2];
    uint64_t nrows = 0;
    int ok = f->kern_map.len >= KERN_HEAD;
    if (ok) {
        memcpy(head, d, sizeof head);
        memcpy(&nrows, d + 8, sizeof nrows);
        ok = head[0] == KERN_FORMAT && head[1] <= 1 && nrows <= KT &&
             f->kern_map.len == KERN_HEAD + nrows * KT * 2;
    }
    const uint16_t *idx = (const uint16_t *)(const void *)(d + 16);
    for (int i = 0; ok && i < KT; i++) ok = idx[i] == KERN_NOROW || idx[i] < nrows;
    if (!ok) {
        bc_cache_unmap(&f->kern_map);
        return 0;
    }
    f->has_kern = (int)head[1];
    f->kern_idx = idx;
    f->kern_rows = (const int16_t *)(const void *)(d + KERN_HEAD);
    return 1;
}

static void kern_init(bc_font *f)
{
    f->kern_ready = 1;
    unsigned char kb[BC_CACHE_KEY_MAX];
    size_t key = bc_cache_enabled() ? kern_key(f, kb) : 0;
    if (kern_from_cache(f, kb, key)) return;
    f->has_kern = gpos_kern(f) != NULL;
    f->kern_dirty = key != 0; /* a font that does not kern is worth an entry too */
    if (!f->has_kern) return;
    f->kern_own = bc_xmalloc((size_t)KT * KT * sizeof *f->kern_own);
    for (size_t i = 0; i < (size_t)KT * KT; i++) f->kern_own[i] = INT16_MIN;
}

/* The pairs this process learned into the cache, with those the entry already held. */
static void kern_save(bc_font *f)
{
    unsigned char kb[BC_CACHE_KEY_MAX];
    size_t key = f->kern_dirty && bc_cache_enabled() ? kern_key(f, kb) : 0;
    if (!key) return;
    uint16_t idx[KT];
    uint64_t nrows = 0;
    for (int a = 0; a < KT; a++) {
        int any = 0;
        for (int b = 0; f->kern_own && b < KT && !any; b++)
            any = f->kern_own[a * KT + b] != INT16_MIN;
        idx[a] = any ? (uint16_t)nrows++ : KERN_NOROW;
    }
    uint32_t head[2] = {KERN_FORMAT, (uint32_t)f->has_kern};
    bc_buf b = {0};
    bc_buf_add(&b, head, sizeof head);
    bc_buf_add(&b, &nrows, sizeof nrows);
    bc_buf_add(&b, idx, sizeof idx);
    for (int a = 0; a < KT; a++)
        if (idx[a] != KERN_NOROW)
            bc_buf_add(&b, f->kern_own + (size_t)a * KT, KT * sizeof *f->kern_own);
    bc_cache_store("kern", kb, key, b.data, b.len);
    bc_buf_free(&b);
    f->kern_dirty = 0;
}

/* The mapped entry's pairs into a table of our own, to add to (on the first unknown pair). */
static void kern_own_from_map(bc_font *f)
{
    f->kern_own = bc_xmalloc((size_t)KT * KT * sizeof *f->kern_own);
    for (int a = 0; a < KT; a++) {
        int16_t *row = f->kern_own + (size_t)a * KT;
        if (f->kern_idx[a] == KERN_NOROW)
            for (int b = 0; b < KT; b++) row[b] = INT16_MIN;
        else
            memcpy(row, f->kern_rows + (size_t)f->kern_idx[a] * KT, KT * sizeof *row);
    }
}

/* The kerning of a pair in the table (slots sa, sb), looked up once and kept. */
static int16_t kern_slot(bc_font *f, int sa, int sb)
{
    int16_t v;
    if (f->kern_own)
        v = f->kern_own[sa * KT + sb];
    else if (f->kern_idx)
        v = f->kern_idx[sa] == KERN_NOROW ? INT16_MIN : f->kern_rows[f->kern_idx[sa] * KT + sb];
    else
        return 0;
    if (v != INT16_MIN) return v;
    if (!f->kern_own) kern_own_from_map(f);
    v = f->kern_own[sa * KT + sb] =
        sa == ' ' || sb == ' ' ? 0 : kern_round(kern_lookup(f, kchar(sa), kchar(sb)));
    f->kern_dirty = 1;
    return v;
}

double bc_font_kern(bc_font *f, uint32_t a, uint32_t b)
{
    if (a == ' ' || b == ' ' || !a) return 0; /* word spaces are set apart, never kerned */
    if (!f->kern_ready) kern_init(f);
    if (!f->has_kern) return 0;
    int sa = kslot(a), sb = kslot(b);
    if (sa >= 0 && sb >= 0) return kern_slot(f, sa, sb);
    return kern_lookup(f, a, b);
}

double bc_font_width(bc_font *f, const char *s, size_t len, double size)
{
    const char *p = s, *end = s + len;
    double w = 0;
    uint32_t prev = 0;
    if (!f->kern_ready) kern_init(f);
    const int kern = f->has_kern;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        uint32_t cp;
        if (c < 0x80) {
            if (f->ascii[c] < 0) bc_font_advance(f, c);
            w += f->ascii[c];
            p++;
            cp = c;
            if (kern && prev && prev < 128)
                w += kern_slot(f, (int)prev, c); /* the common case */
            else if (kern && prev)
                w += bc_font_kern(f, prev, cp);
        } else {
            cp = bc_utf8_next(&p);
            w += bc_font_advance(f, cp);
            if (kern && prev) w += bc_font_kern(f, prev, cp);
        }
        prev = cp;
    }
    return w * size / 1000.0;
}

void bc_font_use(bc_font *f, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        uint32_t cp = bc_utf8_next(&p);
        if (cp < 0x10000) {
            f->used[cp >> 6] |= (uint64_t)1 << (cp & 63);
            continue;
        }
        int seen = 0;
        for (int i = 0; i < f->nastral && !seen; i++) seen = f->astral[i] == cp;
        if (seen) continue;
        BC_GROW(f->astral, f->nastral, f->cap_astral, 8);
        f->astral[f->nastral++] = cp;
    }
    if (len) f->used_any = 1;
}

int bc_font_used_any(const bc_font *f) { return f->used_any; }

static uint32_t use_hash(uint32_t gid, unsigned char ul, const char *t)
{
    uint32_t h = 2166136261u ^ gid;
    h = (h ^ ul) * 16777619u;
    for (int i = 0; i < 31 && ul != BC_GLYPH_NOTHING && i < ul; i++)
        h = (h ^ (unsigned char)t[i]) * 16777619u;
    return h;
}

static void vh_insert(bc_font *f, int idx)
{
    const bc_glyph_use *u = &f->glyphs[idx];
    uint32_t m = (uint32_t)f->vcap - 1, h = use_hash(u->gid, u->len, u->text) & m;
    while (f->vh[h] >= 0) h = (h + 1) & m;
    f->vh[h] = idx;
    f->vn++;
}

static void vh_rebuild(bc_font *f)
{
    int cap = 64;
    while (cap < 2 * (f->nglyphs_used + 1)) cap *= 2;
    if (cap != f->vcap) {
        free(f->vh);
        f->vh = bc_xmalloc((size_t)cap * sizeof *f->vh);
        f->vcap = cap;
    }
    memset(f->vh, 0xFF, (size_t)cap * sizeof *f->vh);
    f->vn = 0;
    f->vstale = 0;
    for (int i = 0; i < f->nglyphs_used; i++)
        if (f->glyphs[i].len) vh_insert(f, i);
}

/* Whether glyph gid is kept with text key (ul, t) already. */
static int variant_known(bc_font *f, uint32_t gid, unsigned char ul, const char *t)
{
    if (!f->vh || f->vstale) vh_rebuild(f);
    uint32_t m = (uint32_t)f->vcap - 1, h = use_hash(gid, ul, t) & m;
    for (; f->vh[h] >= 0; h = (h + 1) & m) {
        const bc_glyph_use *u = &f->glyphs[f->vh[h]];
        if (u->gid == gid && u->len == ul && !memcmp(u->text, t, 31)) return 1;
    }
    return 0;
}

void bc_font_use_glyph(bc_font *f, uint32_t gid, const char *text, size_t len)
{
    if (gid >= f->sf.nglyphs || gid > 0xFFFF) return;
    char key[31];
    unsigned char ul;
    bc_glyph_text_key(text, len, key, &ul);
    if (!f->glyph_bits) f->glyph_bits = bc_xcalloc(2 * 65536 / 64, sizeof *f->glyph_bits);
    uint64_t *texted = f->glyph_bits + 65536 / 64, bit = (uint64_t)1 << (gid & 63);
    int had_text = (texted[gid >> 6] & bit) != 0;
    if (ul) texted[gid >> 6] |= bit;
    if (f->glyph_bits[gid >> 6] & bit) {
        if (!ul) return;
        if (!had_text) {
            /* a text now for a glyph first met without one (inside a longer cluster); the
               list is searched only then, not for every use of a glyph */
            for (int i = 0; i < f->nglyphs_used; i++)
                if (f->glyphs[i].gid == gid && !f->glyphs[i].len) {
                    memcpy(f->glyphs[i].text, key, sizeof key);
                    f->glyphs[i].len = ul;
                }
            f->vstale = 1;
            return;
        }
        /* the same glyph for another text (a base letter under other marks, a mark standing
           for nothing in one cluster and for itself in another): a variant of its own, which
           the PDF draws with a code of its own (bc_subset_text_code) */
        if (variant_known(f, gid, ul, key)) return;
    }
    f->glyph_bits[gid >> 6] |= (uint64_t)1 << (gid & 63);
    BC_GROW(f->glyphs, f->nglyphs_used, f->cap_glyphs, 64);
    bc_glyph_use *u = &f->glyphs[f->nglyphs_used++];
    memset(u, 0, sizeof *u);
    u->gid = (uint16_t)gid;
    memcpy(u->text, key, sizeof key);
    u->len = ul;
    f->glyphs_sorted = 0;
    f->used_any = 1;
    if (ul && f->vh && !f->vstale) {
        if (2 * (f->vn + 1) > f->vcap)
            f->vstale = 1;
        else
            vh_insert(f, f->nglyphs_used - 1);
    }
}

int bc_font_glyphs_used(const bc_font *f) { return f->nglyphs_used > 0; }

static int cmp_glyph_use(const void *a, const void *b)
{
    const bc_glyph_use *x = a, *y = b;
    if (x->gid != y->gid) return (x->gid > y->gid) - (x->gid < y->gid);
    if (x->len != y->len) return (x->len > y->len) - (x->len < y->len);
    return memcmp(x->text, y->text, sizeof x->text); /* a glyph's variants in a fixed order */
}

const bc_glyph_use *bc_font_used_glyphs(bc_font *f, int *n)
{
    if (!f->glyphs_sorted && f->nglyphs_used)
        qsort(f->glyphs, (size_t)f->nglyphs_used, sizeof *f->glyphs, cmp_glyph_use);
    if (!f->glyphs_sorted) f->vstale = 1; /* entries moved */
    f->glyphs_sorted = 1;
    *n = f->nglyphs_used;
    return f->glyphs;
}

void bc_font_usage_clear(bc_font *f)
{
    if (f->nglyphs_used) {
        memset(f->glyph_bits, 0, 2 * 65536 / 8);
        f->nglyphs_used = 0;
        f->vstale = 1;
    }
    if (!f->used_any) return;
    memset(f->used, 0, sizeof f->used);
    f->nastral = 0;
    f->used_any = 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

void bc_font_each_used(const bc_font *f, void (*fn)(uint32_t cp, void *ud), void *ud)
{
    for (uint32_t w = 0; w < USED_WORDS; w++) {
        uint64_t bits = f->used[w];
        while (bits) {
            int b = __builtin_ctzll(bits);
            fn(w * 64 + (uint32_t)b, ud);
            bits &= bits - 1;
        }
    }
    if (f->nastral) {
        qsort(f->astral, (size_t)f->nastral, sizeof *f->astral, cmp_u32);
        for (int i = 0; i < f->nastral; i++) fn(f->astral[i], ud);
    }
}

typedef struct cp_list {
    uint32_t *v;
    int n, cap;
} cp_list;

static void push_cp(uint32_t cp, void *ud)
{
    cp_list *l = ud;
    BC_GROW(l->v, l->n, l->cap, 128);
    l->v[l->n++] = cp;
}

bc_status bc_font_subset(bc_font *f, bc_subset *out, bc_error *err)
{
    memset(out, 0, sizeof *out);
    cp_list l = {0};
    bc_font_each_used(f, push_cp, &l);
    out->cps = l.v;
    out->n = l.n;
    int ng;
    const bc_glyph_use *gu = bc_font_used_glyphs(f, &ng);
    uint32_t *gids = NULL;
    if (ng) {
        out->xg = bc_xmalloc((size_t)ng * sizeof *out->xg);
        memcpy(out->xg, gu, (size_t)ng * sizeof *out->xg);
        out->nxg = ng;
        gids = bc_xmalloc((size_t)ng * 2 * sizeof *gids); /* the ids, then their new ids */
        for (int i = 0; i < ng; i++) gids[i] = gu[i].gid;
    }
    out->retain = ng > 0;
    bc_status st = bc_hbsubset_run(f->map, f->size, f->face, f->path, l.v, l.n, gids, ng,
                                   gids ? gids + ng : NULL, &out->data, err);
    if (st != BC_OK) {
        free(gids);
        bc_subset_free(out);
        return BC_ERR;
    }
    /* Read the subset back as a font file to learn its glyph ids and advances. */
    bc_sfnt sub;
    if (bc_sfnt_open(&sub, (const unsigned char *)out->data.data, out->data.len) != 0) {
        free(gids);
        bc_subset_free(out);
        return bc_error_set(err, f->path, 0, "HarfBuzz could not subset font '%s'", f->path);
    }
    /* The code of each glyph in the PDF: its glyph id, or for CFF outlines its CID (a
       CID-keyed CFF selects glyphs by the CIDs of its charset, see cff.h). */
    uint16_t *code = bc_xcalloc((size_t)sub.nglyphs + 1, sizeof *code);
    int ncodes = (int)sub.nglyphs;
    if (f->cff) {
        bc_sfnt_table t = bc_sfnt_get(&sub, BC_SFNT_TAG('C', 'F', 'F', ' '));
        int keyed = 0;
        if (!t.len || !bc_cff_cids(t.p, t.len, sub.nglyphs, code, &keyed)) {
            free(code);
            free(gids);
            bc_subset_free(out);
            return bc_error_set(err, f->path, 0, "HarfBuzz made a damaged CFF subset of '%s'",
                                f->path);
        }
        ncodes = 0;
        for (unsigned g = 0; g < sub.nglyphs; g++)
            if (code[g] + 1 > ncodes) ncodes = code[g] + 1;
    } else {
        for (unsigned g = 0; g < sub.nglyphs; g++) code[g] = (uint16_t)g;
    }
    out->gids = bc_xcalloc((size_t)(l.n ? l.n : 1), sizeof *out->gids);
    for (int i = 0; i < l.n; i++) {
        uint32_t g = bc_sfnt_glyph(&sub, l.v[i]);
        out->gids[i] = g && g < sub.nglyphs ? code[g] : 0;
    }
    if (out->retain) { /* the code of each glyph id shaped text used, by the font's id */
        out->nglyph_codes = (int)gids[ng - 1] + 1; /* ascending */
        out->glyph_codes = bc_xcalloc((size_t)out->nglyph_codes, sizeof *code);
        for (int i = 0; i < ng; i++)
            if (gids[ng + i] && gids[ng + i] < sub.nglyphs)
                out->glyph_codes[gids[i]] = code[gids[ng + i]];
    }
    free(gids);
    out->nglyphs = ncodes;
    out->widths = bc_xcalloc((size_t)(out->nglyphs ? out->nglyphs : 1), sizeof *out->widths);
    double scale = 1000.0 / sub.upem;
    for (unsigned g = 0; g < sub.nglyphs; g++) {
        double w = bc_sfnt_advance(&sub, g) * scale + 0.5;
        out->widths[code[g]] = (uint16_t)(w > 65535 ? 65535 : w); /* hostile fonts */
    }
    free(code);
    if (f->cff) { /* FontFile3 /CIDFontType0C holds the bare CFF table */
        bc_sfnt_table t = bc_sfnt_get(&sub, BC_SFNT_TAG('C', 'F', 'F', ' '));
        bc_buf cffb = {0};
        bc_buf_add(&cffb, t.p, t.len);
        bc_buf_free(&out->data);
        out->data = cffb;
    }
    return BC_OK;
}

void bc_subset_free(bc_subset *s)
{
    if (!s) return;
    bc_buf_free(&s->data);
    bc_buf_free(&s->zdata);
    bc_buf_free(&s->zcmap);
    free(s->cps);
    free(s->gids);
    free(s->widths);
    free(s->xg);
    free(s->glyph_codes);
    free(s->xcode);
    memset(s, 0, sizeof *s);
}

uint16_t bc_subset_glyph_code(const bc_subset *s, uint32_t gid)
{
    return s->retain && gid < (uint32_t)s->nglyph_codes ? s->glyph_codes[gid] : 0;
}

uint16_t bc_subset_gid(const bc_subset *s, uint32_t cp)
{
    int lo = 0, hi = s->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (s->cps[mid] == cp) return s->gids[mid];
        if (s->cps[mid] < cp)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

void bc_font_describe(const bc_font *f, bc_font_info *info)
{
    memset(info, 0, sizeof *info);
    if (!bc_sfnt_psname(&f->sf, info->psname, sizeof info->psname))
        snprintf(info->psname, sizeof info->psname, "Font");
    /* A PDF name: no spaces or delimiters. */
    for (char *p = info->psname; *p; p++)
        if (*p <= ' ' || *p > '~' || strchr("()<>[]{}/%#", *p)) *p = '-';
    bc_sfnt_table head = bc_sfnt_get(&f->sf, BC_SFNT_TAG('h', 'e', 'a', 'd'));
    if (head.len >= 54) {
        const unsigned char *h = head.p;
        int16_t v[4];
        for (int i = 0; i < 4; i++) v[i] = (int16_t)((h[36 + 2 * i] << 8) | h[37 + 2 * i]);
        for (int i = 0; i < 4; i++) info->bbox[i] = v[i] * f->scale;
    }
    bc_sfnt_table post = bc_sfnt_get(&f->sf, BC_SFNT_TAG('p', 'o', 's', 't'));
    if (post.len >= 8) {
        const unsigned char *pp = post.p;
        int32_t fixed =
            (int32_t)((uint32_t)pp[4] << 24 | (uint32_t)pp[5] << 16 | pp[6] << 8 | pp[7]);
        info->italic_angle = fixed / 65536.0;
    }
    info->ascent = f->ascender;
    info->descent = f->descender;
    info->cap_height = f->cap_height;
    int serif = strstr(f->path, "Serif") != NULL || strstr(f->path, "serif") != NULL;
    info->flags = 32 | (serif ? 2 : 0) | (info->italic_angle != 0 ? 64 : 0); /* nonsymbolic */
}
