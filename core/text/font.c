/*
** font.c — TrueType metrics (read with sfnt.c) and subsets (made by HarfBuzz, see hbsubset.h).
**
** A bc_font is opened once per process (or per batch worker) and reused for every document:
** the file is mapped, metrics are cached, the usage bitmap is cleared between documents.
*/
#include "text/font.h"
#include "text/font_int.h"

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
#include "text/cff.h"
#include "text/hbsubset.h"
#include "text/kern.h"
#include "text/sfnt.h"
#include "base/utf8.h"

static cblock *cache_block(bc_font *f, uint32_t cp);
static uint32_t glyph_of(bc_font *f, uint32_t cp);

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

/* The fonts open now, for bc_font_of_data (a process opens a handful). */
static bc_font **open_fonts;
static int nopen, cap_open;

static void register_font(bc_font *f)
{
    BC_GROW(open_fonts, nopen, cap_open, 8);
    open_fonts[nopen++] = f;
}

static void unregister_font(bc_font *f)
{
    for (int i = 0; i < nopen; i++)
        if (open_fonts[i] == f) {
            open_fonts[i] = open_fonts[--nopen];
            break;
        }
    if (!nopen) {
        free(open_fonts);
        open_fonts = NULL;
        cap_open = 0;
    }
}

bc_font *bc_font_of_data(const unsigned char *data, size_t len, unsigned face)
{
    for (int i = 0; i < nopen; i++)
        if (open_fonts[i]->map == data && open_fonts[i]->size == len && open_fonts[i]->face == face)
            return open_fonts[i];
    return NULL;
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

bc_status bc_font_open_face(const char *path, unsigned face, const bc_file_roots *roots,
                            bc_font **out, bc_error *err)
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
    if (!glyf && !cfft.len) {
        munmap(map, size);
        return bc_error_set(err, path, 0,
                            "font '%s' has neither TrueType ('glyf') nor CFF outlines (a "
                            "variable CFF2 or bitmap-only font): use a static .ttf or .otf",
                            path);
    }
    if (!glyf && !bc_cff_valid(cfft.p, cfft.len)) {
        munmap(map, size);
        return bc_error_set(err, path, 0, "font '%s' has a damaged 'CFF ' table", path);
    }
    bc_font *f = bc_xcalloc(1, sizeof *f);
    f->path = bc_xstrdup(path);
    f->face = face;
    f->cff = !glyf;
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
    register_font(f);
    *out = f;
    return BC_OK;
}

void bc_font_free(bc_font *f)
{
    if (!f) return;
    unregister_font(f);
    bc_fontkern_release(f);
    for (size_t i = 0; i < CACHE_LIMIT / BLOCK; i++) free(f->block[i]);
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

/* 64-bit words of a bitmap of the font's glyphs (ids below nglyphs and 65,536). */
static size_t glyph_words(const bc_font *f)
{
    size_t n = f->sf.nglyphs < 0x10000 ? f->sf.nglyphs : 0x10000;
    return (n + 63) / 64;
}

void bc_font_use_glyph(bc_font *f, uint32_t gid, const char *text, size_t len)
{
    if (gid >= f->sf.nglyphs || gid > 0xFFFF) return;
    char key[31];
    unsigned char ul;
    bc_glyph_text_key(text, len, key, &ul);
    size_t words = glyph_words(f); /* the bitmaps cover the font's glyphs, not all 65,536 */
    if (!f->glyph_bits) f->glyph_bits = bc_xcalloc(2 * words, sizeof *f->glyph_bits);
    uint64_t *texted = f->glyph_bits + words, bit = (uint64_t)1 << (gid & 63);
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
        memset(f->glyph_bits, 0, 2 * glyph_words(f) * sizeof *f->glyph_bits);
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
