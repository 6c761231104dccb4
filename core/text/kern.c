/*
** kern.c — GPOS pair kerning (see kern.h). All reads go through rd16/rd32 with bounds
** checks; a table that points outside itself reads as zeros.
*/
#include "text/kern.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

struct bc_kern {
    const unsigned char *d;
    size_t len;
    uint32_t *sub;  /* offsets of the PairPos subtables, lookup by lookup */
    int *lookup_of; /* the lookup each subtable belongs to (subtables of one lookup: first wins) */
    int nsub;
    /* Per first glyph, the subtables whose coverage holds it (nsub <= 64), found on the
       glyph's first pair (a document's text asks for tens of first glyphs, a font covers
       thousands): pages of 256 glyphs made on first use, each with a bitmap of the glyphs
       already looked at. NULL pages when nsub > 64: every subtable is tried. */
    struct cover_page **covers; /* 256 pages: glyph ids are 16 bits */
    /* Per subtable (nsub <= 64) and page of 256 glyphs, what pair_pos reads of a glyph there,
       read on first need: its coverage index, first class and second class. */
    struct glyph_memo ***memo; /* [nsub][256], NULL when nsub > 64 */
};

typedef struct glyph_memo {
    int32_t cov[256];          /* coverage index + 2 (1: not covered; 0: not read yet) */
    uint16_t c1[256], c2[256]; /* first and second class + 1 (0: not read yet) */
} glyph_memo;

typedef struct cover_page {
    uint64_t known[256 / 64];
    uint64_t mask[256];
} cover_page;

static unsigned rd16(const bc_kern *k, size_t at)
{
    return at < k->len && k->len - at >= 2 ? (unsigned)(k->d[at] << 8 | k->d[at + 1]) : 0;
}

static uint32_t rd32(const bc_kern *k, size_t at)
{
    return at < k->len && k->len - at >= 4 ? (uint32_t)rd16(k, at) << 16 | rd16(k, at + 2) : 0;
}

/* Coverage index of glyph g in the table at off, or -1. */
static int coverage(const bc_kern *k, size_t off, uint32_t g)
{
    unsigned fmt = rd16(k, off), n = rd16(k, off + 2);
    unsigned lo = 0, hi = n;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (fmt == 1) {
            unsigned v = rd16(k, off + 4 + 2 * (size_t)mid);
            if (v == g) return (int)mid;
            if (v < g)
                lo = mid + 1;
            else
                hi = mid;
        } else if (fmt == 2) {
            size_t r = off + 4 + 6 * (size_t)mid;
            unsigned start = rd16(k, r), end = rd16(k, r + 2);
            if (g < start)
                hi = mid;
            else if (g > end)
                lo = mid + 1;
            else
                return (int)(rd16(k, r + 4) + (g - start));
        } else {
            return -1;
        }
    }
    return -1;
}

/* Class of glyph g in the ClassDef at off (0 when unlisted). */
static unsigned class_of(const bc_kern *k, size_t off, uint32_t g)
{
    unsigned fmt = rd16(k, off);
    if (fmt == 1) {
        unsigned start = rd16(k, off + 2), n = rd16(k, off + 4);
        return g >= start && g - start < n ? rd16(k, off + 6 + 2 * (size_t)(g - start)) : 0;
    }
    if (fmt != 2) return 0;
    unsigned lo = 0, hi = rd16(k, off + 2);
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        size_t r = off + 4 + 6 * (size_t)mid;
        unsigned start = rd16(k, r), end = rd16(k, r + 2);
        if (g < start)
            hi = mid;
        else if (g > end)
            lo = mid + 1;
        else
            return rd16(k, r + 4);
    }
    return 0;
}

static int popcount8(unsigned v) { return __builtin_popcount(v & 0xFF); }

/* XAdvance of the ValueRecord at off with the given format, or 0. */
static int x_advance(const bc_kern *k, size_t off, unsigned fmt)
{
    if (!(fmt & 4)) return 0;
    return (int16_t)rd16(k, off + 2 * (size_t)popcount8(fmt & 3));
}

/* What subtable s's tables give glyph g (which: 0 coverage index, 1 first class, 2 second
   class), read once per glyph and kept (a document's pairs reuse a few dozen glyphs). */
static int memo_read(const bc_kern *k, int s, uint32_t g, int which)
{
    size_t off = k->sub[s];
    glyph_memo *m = NULL;
    if (k->memo && g <= 0xFFFF) {
        glyph_memo ***pages = &k->memo[s];
        if (!*pages) *pages = bc_xcalloc(256, sizeof **pages);
        glyph_memo **pg = &(*pages)[g >> 8];
        if (!*pg) *pg = bc_xcalloc(1, sizeof **pg);
        m = *pg;
        unsigned i = g & 255;
        if (which == 0 && m->cov[i]) return m->cov[i] - 2;
        if (which == 1 && m->c1[i]) return m->c1[i] - 1;
        if (which == 2 && m->c2[i]) return m->c2[i] - 1;
    }
    int v = which == 0 ? coverage(k, off + rd16(k, off + 2), g)
                       : (int)class_of(k, off + rd16(k, off + (which == 1 ? 8 : 10)), g);
    if (m) {
        unsigned i = g & 255;
        if (which == 0) m->cov[i] = v + 2;
        if (which == 1) m->c1[i] = (uint16_t)(v + 1);
        if (which == 2) m->c2[i] = (uint16_t)(v + 1);
    }
    return v;
}

/* Subtable s's adjustment for (g1, g2) into *adj: 1 when it applies, 0 when it does not. */
static int pair_pos(const bc_kern *k, int s, uint32_t g1, uint32_t g2, int *adj)
{
    size_t off = k->sub[s];
    unsigned fmt = rd16(k, off);
    int ci = memo_read(k, s, g1, 0);
    if (ci < 0) return 0;
    unsigned vf1 = rd16(k, off + 4), vf2 = rd16(k, off + 6);
    size_t s1 = 2 * (size_t)popcount8(vf1), s2 = 2 * (size_t)popcount8(vf2);
    if (fmt == 1) {
        if ((unsigned)ci >= rd16(k, off + 8)) return 0;
        size_t set = off + rd16(k, off + 10 + 2 * (size_t)ci);
        unsigned lo = 0, hi = rd16(k, set);
        size_t rec = 2 + s1 + s2;
        while (lo < hi) {
            unsigned mid = (lo + hi) / 2;
            size_t r = set + 2 + rec * mid;
            unsigned second = rd16(k, r);
            if (second == g2) {
                *adj = x_advance(k, r + 2, vf1);
                return 1;
            }
            if (second < g2)
                lo = mid + 1;
            else
                hi = mid;
        }
        return 0;
    }
    if (fmt == 2) {
        unsigned c1 = (unsigned)memo_read(k, s, g1, 1);
        unsigned c2 = (unsigned)memo_read(k, s, g2, 2);
        unsigned n1 = rd16(k, off + 12), n2 = rd16(k, off + 14);
        if (c1 >= n1 || c2 >= n2) return 0;
        size_t r = off + 16 + ((size_t)c1 * n2 + c2) * (s1 + s2);
        *adj = x_advance(k, r, vf1);
        return 1;
    }
    return 0;
}

#define MAX_SUBTABLES 1024 /* real fonts use tens; a hostile one must not make every pair slow */

static void add_sub(bc_kern *k, uint32_t off, int lookup, int *cap)
{
    if (k->nsub == MAX_SUBTABLES) return;
    if (k->nsub == *cap) {
        *cap = (int)bc_grow_cap((size_t)*cap, 16, sizeof *k->sub);
        k->sub = bc_xrealloc(k->sub, (size_t)*cap * sizeof *k->sub);
        k->lookup_of = bc_xrealloc(k->lookup_of, (size_t)*cap * sizeof *k->lookup_of);
    }
    k->sub[k->nsub] = off;
    k->lookup_of[k->nsub++] = lookup;
}

/* Feature indices of the default language of the 'latn' script (else 'DFLT', else the
   first script): the offset of its LangSys, or 0. */
static size_t lang_sys(const bc_kern *k)
{
    size_t sl = rd16(k, 4);
    unsigned n = rd16(k, sl);
    size_t pick = 0;
    for (unsigned i = 0; i < n && i < 512; i++) {
        uint32_t tag = rd32(k, sl + 2 + 6 * (size_t)i);
        size_t script = sl + rd16(k, sl + 6 + 6 * (size_t)i);
        if (tag == TAG('l', 'a', 't', 'n')) {
            pick = script;
            break;
        }
        if (tag == TAG('D', 'F', 'L', 'T') || !pick) pick = script;
    }
    if (!pick || !rd16(k, pick)) return 0;
    return pick + rd16(k, pick);
}

/* The subtables whose coverage holds first glyph g (bit s: subtable s), looked up on g's
   first pair and kept; all ones when nsub > 64 (every subtable is tried, pair_pos checks).
   Exactly the subtables where pair_pos finds g covered, so a pair sums the same either way. */
static uint64_t covers_of(const bc_kern *k, uint32_t g)
{
    if (!k->covers) return ~(uint64_t)0;
    if (g > 0xFFFF) return 0; /* coverage tables hold 16-bit glyph ids */
    cover_page **slot = &k->covers[g >> 8], *pg = *slot;
    if (!pg) pg = *slot = bc_xcalloc(1, sizeof *pg);
    unsigned i = g & 255;
    if (!(pg->known[i >> 6] >> (i & 63) & 1)) {
        uint64_t m = 0;
        for (int s = 0; s < k->nsub; s++)
            if (coverage(k, k->sub[s] + rd16(k, k->sub[s] + 2), g) >= 0) m |= (uint64_t)1 << s;
        pg->mask[i] = m;
        pg->known[i >> 6] |= (uint64_t)1 << (i & 63);
    }
    return pg->mask[i];
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

bc_kern *bc_kern_new(const unsigned char *data, size_t len)
{
    if (!data || len < 10) return NULL;
    bc_kern *k = bc_xcalloc(1, sizeof *k);
    k->d = data;
    k->len = len;
    if (rd16(k, 0) != 1) { /* only version 1.x */
        bc_kern_free(k);
        return NULL;
    }
    size_t ls = lang_sys(k), fl = rd16(k, 6), ll = rd16(k, 8);
    /* the lookups of the 'kern' features the language uses, in lookup-list order */
    int lookups[256], nl = 0;
    unsigned char seen[65536 / 8] = {0};
    unsigned nf = ls ? rd16(k, ls + 4) : 0;
    long budget = 1 << 16; /* entries read: a hostile table must not take long */
    for (unsigned i = 0; i < nf && budget > 0; i++, budget--) {
        unsigned fi = rd16(k, ls + 6 + 2 * (size_t)i);
        if (fi >= rd16(k, fl) || rd32(k, fl + 2 + 6 * (size_t)fi) != TAG('k', 'e', 'r', 'n'))
            continue;
        size_t feat = fl + rd16(k, fl + 6 + 6 * (size_t)fi);
        unsigned nlk = rd16(k, feat + 2);
        for (unsigned j = 0; j < nlk && nl < 256 && budget > 0; j++, budget--) {
            unsigned li = rd16(k, feat + 4 + 2 * (size_t)j);
            if (seen[li >> 3] & (1 << (li & 7))) continue;
            seen[li >> 3] |= (unsigned char)(1 << (li & 7));
            lookups[nl++] = (int)li;
        }
    }
    qsort(lookups, (size_t)nl, sizeof *lookups, cmp_int);
    int cap = 0;
    for (int i = 0; i < nl; i++) {
        if ((unsigned)lookups[i] >= rd16(k, ll)) continue;
        size_t lk = ll + rd16(k, ll + 2 + 2 * (size_t)lookups[i]);
        unsigned type = rd16(k, lk), nsub = rd16(k, lk + 4);
        for (unsigned j = 0; j < nsub && j < 4096; j++) {
            size_t st = lk + rd16(k, lk + 6 + 2 * (size_t)j);
            if (type == 9 && rd16(k, st) == 1 && rd16(k, st + 2) == 2) {
                uint64_t ext = st + (uint64_t)rd32(k, st + 4);
                if (ext < len) add_sub(k, (uint32_t)ext, i, &cap);
            } else if (type == 2 && st < len) {
                add_sub(k, (uint32_t)st, i, &cap);
            }
        }
    }
    if (k->nsub == 0) {
        bc_kern_free(k);
        return NULL;
    }
    if (k->nsub <= 64) {
        k->covers = bc_xcalloc(256, sizeof *k->covers);
        k->memo = bc_xcalloc((size_t)k->nsub, sizeof *k->memo);
    }
    return k;
}

void bc_kern_free(bc_kern *k)
{
    if (!k) return;
    free(k->sub);
    free(k->lookup_of);
    for (int i = 0; k->covers && i < 256; i++) free(k->covers[i]);
    for (int s = 0; k->memo && s < k->nsub; s++) {
        for (int i = 0; k->memo[s] && i < 256; i++) free(k->memo[s][i]);
        free(k->memo[s]);
    }
    free(k->memo);
    free(k->covers);
    free(k);
}

int bc_kern_pair(const bc_kern *k, uint32_t g1, uint32_t g2)
{
    if (!k) return 0;
    int total = 0;
    uint64_t mask = covers_of(k, g1);
    for (int i = 0; i < k->nsub && mask; i++) {
        if (k->covers && !(mask >> i & 1)) continue;
        int adj = 0;
        if (!pair_pos(k, i, g1, g2, &adj)) continue;
        total += adj;
        /* the lookup's later subtables do not apply once one has */
        int lk = k->lookup_of[i];
        while (i + 1 < k->nsub && k->lookup_of[i + 1] == lk) i++;
    }
    return total;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The int16 at at, read without a bounds check: the caller has checked the whole range. */
static int s16(const bc_kern *k, size_t at) { return (int16_t)(k->d[at] << 8 | k->d[at + 1]); }

/* One row of bc_kern_matrix for subtable off of lookup lk: the adjustment of (g1, g2[j]) added
   to row[j] for every column the lookup has not yet set (done[j] != lk), exactly as pair_pos
   would give it. cls2 holds the subtable's second classes of the columns (format 2 only).
   The records a row reads are bounds-checked once; a range that does not fit goes through
   rd16's checks, read by read, as pair_pos does. */
static void pair_row(const bc_kern *k, size_t off, uint32_t g1, const uint32_t *g2,
                     const int *order, const unsigned *cls2, int n, int lk, int *done, int *row)
{
    unsigned fmt = rd16(k, off);
    int ci = coverage(k, off + rd16(k, off + 2), g1);
    if (ci < 0) return;
    unsigned vf1 = rd16(k, off + 4), vf2 = rd16(k, off + 6);
    size_t s1 = 2 * (size_t)popcount8(vf1), s2 = 2 * (size_t)popcount8(vf2);
    size_t xoff = 2 * (size_t)popcount8(vf1 & 3); /* XAdvance within the first ValueRecord */
    int has_x = (vf1 & 4) != 0;
    if (fmt == 1) {
        if ((unsigned)ci >= rd16(k, off + 8)) return;
        size_t set = off + rd16(k, off + 10 + 2 * (size_t)ci);
        unsigned count = rd16(k, set);
        size_t rec = 2 + s1 + s2;
        int fits = set + 2 + rec * count <= k->len;
        /* A set whose second glyphs rise strictly (as the specification asks) is walked once
           beside the columns in glyph order (order); binary search finds exactly the same
           record there. Any other set is searched column by column, as pair_pos does. */
        unsigned prev = 0, m = 0;
        for (; fits && m < count; m++) {
            size_t r = set + 2 + rec * m;
            unsigned second = (unsigned)(k->d[r] << 8 | k->d[r + 1]);
            if (m && second <= prev) break;
            prev = second;
        }
        if (fits && m == count) {
            m = 0;
            for (int t = 0; t < n && m < count; t++) {
                int j = order[t];
                size_t r = set + 2 + rec * m;
                unsigned second = (unsigned)(k->d[r] << 8 | k->d[r + 1]);
                while (second < g2[j] && ++m < count) {
                    r += rec;
                    second = (unsigned)(k->d[r] << 8 | k->d[r + 1]);
                }
                if (m < count && second == g2[j] && done[j] != lk) {
                    row[j] += has_x ? s16(k, r + 2 + xoff) : 0;
                    done[j] = lk;
                }
            }
            return;
        }
        for (int j = 0; j < n && count; j++) {
            if (done[j] == lk) continue;
            unsigned lo = 0, hi = count;
            while (lo < hi) {
                unsigned mid = (lo + hi) / 2;
                size_t r = set + 2 + rec * mid;
                unsigned second = fits ? (unsigned)(k->d[r] << 8 | k->d[r + 1]) : rd16(k, r);
                if (second == g2[j]) {
                    row[j] += !has_x ? 0 : fits ? s16(k, r + 2 + xoff) : x_advance(k, r + 2, vf1);
                    done[j] = lk;
                    break;
                }
                if (second < g2[j])
                    lo = mid + 1;
                else
                    hi = mid;
            }
        }
    } else if (fmt == 2) {
        unsigned c1 = class_of(k, off + rd16(k, off + 8), g1);
        unsigned n1 = rd16(k, off + 12), n2 = rd16(k, off + 14);
        if (c1 >= n1) return;
        size_t line = off + 16 + (size_t)c1 * n2 * (s1 + s2); /* the records of class c1 */
        int fits = line + (size_t)n2 * (s1 + s2) <= k->len;
        for (int j = 0; j < n; j++) {
            if (done[j] == lk || cls2[j] >= n2) continue;
            size_t r = line + (size_t)cls2[j] * (s1 + s2);
            row[j] += !has_x ? 0 : fits ? s16(k, r + xoff) : x_advance(k, r, vf1);
            done[j] = lk;
        }
    }
}

void bc_kern_matrix(const bc_kern *k, const uint32_t *g, int n,
                    void (*row_done)(void *arg, int i, const int *row), void *arg)
{
    if (n <= 0) return;
    int *row = bc_xmalloc((size_t)n * sizeof *row);
    int *done = bc_xmalloc((size_t)n * sizeof *done);
    /* the second classes of every column, per format-2 subtable, made when first needed */
    unsigned **cls2 = k ? bc_xcalloc((size_t)k->nsub, sizeof *cls2) : NULL;
    /* the columns in glyph order (equal glyphs by column), for pair_row's walk */
    uint64_t *key = bc_xmalloc((size_t)n * sizeof *key);
    int *order = bc_xmalloc((size_t)n * sizeof *order);
    for (int j = 0; j < n; j++) key[j] = (uint64_t)g[j] << 32 | (uint32_t)j;
    qsort(key, (size_t)n, sizeof *key, cmp_u64);
    for (int j = 0; j < n; j++) order[j] = (int)(uint32_t)key[j];
    free(key);
    for (int i = 0; i < n; i++) {
        memset(row, 0, (size_t)n * sizeof *row);
        uint64_t mask = k ? covers_of(k, g[i]) : 0;
        if (mask)
            for (int j = 0; j < n; j++) done[j] = -1;
        for (int s = 0; s < (k ? k->nsub : 0) && mask; s++) {
            if (k->covers && !(mask >> s & 1)) continue;
            size_t off = k->sub[s];
            if (rd16(k, off) == 2 && !cls2[s]) {
                cls2[s] = bc_xmalloc((size_t)n * sizeof **cls2);
                for (int j = 0; j < n; j++) cls2[s][j] = class_of(k, off + rd16(k, off + 10), g[j]);
            }
            pair_row(k, off, g[i], g, order, cls2[s], n, k->lookup_of[s], done, row);
        }
        row_done(arg, i, row);
    }
    for (int s = 0; k && s < k->nsub; s++) free(cls2[s]);
    free(cls2);
    free(order);
    free(done);
    free(row);
}
