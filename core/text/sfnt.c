/*
** sfnt.c — the TrueType table directory and metric tables (see sfnt.h). Every read goes
** through rd16/rd32 with bounds checks; searches are bounded by the tables' own counts, which
** are themselves bounded by the table's length.
*/
#include "text/sfnt.h"

#include <string.h>

static unsigned rd16(const unsigned char *p, size_t len, size_t at)
{
    return at < len && len - at >= 2 ? (unsigned)(p[at] << 8 | p[at + 1]) : 0;
}

static uint32_t rd32(const unsigned char *p, size_t len, size_t at)
{
    return at < len && len - at >= 4 ? (uint32_t)rd16(p, len, at) << 16 | rd16(p, len, at + 2) : 0;
}

static int s16(unsigned v) { return v >= 0x8000 ? (int)v - 0x10000 : (int)v; }

#define T16(t, at) rd16((t).p, (t).len, (at))
#define T32(t, at) rd32((t).p, (t).len, (at))

bc_sfnt_table bc_sfnt_get(const bc_sfnt *s, uint32_t tag)
{
    bc_sfnt_table t = {NULL, 0};
    for (unsigned i = 0; i < s->ntables; i++) {
        size_t rec = s->dir + 12 + 16 * (size_t)i;
        if (rd32(s->data, s->len, rec) != tag) continue;
        uint32_t off = rd32(s->data, s->len, rec + 8), len = rd32(s->data, s->len, rec + 12);
        if (off < s->len && len <= s->len - off && len) {
            t.p = s->data + off;
            t.len = len;
        }
        break;
    }
    return t;
}

/* The cmap subtable HarfBuzz would choose: symbol first, then 32-bit, then 16-bit Unicode. */
static void choose_cmap(bc_sfnt *s)
{
    static const unsigned pref[][2] = {{3, 0}, {3, 10}, {0, 6}, {0, 4}, {3, 1},
                                       {0, 3}, {0, 2},  {0, 1}, {0, 0}};
    bc_sfnt_table c = bc_sfnt_get(s, BC_SFNT_TAG('c', 'm', 'a', 'p'));
    unsigned n = T16(c, 2);
    for (size_t k = 0; k < sizeof pref / sizeof *pref; k++) {
        for (unsigned i = 0; i < n; i++) {
            size_t rec = 4 + 8 * (size_t)i;
            if (T16(c, rec) != pref[k][0] || T16(c, rec + 2) != pref[k][1]) continue;
            uint32_t off = T32(c, rec + 4);
            if (off >= c.len) continue;
            s->cmap.p = c.p + off;
            s->cmap.len = c.len - off;
            s->cmap_format = (int)T16(s->cmap, 0);
            if (k == 0) s->cmap_format |= 0x10000; /* a symbol font: see bc_sfnt_glyph */
            return;
        }
    }
}

int bc_sfnt_open(bc_sfnt *s, const unsigned char *data, size_t len)
{
    return bc_sfnt_open_face(s, data, len, 0);
}

unsigned bc_sfnt_faces(const unsigned char *data, size_t len)
{
    if (rd32(data, len, 0) != BC_SFNT_TAG('t', 't', 'c', 'f')) return len >= 12 ? 1 : 0;
    uint32_t n = rd32(data, len, 8);
    return n > (len - 12) / 4 ? 0 : n; /* each face has a 4-byte offset */
}

int bc_sfnt_open_face(bc_sfnt *s, const unsigned char *data, size_t len, unsigned face)
{
    memset(s, 0, sizeof *s);
    s->data = data;
    s->len = len;
    uint32_t version = rd32(data, len, 0);
    if (version == BC_SFNT_TAG('t', 't', 'c', 'f')) { /* a collection: one of its faces */
        if (face >= bc_sfnt_faces(data, len)) return -1;
        s->dir = rd32(data, len, 12 + 4 * (size_t)face);
        version = rd32(data, len, s->dir);
    } else if (face != 0) {
        return -1;
    }
    if (version != 0x00010000 && version != BC_SFNT_TAG('t', 'r', 'u', 'e') &&
        version != BC_SFNT_TAG('O', 'T', 'T', 'O'))
        return -1;
    s->ntables = rd16(data, len, s->dir + 4);
    if (s->dir >= len || (len - s->dir - 12) / 16 < s->ntables) s->ntables = 0;
    if (s->dir + 12 > len || s->ntables == 0) return -1;

    bc_sfnt_table head = bc_sfnt_get(s, BC_SFNT_TAG('h', 'e', 'a', 'd'));
    s->upem = T16(head, 18);
    if (s->upem < 16 || s->upem > 16384) s->upem = 1000;
    s->nglyphs = T16(bc_sfnt_get(s, BC_SFNT_TAG('m', 'a', 'x', 'p')), 4);
    s->hmtx = bc_sfnt_get(s, BC_SFNT_TAG('h', 'm', 't', 'x'));
    s->nlong = T16(bc_sfnt_get(s, BC_SFNT_TAG('h', 'h', 'e', 'a')), 34);
    if (s->nlong > s->hmtx.len / 4) s->nlong = (unsigned)(s->hmtx.len / 4);
    s->loca = bc_sfnt_get(s, BC_SFNT_TAG('l', 'o', 'c', 'a'));
    s->glyf = bc_sfnt_get(s, BC_SFNT_TAG('g', 'l', 'y', 'f'));
    s->loca_long = T16(head, 50) == 1;
    choose_cmap(s);
    return 0;
}

unsigned bc_sfnt_advance(const bc_sfnt *s, uint32_t g)
{
    if (!s->nlong) return g < s->nglyphs ? s->upem / 2 : 0; /* HarfBuzz's default */
    if (g >= s->nglyphs) return 0;
    return T16(s->hmtx, 4 * (size_t)(g < s->nlong ? g : s->nlong - 1));
}

static uint32_t format4(bc_sfnt_table t, uint32_t cp)
{
    if (cp > 0xFFFF) return 0;
    unsigned segs = T16(t, 6) / 2;
    size_t ends = 14, starts = ends + 2 * (size_t)segs + 2, deltas = starts + 2 * (size_t)segs,
           ranges = deltas + 2 * (size_t)segs;
    unsigned lo = 0, hi = segs;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        unsigned end = T16(t, ends + 2 * (size_t)mid), start = T16(t, starts + 2 * (size_t)mid);
        if (cp > end) {
            lo = mid + 1;
        } else if (cp < start) {
            hi = mid;
        } else {
            unsigned delta = T16(t, deltas + 2 * (size_t)mid);
            unsigned range = T16(t, ranges + 2 * (size_t)mid);
            if (range == 0) return (cp + delta) & 0xFFFF;
            size_t at = ranges + 2 * (size_t)mid + range + 2 * (size_t)(cp - start);
            unsigned g = T16(t, at);
            return g ? (g + delta) & 0xFFFF : 0;
        }
    }
    return 0;
}

/* Formats 12 and 13: groups of (first, last, glyph). */
static uint32_t groups(bc_sfnt_table t, uint32_t cp, int many_to_one)
{
    uint32_t n = T32(t, 12);
    if (n > t.len / 12) n = (uint32_t)(t.len / 12);
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        size_t r = 16 + 12 * (size_t)mid;
        uint32_t first = T32(t, r), last = T32(t, r + 4);
        if (cp < first)
            hi = mid;
        else if (cp > last)
            lo = mid + 1;
        else
            return T32(t, r + 8) + (many_to_one ? 0 : cp - first);
    }
    return 0;
}

static uint32_t lookup(const bc_sfnt *s, uint32_t cp)
{
    bc_sfnt_table t = s->cmap;
    switch (s->cmap_format & 0xFFFF) {
    case 0: return cp < 256 ? t.len > 6 + cp ? t.p[6 + cp] : 0 : 0;
    case 4: return format4(t, cp);
    case 6: {
        unsigned first = T16(t, 6), n = T16(t, 8);
        return cp >= first && cp - first < n ? T16(t, 10 + 2 * (size_t)(cp - first)) : 0;
    }
    case 10: {
        uint32_t first = T32(t, 12), n = T32(t, 16);
        return cp >= first && cp - first < n ? T16(t, 20 + 2 * (size_t)(cp - first)) : 0;
    }
    case 12: return groups(t, cp, 0);
    case 13: return groups(t, cp, 1);
    default: return 0;
    }
}

uint32_t bc_sfnt_glyph(const bc_sfnt *s, uint32_t cp)
{
    uint32_t g = lookup(s, cp);
    /* Symbol fonts map their characters into U+F000..U+F0FF; HarfBuzz tries there too. */
    if (!g && (s->cmap_format & 0x10000) && cp <= 0xFF) g = lookup(s, 0xF000 + cp);
    return g;
}

/* OS/2 "has data" as HarfBuzz tests it. */
static int os2_present(bc_sfnt_table os2)
{
    return T16(os2, 4) || T16(os2, 6) || T16(os2, 64) || T16(os2, 66);
}

void bc_sfnt_extents(const bc_sfnt *s, int *ascender, int *descender)
{
    bc_sfnt_table os2 = bc_sfnt_get(s, BC_SFNT_TAG('O', 'S', '/', '2'));
    bc_sfnt_table hhea = bc_sfnt_get(s, BC_SFNT_TAG('h', 'h', 'e', 'a'));
    int a = 0, d = 0;
    if (os2.len >= 78 && os2_present(os2) && (T16(os2, 62) & 0x80)) { /* USE_TYPO_METRICS */
        a = s16(T16(os2, 68));
        d = s16(T16(os2, 70));
    } else if (T16(hhea, 0)) {
        a = s16(T16(hhea, 4));
        d = s16(T16(hhea, 6));
    } else {
        a = (int)s->upem * 4 / 5; /* HarfBuzz's fallback */
        d = a - (int)s->upem;
    }
    *ascender = a < 0 ? -a : a;
    *descender = d > 0 ? -d : d;
}

int bc_sfnt_cap_height(const bc_sfnt *s, int *cap)
{
    bc_sfnt_table os2 = bc_sfnt_get(s, BC_SFNT_TAG('O', 'S', '/', '2'));
    if (T16(os2, 0) < 2 || os2.len < 96) return 0;
    unsigned x_height = T16(os2, 86), cap_height = T16(os2, 88);
    if (!x_height && !cap_height) return 0;
    *cap = s16(cap_height);
    return 1;
}

/* The best record of name id: Windows English, then other Windows Unicode, then Unicode
   platform, then Mac Roman English (rank 3: the only one of single bytes); -1 when none. */
static int name_record(const bc_sfnt *s, bc_sfnt_table t, unsigned id, int *rank_out)
{
    (void)s;
    unsigned n = T16(t, 2);
    int best = -1, best_rank = 99;
    for (unsigned i = 0; i < n; i++) {
        size_t r = 6 + 12 * (size_t)i;
        if (r + 12 > t.len) break;
        if (T16(t, r + 6) != id) continue;
        unsigned plat = T16(t, r), enc = T16(t, r + 2), lang = T16(t, r + 4);
        int rank = plat == 3 && (enc == 1 || enc == 10) && lang == 0x409 ? 0
                   : plat == 3 && (enc == 1 || enc == 10)                ? 1
                   : plat == 0                                           ? 2
                   : plat == 1 && enc == 0 && lang == 0                  ? 3
                                                                         : 99;
        if (rank < best_rank) {
            best_rank = rank;
            best = (int)i;
        }
    }
    *rank_out = best_rank;
    return best;
}

int bc_sfnt_name(const bc_sfnt *s, unsigned id, char *buf, size_t size)
{
    bc_sfnt_table t = bc_sfnt_get(s, BC_SFNT_TAG('n', 'a', 'm', 'e'));
    int rank;
    int best = name_record(s, t, id, &rank);
    if (best < 0 || size == 0) return 0;
    size_t r = 6 + 12 * (size_t)best;
    size_t len = T16(t, r + 8), off = (size_t)T16(t, 4) + T16(t, r + 10);
    int wide = rank != 3; /* UTF-16BE except for Mac Roman */
    size_t k = 0;
    for (size_t i = 0; i + (wide ? 1 : 0) < len; i += wide ? 2 : 1) {
        unsigned c = wide ? T16(t, off + i) : (off + i < t.len ? t.p[off + i] : 0);
        if (c >= 0xD800 && c < 0xE000)
            c = '?'; /* surrogates: a family name never needs them */
        else if (c < 0x20 || c == 0x7F || (!wide && c >= 0x80))
            c = '?';
        char u[3];
        size_t ul = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (ul == 1)
            u[0] = (char)c;
        else if (ul == 2) {
            u[0] = (char)(0xC0 | c >> 6);
            u[1] = (char)(0x80 | (c & 63));
        } else {
            u[0] = (char)(0xE0 | c >> 12);
            u[1] = (char)(0x80 | (c >> 6 & 63));
            u[2] = (char)(0x80 | (c & 63));
        }
        if (k + ul >= size) break;
        memcpy(buf + k, u, ul);
        k += ul;
    }
    buf[k] = 0;
    return k > 0;
}

int bc_sfnt_family(const bc_sfnt *s, char *buf, size_t size)
{
    return bc_sfnt_name(s, 16, buf, size) || bc_sfnt_name(s, 1, buf, size);
}

void bc_sfnt_style(const bc_sfnt *s, int *weight, int *italic)
{
    bc_sfnt_table os2 = bc_sfnt_get(s, BC_SFNT_TAG('O', 'S', '/', '2'));
    bc_sfnt_table head = bc_sfnt_get(s, BC_SFNT_TAG('h', 'e', 'a', 'd'));
    unsigned mac = T16(head, 44), sel = T16(os2, 62), w = T16(os2, 4);
    if (os2.len < 64) w = 0, sel = 0;
    if (!w || w > 1000) w = 400;
    if (((sel & 0x20) || (mac & 1)) && w < 600) w = 700; /* flagged bold (Nastaliq Bold: 400) */
    *weight = (int)w;
    *italic = (sel & 0x201) || (mac & 2); /* ITALIC or OBLIQUE, or macStyle italic */
}

int bc_sfnt_psname(const bc_sfnt *s, char *buf, size_t size)
{
    if (!bc_sfnt_name(s, 6, buf, size)) return 0;
    for (char *p = buf; *p; p++)
        if (*p < 0x20 || *p >= 0x7F) *p = '-';
    return 1;
}

int bc_sfnt_glyph_box(const bc_sfnt *s, uint32_t g, int *ymin, int *ymax)
{
    bc_sfnt_table loca = s->loca, glyf = s->glyf; /* found when the font was opened */
    if (!loca.len || !glyf.len || g >= s->nglyphs) return 0;
    int longf = s->loca_long;
    size_t at = longf ? T32(loca, 4 * (size_t)g) : (size_t)T16(loca, 2 * (size_t)g) * 2;
    size_t next = longf ? T32(loca, 4 * (size_t)g + 4) : (size_t)T16(loca, 2 * (size_t)g + 2) * 2;
    if (next <= at || at >= glyf.len || glyf.len - at < 10) { /* an empty glyph: no ink */
        *ymin = *ymax = 0;
        return 1;
    }
    *ymin = s16(T16(glyf, at + 4));
    *ymax = s16(T16(glyf, at + 8));
    return 1;
}

void bc_sfnt_typo_extents(const bc_sfnt *s, int *ascender, int *descender)
{
    bc_sfnt_table os2 = bc_sfnt_get(s, BC_SFNT_TAG('O', 'S', '/', '2'));
    int a = os2.len >= 78 ? s16(T16(os2, 68)) : 0, d = os2.len >= 78 ? s16(T16(os2, 70)) : 0;
    if (a <= 0 || d > 0) bc_sfnt_extents(s, &a, &d);
    *ascender = a;
    *descender = d;
}
