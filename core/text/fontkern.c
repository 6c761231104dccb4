/*
** fontkern.c — a font's pair kerning (font.h's bc_font_kern, bc_font_kern_units and the
** widths that include it), read from GPOS (kern.h) and kept in a table per font that the
** on-disk cache (cache.h) carries from one build to the next.
*/
#include "text/font_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

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

/* The GPOS adjustment of the cmap glyphs of a then b, in font units (0 when either has none). */
static int kern_units(bc_font *f, uint32_t a, uint32_t b)
{
    uint32_t g1 = bc_font_glyph(f, a), g2 = g1 ? bc_font_glyph(f, b) : 0;
    return g1 && g2 && gpos_kern(f) ? bc_kern_pair(f->kern, g1, g2) : 0;
}

static int16_t kern_round(double v)
{
    return (int16_t)(v < -30000 ? -30000 : v > 30000 ? 30000 : v >= 0 ? v + 0.5 : v - 0.5);
}

/*
** Pairs of the characters text is mostly made of are kept in KT x KT tables: ASCII, Latin-1
** (U+00A0..U+00FF) and the punctuation block U+2010..U+202F (dashes, quotes, bullet, ellipsis)
** in the slots of the C1 controls, which text never holds. Two tables: in 1/1000 em, rounded,
** as layout and the PDF use them (word spaces never kerned), and in font units, as a shaper
** adds them to advances (shape.c, with spaces). Each pair is looked up in GPOS on its first
** use and kept. Where there is an on-disk cache (cache.h), the pairs a process learned are
** written back when the font is freed, in one entry per font file holding only the rows that
** were used, and read back mapped: a warm build never walks GPOS for a pair the brief used
** before, and a cold build costs what a build with the cache off does, plus that small write
** (issue 20: filling all 65,536 pairs up front cost a cold build 11 M instructions and 655 KB
** of writes for the sample). Entry: uint32 format, uint32 has_kern, uint64 nrows[2] |
** uint16 row[2][KT] (KERN_NOROW: every pair of that first character unknown) |
** int16 rows[nrows[0]][KT], then rows[nrows[1]][KT] (INT16_MIN: unknown).
*/
#define KT BC_KT
#define KERN_FORMAT 4u
#define KERN_NOROW 0xFFFFu
#define KERN_HEAD (24 + 2 * KT * 2)

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
    uint64_t nrows[2] = {0, 0};
    int ok = f->kern_map.len >= KERN_HEAD;
    if (ok) {
        memcpy(head, d, sizeof head);
        memcpy(nrows, d + 8, sizeof nrows);
        ok = head[0] == KERN_FORMAT && head[1] <= 1 && nrows[0] <= KT && nrows[1] <= KT &&
             f->kern_map.len == KERN_HEAD + (nrows[0] + nrows[1]) * KT * 2;
    }
    const uint16_t *idx = (const uint16_t *)(const void *)(d + 24);
    for (int i = 0; ok && i < 2 * KT; i++) ok = idx[i] == KERN_NOROW || idx[i] < nrows[i / KT];
    if (!ok) {
        bc_cache_unmap(&f->kern_map);
        return 0;
    }
    f->has_kern = (int)head[1];
    const int16_t *rows = (const int16_t *)(const void *)(d + KERN_HEAD);
    for (int t = 0; t < 2; t++) {
        bc_kern_table *k = &f->kt[t];
        k->idx = idx + t * KT;
        k->rows = t ? rows + nrows[0] * KT : rows;
        for (int a = 0; a < KT; a++)
            k->row[a] = k->idx[a] == KERN_NOROW ? NULL : k->rows + (size_t)k->idx[a] * KT;
    }
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
}

/* Row a of table t as known now (own, else mapped), or NULL when none is. */
static const int16_t *kt_row(const bc_kern_table *t, int a) { return t->row[a]; }

/* The pairs this process learned into the cache, with those the entry already held. */
static void kern_save(bc_font *f)
{
    unsigned char kb[BC_CACHE_KEY_MAX];
    size_t key = f->kern_dirty && bc_cache_enabled() ? kern_key(f, kb) : 0;
    if (!key) return;
    uint16_t idx[2][KT];
    uint64_t nrows[2] = {0, 0};
    for (int t = 0; t < 2; t++)
        for (int a = 0; a < KT; a++) {
            const int16_t *row = kt_row(&f->kt[t], a);
            int any = 0;
            for (int b = 0; row && b < KT && !any; b++) any = row[b] != INT16_MIN;
            idx[t][a] = any ? (uint16_t)nrows[t]++ : KERN_NOROW;
        }
    uint32_t head[2] = {KERN_FORMAT, (uint32_t)f->has_kern};
    bc_buf b = {0};
    /* sized once: grown row by row, the buffer was copied over again a dozen times */
    bc_buf_reserve(&b, sizeof head + sizeof nrows + sizeof idx +
                           (size_t)(nrows[0] + nrows[1]) * KT * sizeof(int16_t));
    bc_buf_add(&b, head, sizeof head);
    bc_buf_add(&b, nrows, sizeof nrows);
    bc_buf_add(&b, idx, sizeof idx);
    for (int t = 0; t < 2; t++)
        for (int a = 0; a < KT; a++)
            if (idx[t][a] != KERN_NOROW) bc_buf_add(&b, kt_row(&f->kt[t], a), KT * sizeof(int16_t));
    bc_cache_store("kern", kb, key, b.data, b.len);
    bc_buf_free(&b);
    f->kern_dirty = 0;
}

void bc_fontkern_release(bc_font *f)
{
    kern_save(f);
    bc_kern_free(f->kern);
    for (int t = 0; t < 2; t++)
        for (int a = 0; a < KT; a++) free(f->kt[t].own[a]);
    bc_cache_unmap(&f->kern_map);
}

/* Sets pair (sa, sb) of table t, making the row of our own (from the mapped one) first. */
static void kt_set(bc_font *f, bc_kern_table *t, int sa, int sb, int16_t v)
{
    if (!t->own[sa]) {
        const int16_t *m = kt_row(t, sa);
        int16_t *row = t->own[sa] = bc_xmalloc(KT * sizeof *row);
        if (m)
            memcpy(row, m, KT * sizeof *row);
        else
            for (int b = 0; b < KT; b++) row[b] = INT16_MIN;
        t->row[sa] = row;
    }
    t->own[sa][sb] = v;
    f->kern_dirty = 1;
}

/* A pair's font units fit the table (INT16_MIN means unknown). */
static int units_fit(int u) { return u > INT16_MIN && u <= INT16_MAX; }

/* The kerning of a pair in the table (slots sa, sb), looked up once and kept. */
static int16_t kern_slot(bc_font *f, int sa, int sb)
{
    bc_kern_table *t = &f->kt[0];
    const int16_t *row = t->row[sa];
    int16_t v = row ? row[sb] : INT16_MIN;
    if (v != INT16_MIN) return v;
    v = sa == ' ' || sb == ' ' ? 0 : kern_round(kern_units(f, kchar(sa), kchar(sb)) * f->scale);
    kt_set(f, t, sa, sb, v);
    return v;
}

double bc_font_kern(bc_font *f, uint32_t a, uint32_t b)
{
    if (a == ' ' || b == ' ' || !a) return 0;    /* word spaces are set apart, never kerned */
    if (a < 0x80 && b < 0x80 && f->kern_ready) { /* the PDF asks for every pair it draws */
        const int16_t *row = f->kt[0].row[a];
        if (!f->has_kern) return 0;
        if (row && row[b] != INT16_MIN) return row[b];
    }
    if (!f->kern_ready) kern_init(f);
    if (!f->has_kern) return 0;
    int sa = kslot(a), sb = kslot(b);
    if (sa >= 0 && sb >= 0) return kern_slot(f, sa, sb);
    return kern_units(f, a, b) * f->scale;
}

int bc_font_kern_units(bc_font *f, uint32_t a, uint32_t b)
{
    if (!f->kern_ready) kern_init(f);
    if (!f->has_kern) return 0;
    int sa = kslot(a), sb = kslot(b);
    if (sa < 0 || sb < 0) return kern_units(f, a, b);
    bc_kern_table *t = &f->kt[1];
    const int16_t *row = kt_row(t, sa);
    if (row && row[sb] != INT16_MIN) return row[sb];
    int u = kern_units(f, a, b);
    if (units_fit(u)) kt_set(f, t, sa, sb, (int16_t)u);
    return u;
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
