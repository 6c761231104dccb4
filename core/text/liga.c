/*
** liga.c — a font's standard ligatures read from its GSUB table (see liga.h).
**
** GSUB: the Latin script ('latn', else 'DFLT') and its default language system -> its 'liga'
** and 'clig' features ->
** their lookups in the LookupList, in lookup order; a lookup of type 4 (LigatureSubst), or of
** type 7 (Extension) wrapping one, gives per first glyph (its Coverage) a LigatureSet: each
** ligature's glyph and its other components, in the font's order of preference. A lookup of
** another type under these features makes the table "not simple" (liga.h). Every offset is
** bounds-checked and every count capped, so a damaged table reads as fewer ligatures, never as
** a bad read.
*/
#include "text/liga.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define MAX_LOOKUPS 64   /* lookups followed per table */
#define MAX_LIGS 4096    /* ligatures kept per table */
#define MAX_COMPONENTS 8 /* components per ligature */
#define MAX_LANGS 128    /* language systems of the Latin script */

typedef struct lig {
    uint16_t first, glyph;
    uint8_t ncomp; /* components after the first */
    uint16_t comp[MAX_COMPONENTS - 1];
    uint16_t lookup; /* the lookup's place in the order applied */
    uint32_t order;  /* its place in its LigatureSet (preference) */
} lig;

struct bc_liga {
    lig *v; /* sorted by lookup, first glyph, then preference */
    int n;
    int nlookups;
    int simple;
    uint32_t langs[MAX_LANGS]; /* the Latin script's language systems' tags */
    int nlangs;
    long work;           /* steps left for reading: a hostile table's counts cannot make it spin */
    uint64_t firsts[16]; /* a glyph may start a ligature only when bit (g & 1023) is set */
};

#define WORK 2000000L /* steps of reading per table (Noto Serif takes about 2,000) */

/* Spends one step of t's budget; 0 when it is spent (the table then is not simple). */
static int step(bc_liga *t)
{
    if (t->work > 0) {
        t->work--;
        return 1;
    }
    t->simple = 0;
    return 0;
}

static unsigned u16(const unsigned char *p, size_t len, size_t at)
{
    return at + 2 <= len ? (unsigned)p[at] << 8 | p[at + 1] : 0;
}

static uint32_t u32(const unsigned char *p, size_t len, size_t at)
{
    return at + 4 <= len ? (uint32_t)p[at] << 24 | (uint32_t)p[at + 1] << 16 |
                               (uint32_t)p[at + 2] << 8 | p[at + 3]
                         : 0;
}

/* The glyph of coverage index k of the Coverage table at cov; -1 when outside. A linear walk
   over ranges: LigatureSetCount is small (a few letters) for the fonts briefc meets. */
static long coverage_glyph(bc_liga *t, const unsigned char *p, size_t len, size_t cov, unsigned k)
{
    unsigned fmt = u16(p, len, cov), n = u16(p, len, cov + 2);
    if (fmt == 1) return k < n ? (long)u16(p, len, cov + 4 + 2 * (size_t)k) : -1;
    if (fmt != 2) return -1;
    for (unsigned r = 0; r < n && step(t); r++) {
        size_t at = cov + 4 + 6 * (size_t)r;
        unsigned start = u16(p, len, at), end = u16(p, len, at + 2), idx = u16(p, len, at + 4);
        if (end < start) continue;
        if (k >= idx && k - idx <= end - start) return (long)(start + (k - idx));
    }
    return -1;
}

static void add_subtable(bc_liga *t, int *cap, const unsigned char *p, size_t len, size_t st,
                         int lookup)
{
    if (u16(p, len, st) != 1) return;
    size_t cov = st + u16(p, len, st + 2);
    unsigned nsets = u16(p, len, st + 4);
    for (unsigned s = 0; s < nsets && t->n < MAX_LIGS && step(t); s++) {
        long first = coverage_glyph(t, p, len, cov, s);
        if (first < 0) continue;
        size_t set = st + u16(p, len, st + 6 + 2 * (size_t)s);
        unsigned nl = u16(p, len, set);
        for (unsigned k = 0; k < nl && t->n < MAX_LIGS && step(t); k++) {
            size_t lg = set + u16(p, len, set + 2 + 2 * (size_t)k);
            unsigned nc = u16(p, len, lg + 2);
            if (nc < 1 || nc > MAX_COMPONENTS || lg + 4 + 2 * (size_t)(nc - 1) > len) continue;
            BC_GROW(t->v, t->n, *cap, 16);
            lig *l = &t->v[t->n++];
            memset(l, 0, sizeof *l);
            l->first = (uint16_t)first;
            l->glyph = (uint16_t)u16(p, len, lg);
            l->ncomp = (uint8_t)(nc - 1);
            for (unsigned c = 0; c + 1 < nc; c++)
                l->comp[c] = (uint16_t)u16(p, len, lg + 4 + 2 * c);
            l->lookup = (uint16_t)lookup;
            l->order = (uint32_t)t->n;
        }
    }
}

static int cmp_lig(const void *a, const void *b)
{
    const lig *x = a, *y = b;
    if (x->lookup != y->lookup) return x->lookup < y->lookup ? -1 : 1;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static int cmp_u16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* The Script table HarfBuzz uses for Latin text: 'latn', else 'DFLT'; 0 when neither. */
static size_t latin_script(const unsigned char *p, size_t len, size_t sl)
{
    size_t dflt = 0;
    unsigned ns = u16(p, len, sl);
    for (unsigned i = 0; i < ns && i < 4096; i++) {
        size_t rec = sl + 2 + 6 * (size_t)i;
        uint32_t tag = u32(p, len, rec);
        if (tag == 0x6C61746Eu) return sl + u16(p, len, rec + 4); /* 'latn' */
        if (tag == 0x44464C54u) dflt = sl + u16(p, len, rec + 4); /* 'DFLT' */
    }
    return dflt;
}

bc_liga *bc_liga_new(const unsigned char *p, size_t len)
{
    bc_liga *t = bc_xcalloc(1, sizeof *t);
    t->simple = 1;
    t->work = WORK;
    if (!p || len < 10) return t;
    if (u16(p, len, 0) != 1) {
        t->simple = 0;
        return t;
    }
    size_t sl = u16(p, len, 4), fl = u16(p, len, 6), ll = u16(p, len, 8);
    size_t script = latin_script(p, len, sl);
    if (!script) { /* HarfBuzz would look further: leave it to HarfBuzz */
        t->simple = 0;
        return t;
    }
    /* the language systems with their own features: text in their languages is HarfBuzz's */
    unsigned nls = u16(p, len, script + 2);
    for (unsigned i = 0; i < nls && t->nlangs < MAX_LANGS; i++)
        t->langs[t->nlangs++] = u32(p, len, script + 4 + 6 * (size_t)i);
    if (nls > MAX_LANGS) t->simple = 0;
    size_t ls = u16(p, len, script);
    if (!ls) return t; /* no default language system: no ligatures by default */
    ls += script;
    if (u16(p, len, ls + 2) != 0xFFFF) t->simple = 0; /* a required feature */
    /* the lookups of 'liga' and 'clig', each once, in lookup order (as they are applied) */
    uint16_t idx[MAX_LOOKUPS];
    int n = 0;
    unsigned nf = u16(p, len, fl), nfi = u16(p, len, ls + 4);
    for (unsigned j = 0; j < nfi && step(t); j++) {
        unsigned i = u16(p, len, ls + 6 + 2 * (size_t)j);
        if (i >= nf) continue;
        size_t rec = fl + 2 + 6 * (size_t)i;
        uint32_t tag = u32(p, len, rec);
        if (tag != 0x6C696761u && tag != 0x636C6967u) continue; /* 'liga', 'clig' */
        size_t feat = fl + u16(p, len, rec + 4);
        unsigned nl = u16(p, len, feat + 2);
        for (unsigned k = 0; k < nl && step(t); k++) {
            uint16_t li = (uint16_t)u16(p, len, feat + 4 + 2 * (size_t)k);
            int seen = 0;
            for (int q = 0; q < n; q++) seen |= idx[q] == li;
            if (seen) continue;
            if (n == MAX_LOOKUPS) {
                t->simple = 0;
                break;
            }
            idx[n++] = li;
        }
    }
    qsort(idx, (size_t)n, sizeof *idx, cmp_u16);
    int cap = 0;
    unsigned nlook = u16(p, len, ll);
    for (int i = 0; i < n; i++) {
        if (idx[i] >= nlook) continue;
        size_t lk = ll + u16(p, len, ll + 2 + 2 * (size_t)idx[i]);
        unsigned type = u16(p, len, lk), nsub = u16(p, len, lk + 4);
        for (unsigned s = 0; s < nsub && step(t); s++) {
            size_t st = lk + u16(p, len, lk + 6 + 2 * (size_t)s);
            unsigned ty = type;
            if (type == 7 && u16(p, len, st) == 1) { /* Extension: the real subtable */
                ty = u16(p, len, st + 2);
                uint32_t off = u32(p, len, st + 4);
                st = off < len ? st + off : len;
            }
            if (ty == 4)
                add_subtable(t, &cap, p, len, st, i);
            else
                t->simple = 0; /* contextual or other substitutions: HarfBuzz only */
        }
    }
    t->nlookups = n;
    if (t->n) qsort(t->v, (size_t)t->n, sizeof *t->v, cmp_lig);
    for (int i = 0; i < t->n; i++)
        t->firsts[(t->v[i].first & 1023) >> 6] |= 1ull << (t->v[i].first & 63);
    return t;
}

void bc_liga_free(bc_liga *t)
{
    if (!t) return;
    free(t->v);
    free(t);
}

int bc_liga_simple_for(const bc_liga *t, uint32_t lang)
{
    if (!t || !t->simple) return 0;
    for (int i = 0; i < t->nlangs; i++)
        if (t->langs[i] == lang) return 0;
    return 1;
}

int bc_liga_count(const bc_liga *t) { return t ? t->n : 0; }

/* The first ligature of lookup lk whose first glyph is g, or -1. */
static int find_first(const bc_liga *t, int lk, uint32_t g)
{
    if (!(t->firsts[(g & 1023) >> 6] >> (g & 63) & 1)) return -1; /* no search for most glyphs */
    int lo = 0, hi = t->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const lig *m = &t->v[mid];
        if (m->lookup < lk || (m->lookup == lk && m->first < g))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->v[lo].lookup == lk && t->v[lo].first == g ? lo : -1;
}

int bc_liga_may_join(const bc_liga *t, const uint32_t *g, int n)
{
    if (!t || !t->n) return 0;
    for (int i = 0; i + 1 < n; i++)
        for (int lk = 0; lk < t->nlookups; lk++) {
            int k = find_first(t, lk, g[i]);
            for (; k >= 0 && k < t->n && t->v[k].lookup == lk && t->v[k].first == g[i]; k++)
                if (t->v[k].ncomp >= 1 && t->v[k].comp[0] == g[i + 1]) return 1;
        }
    return 0;
}

int bc_liga_apply(const bc_liga *t, uint32_t *g, uint32_t *cluster, int n)
{
    if (!t || !t->n) return n;
    for (int lk = 0; lk < t->nlookups; lk++) {
        int out = 0;
        for (int i = 0; i < n;) {
            int k = find_first(t, lk, g[i]), took = 1;
            uint32_t glyph = g[i];
            for (; k >= 0 && k < t->n && t->v[k].lookup == lk && t->v[k].first == g[i]; k++) {
                const lig *l = &t->v[k];
                if (i + 1 + l->ncomp > n) continue;
                int ok = 1;
                for (int c = 0; c < l->ncomp && ok; c++) ok = g[i + 1 + c] == l->comp[c];
                if (!ok) continue;
                glyph = l->glyph;
                took = 1 + l->ncomp;
                break;
            }
            g[out] = glyph;
            cluster[out] = cluster[i];
            out++;
            i += took;
        }
        n = out;
    }
    return n;
}

int bc_liga_first(const bc_liga *t, uint32_t g)
{
    if (!t) return 0;
    for (int lk = 0; lk < t->nlookups; lk++)
        if (find_first(t, lk, g) >= 0) return 1;
    return 0;
}
