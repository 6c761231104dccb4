/*
** shape.c — HarfBuzz shaping through dlopen (see shape.h): script itemisation, one hb_shape per
** script run, glyphs in visual order, and the results remembered per process.
*/
#include "text/shape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "base/dl.h"
#include "base/utf8.h"
#include "text/font.h"
#include "text/kern.h"
#include "text/liga.h"
#include "text/sfnt.h"

#define HB_LIBRARY "libharfbuzz.so.0"

/* The entry points we use, with HarfBuzz's own prototypes. */
#define HB_FUNCS(X)                    \
    X(hb_blob_create)                  \
    X(hb_blob_destroy)                 \
    X(hb_face_create)                  \
    X(hb_face_destroy)                 \
    X(hb_face_get_upem)                \
    X(hb_font_create)                  \
    X(hb_font_destroy)                 \
    X(hb_buffer_create)                \
    X(hb_buffer_destroy)               \
    X(hb_buffer_allocation_successful) \
    X(hb_buffer_clear_contents)        \
    X(hb_buffer_add_utf8)              \
    X(hb_buffer_add_utf32)             \
    X(hb_buffer_set_direction)         \
    X(hb_buffer_set_script)            \
    X(hb_buffer_set_language)          \
    X(hb_buffer_get_glyph_infos)       \
    X(hb_buffer_get_glyph_positions)   \
    X(hb_language_from_string)         \
    X(hb_unicode_funcs_get_default)    \
    X(hb_unicode_script)               \
    X(hb_shape)

static struct {
    int tried;
    void *lib;
    char why[256];
#define X(name) __typeof__(&name) name;
    HB_FUNCS(X)
#undef X
} hb;

static int harfbuzz_only; /* bc_shape_harfbuzz_only */

static int hb_load(void)
{
    if (hb.tried) return hb.lib != NULL;
    hb.tried = 1;
    static const char *const names[] = {HB_FUNCS(BC_DL_NAME)};
#define HB_SLOT(name) BC_DL_SLOT(hb, name)
    void **const slots[] = {HB_FUNCS(HB_SLOT)};
#undef HB_SLOT
    hb.lib =
        bc_dl_open(HB_LIBRARY, names, slots, sizeof names / sizeof *names, hb.why, sizeof hb.why);
    return hb.lib != NULL;
}

/* {====================================================== which text needs shaping */

static int complex_cp(uint32_t cp)
{
    if (cp < 0x0300) return 0;
    if (cp < 0x0370) return 1;                  /* combining diacritical marks */
    if (cp < 0x0590) return 0;                  /* Greek, Cyrillic, Armenian */
    if (cp < 0x1000 + 0xA0) return 1;           /* Hebrew … Myanmar */
    if (cp >= 0x1780 && cp < 0x18B0) return 1;  /* Khmer, Mongolian */
    if (cp >= 0x1A00 && cp < 0x1C50) return 1;  /* Buginese … Lepcha */
    if (cp >= 0x1AB0 && cp < 0x1B00) return 1;  /* combining marks extended */
    if (cp >= 0x1DC0 && cp < 0x1E00) return 1;  /* combining marks supplement */
    if (cp >= 0x200C && cp <= 0x200F) return 1; /* joiners, direction marks */
    if (cp >= 0x202A && cp <= 0x202E) return 1;
    if (cp >= 0x2066 && cp <= 0x2069) return 1;
    if (cp >= 0x20D0 && cp < 0x2100) return 1;   /* combining marks for symbols */
    if (cp >= 0xA800 && cp < 0xAB00) return 1;   /* Syloti Nagri … Cham, Devanagari ext. */
    if (cp >= 0xABC0 && cp < 0xAC00) return 1;   /* Meetei Mayek */
    if (cp >= 0xFB1D && cp < 0xFE00) return 1;   /* Hebrew and Arabic presentation forms */
    if (cp >= 0xFE20 && cp < 0xFE30) return 1;   /* combining half marks */
    if (cp >= 0xFE70 && cp < 0xFF00) return 1;   /* Arabic presentation forms B */
    if (cp >= 0x10800 && cp < 0x11FFF) return 1; /* historic RTL and Brahmic scripts */
    if (cp >= 0x1E800 && cp < 0x1EFFF) return 1; /* Mende Kikakui, Adlam, Arabic math */
    return 0;
}

int bc_shape_needed(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        if ((unsigned char)*p < 0xCC) { /* below U+0300 */
            p++;
            continue;
        }
        if (complex_cp(bc_utf8_next(&p))) return 1;
    }
    return 0;
}

/* }====================================================== */

/* {====================================================== fonts and remembered results */

#define MAX_FONTS 32
#define MAX_RESULTS 8192 /* results remembered; all are forgotten when the table is full */
#define BUCKETS 16384

typedef struct sfont {
    const unsigned char *data;
    size_t len;
    unsigned index; /* the face in a collection */
    uint64_t key;
    hb_face_t *face;
    hb_font_t *font;
    double scale; /* 1000 / units per em */
} sfont;

/* One allocation each: the result, then its glyphs, its text and its language. */
typedef struct result {
    struct result *next; /* in its bucket */
    struct result *all;  /* every result, for forget_results */
    uint64_t h;
    const unsigned char *fdata;
    unsigned fface;
    uint64_t fkey;
    int rtl;
    char *lang; /* "" for none */
    char *text;
    size_t len;
    bc_glyph *g;
    int n;
    double width;
} result;

static sfont fonts[MAX_FONTS];
static int nfonts;
static result *bucket[BUCKETS];
static result *all_results; /* a walk of the buckets cost 130 K instructions per process */
static int nresults;
static hb_buffer_t *buf;

typedef struct gvec {
    bc_glyph *v;
    int n, cap;
} gvec;

static gvec scratch; /* the glyphs of the text being shaped, copied into its result */

static void forget_results(void)
{
    for (result *r = all_results, *next; r; r = next) {
        next = r->all;
        bucket[r->h % BUCKETS] = NULL;
        free(r);
    }
    all_results = NULL;
    nresults = 0;
}

static void lfonts_release(void);

void bc_shape_harfbuzz_only(int on)
{
    harfbuzz_only = on != 0;
    forget_results(); /* remembered results do not say which engine made them */
}

void bc_shape_release(void)
{
    forget_results();
    lfonts_release();
    for (int i = 0; i < nfonts; i++) {
        hb.hb_font_destroy(fonts[i].font);
        hb.hb_face_destroy(fonts[i].face);
    }
    nfonts = 0;
    if (buf) hb.hb_buffer_destroy(buf);
    buf = NULL;
    free(scratch.v);
    memset(&scratch, 0, sizeof scratch);
}

static sfont *font_of(const bc_shape_font *f)
{
    for (int i = 0; i < nfonts; i++)
        if (fonts[i].data == f->data && fonts[i].len == f->len && fonts[i].key == f->key &&
            fonts[i].index == f->face)
            return &fonts[i];
    if (f->len > 0x7FFFFFFF) return NULL;
    if (nfonts == MAX_FONTS) bc_shape_release(); /* many documents' fonts: start afresh */
    hb_blob_t *blob = hb.hb_blob_create((const char *)f->data, (unsigned)f->len,
                                        HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb.hb_face_create(blob, f->face);
    hb.hb_blob_destroy(blob); /* the face holds it */
    unsigned upem = hb.hb_face_get_upem(face);
    sfont *s = &fonts[nfonts++];
    s->data = f->data;
    s->len = f->len;
    s->index = f->face;
    s->key = f->key;
    s->face = face;
    s->font = hb.hb_font_create(face); /* scaled to units per em */
    s->scale = 1000.0 / (upem ? upem : 1000);
    return s;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) h = (h ^ c[i]) * 1099511628211ULL;
    return h;
}

/* fnv's mixing eight bytes a step, for the text (every text op is looked up in the PDF). */
static uint64_t hash_text(uint64_t h, const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        h = (h ^ w) * 1099511628211ULL;
        h ^= h >> 29;
    }
    return fnv(h ^ n, s + i, n - i);
}

/* }====================================================== */

/* {====================================================== Latin without HarfBuzz */

/*
** Text that needs no shaping (bc_shape_needed) set left to right in a font whose standard
** ligatures are plain substitutions (liga.h) is set here, as HarfBuzz sets it: the cmap's
** glyphs, the ligatures, then each glyph's advance plus GPOS pair kerning with the next (the
** plain path's kerning, kern.h). So a Latin brief gets its ligatures without loading HarfBuzz
** and the libraries it brings; unit_shape checks the result against HarfBuzz's glyph for
** glyph. Languages whose OpenType tag the font gives features of their own, and languages
** not in the table below, go to HarfBuzz.
*/

#define MAX_LFONTS 32

typedef struct lfont {
    const unsigned char *data;
    size_t len;
    unsigned index;
    uint64_t key;
    bc_sfnt sf;
    int ok; /* the face opened */
    int kern_read;
    bc_kern *kern; /* NULL: no pair kerning (read on first need) */
    bc_liga *liga;
    double scale;             /* 1000 / units per em */
    int nliga;                /* ligatures of liga */
    unsigned char state[256]; /* each byte: 0 ASCII not read yet (ascii_read), NONE, FIRST
                                 when its glyph may start a ligature, ODD when it would but is
                                 a space or control, WIDE for bytes of other characters */
    unsigned char *pair[128]; /* ASCII c then d: pair[c][d] 0 unknown, 1 no ligature starts
                                 there, 2 one does (rows made for characters marked FIRST) */
    uint16_t ascii[128];      /* ASCII: its glyph */
    uint32_t *kmemo; /* pair kerning asked for so far: (g1 << 16 | g2) + 1, value (KMEMO) */
    int32_t *kval;
} lfont;

/* pairs remembered per font (ligatures and non-ASCII: font.h has the others); a full
   table is cleared */
#define KMEMO 1024

#define NONE 1
#define FIRST 2
#define ODD 3
#define WIDE 4

static lfont lfonts[MAX_LFONTS];
static int nlfonts;
static lfont *last_lf; /* words come in runs of one font: the last one found is tried first */

static void lfonts_release(void)
{
    last_lf = NULL;
    for (int i = 0; i < nlfonts; i++) {
        for (int c = 0; c < 128; c++) free(lfonts[i].pair[c]);
        bc_kern_free(lfonts[i].kern);
        bc_liga_free(lfonts[i].liga);
        free(lfonts[i].kmemo);
        free(lfonts[i].kval);
    }
    nlfonts = 0;
}

/* lfont_of past the last font asked for: found in the table or made. */
__attribute__((noinline)) static lfont *lfont_find(const bc_shape_font *f)
{
    lfont *l;
    for (int i = 0; i < nlfonts; i++)
        if (lfonts[i].data == f->data && lfonts[i].len == f->len && lfonts[i].key == f->key &&
            lfonts[i].index == f->face)
            return last_lf = &lfonts[i];
    if (nlfonts == MAX_LFONTS) lfonts_release();
    l = last_lf = &lfonts[nlfonts++];
    memset(l, 0, sizeof *l);
    l->data = f->data;
    l->len = f->len;
    l->index = f->face;
    l->key = f->key;
    l->ok = bc_sfnt_open_face(&l->sf, f->data, f->len, f->face) == 0;
    bc_sfnt_table gsub = {0};
    if (l->ok) gsub = bc_sfnt_get(&l->sf, BC_SFNT_TAG('G', 'S', 'U', 'B'));
    l->liga = bc_liga_new(gsub.p, gsub.len);
    l->nliga = bc_liga_count(l->liga);
    memset(l->state + 0x80, WIDE, 0x80);
    l->scale = 1000.0 / (l->sf.upem ? l->sf.upem : 1000);
    return l;
}

/* The tables of font f (bc_shape_ligates asks for every word: the last font first, inline). */
static inline lfont *lfont_of(const bc_shape_font *f)
{
    lfont *l = last_lf;
    if (l && l->data == f->data && l->len == f->len && l->key == f->key && l->index == f->face)
        return l;
    return lfont_find(f);
}

/* ASCII character c's entries of l's tables, read from the cmap on its first use (a
   document uses about half of ASCII). */
static void ascii_read(lfont *l, unsigned c)
{
    bc_font *bf = bc_font_of_data(l->data, l->len, l->index); /* its cmap read already */
    uint32_t g = !l->ok ? 0 : bf ? bc_font_glyph(bf, c) : bc_sfnt_glyph(&l->sf, c);
    l->ascii[c] = (uint16_t)(g <= 0xFFFF ? g : 0);
    l->state[c] = !l->ok || !bc_liga_first(l->liga, g) ? NONE : c > 0x20 ? FIRST : ODD;
}

static uint16_t ascii_glyph(lfont *l, unsigned c)
{
    if (!l->state[c]) ascii_read(l, c);
    return l->ascii[c];
}

/* The OpenType language tag of a BCP 47 tag's language, for the languages briefs are written
   in; 0 for none ("" or NULL), 1 for one not in the table. */
static uint32_t ot_language(const char *lang)
{
    static const struct {
        char bcp[4];
        char ot[5];
    } tags[] = {
        {"en", "ENG "}, {"fr", "FRA "}, {"de", "DEU "}, {"es", "ESP "}, {"it", "ITA "},
        {"pt", "PTG "}, {"nl", "NLD "}, {"ur", "URD "}, {"hi", "HIN "}, {"ar", "ARA "},
        {"ps", "PAS "}, {"fa", "FAR "}, {"pl", "PLK "}, {"sv", "SVE "}, {"da", "DAN "},
        {"nb", "NOR "}, {"no", "NOR "}, {"fi", "FIN "}, {"cs", "CSY "}, {"ja", "JAN "},
        {"ca", "CAT "}, {"tr", "TRK "}, {"az", "AZE "}, {"ro", "ROM "},
    };
    if (!lang || !lang[0]) return 0;
    char p[4];
    size_t n = 0;
    while (lang[n] && lang[n] != '-' && lang[n] != '_' && n < 3) {
        p[n] = (char)(lang[n] >= 'A' && lang[n] <= 'Z' ? lang[n] + 32 : lang[n]);
        n++;
    }
    if (lang[n] && lang[n] != '-' && lang[n] != '_') return 1;
    p[n] = 0;
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!strcmp(p, tags[i].bcp))
            return BC_SFNT_TAG(tags[i].ot[0], tags[i].ot[1], tags[i].ot[2], tags[i].ot[3]);
    return 1;
}

/* Whether text in lf and language lang is set here rather than by HarfBuzz. */
static int lite_ok(lfont *lf, const char *text, size_t len, int rtl, const char *lang)
{
    if (rtl || !lf->ok || harfbuzz_only) return 0;
    uint32_t tag = ot_language(lang);
    if (tag == 1 || !bc_liga_simple_for(lf->liga, tag)) return 0;
    return !bc_shape_needed(text, len);
}

static int shape_lite(lfont *lf, const char *text, size_t len, gvec *out);

/* bc_shape_ligates the long way: every glyph of the text, then every adjacent pair. */
__attribute__((noinline)) static int ligates_glyphs(lfont *lf, const char *text, size_t len)
{
    const char *p, *end = text + len;
    uint32_t g[64];
    int n = 0, found = 0;
    for (p = text; p < end && !found;) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) { /* the table lfont_of read: no cmap search per letter */
            g[n++] = ascii_glyph(lf, c);
            p++;
        } else {
            g[n++] = bc_sfnt_glyph(&lf->sf, bc_utf8_next(&p));
        }
        if (n == 64) { /* a long word: in windows that overlap by one glyph */
            found = bc_liga_may_join(lf->liga, g, n);
            g[0] = g[63];
            n = 1;
        }
    }
    return found || bc_liga_may_join(lf->liga, g, n);
}

/* Whether a ligature starts at ASCII c then d (c marked FIRST), asked once per pair. */
static int pair_joins(lfont *lf, unsigned c, unsigned d)
{
    unsigned char *row = lf->pair[c];
    if (!row) row = lf->pair[c] = bc_xcalloc(128, 1);
    if (!row[d]) {
        uint32_t g[2] = {ascii_glyph(lf, c), ascii_glyph(lf, d)};
        row[d] = bc_liga_may_join(lf->liga, g, 2) ? 2 : 1;
    }
    return row[d] == 2;
}

/*
** Ligatures start at two adjacent glyphs (bc_liga_may_join looks at pairs), so ASCII text is
** answered pair by pair from tables: most words hold no character that may start one. Text
** with other characters, or with a space or control whose glyph starts one, goes the long way.
*/
int bc_shape_ligates(const bc_shape_font *f, const char *text, size_t len)
{
    lfont *lf = lfont_of(f);
    if (!lf->nliga || len < 2) return 0;
    const unsigned char *p = (const unsigned char *)text, *last = p + len - 1;
    for (; p < last; p++) {
        unsigned st = lf->state[*p];
        if (st == NONE) continue;
        if (!st) {
            ascii_read(lf, *p);
            if ((st = lf->state[*p]) == NONE) continue;
        }
        if (st != FIRST || p[1] >= 0x80) return ligates_glyphs(lf, text, len);
        if (pair_joins(lf, *p, p[1])) return 1;
    }
    return 0;
}

/* }====================================================== */

/* {====================================================== shaping */

static bc_glyph *gvec_add(gvec *g, int n)
{
    if (g->n + n > g->cap) {
        while (g->n + n > g->cap) g->cap = (int)bc_grow_cap((size_t)g->cap, 64, sizeof *g->v);
        g->v = bc_xrealloc(g->v, (size_t)g->cap * sizeof *g->v);
    }
    g->n += n;
    return g->v + g->n - n;
}

/* The pair kerning of g1 then g2 in font units, remembered: a GPOS walk per pair cost more
   than the rest of setting a line. */
static int kern_of(lfont *lf, uint32_t g1, uint32_t g2)
{
    if (!lf->kern_read) {
        lf->kern_read = 1;
        bc_sfnt_table gpos = bc_sfnt_get(&lf->sf, BC_SFNT_TAG('G', 'P', 'O', 'S'));
        lf->kern = bc_kern_new(gpos.p, gpos.len);
    }
    if (!lf->kern || !g1 || !g2) return 0;
    if (g1 > 0xFFFF || g2 > 0xFFFF) return bc_kern_pair(lf->kern, g1, g2);
    if (!lf->kmemo) {
        lf->kmemo = bc_xcalloc(KMEMO, sizeof *lf->kmemo);
        lf->kval = bc_xmalloc(KMEMO * sizeof *lf->kval);
    }
    uint32_t key = (g1 << 16 | g2) + 1, h = (key * 2654435761u) >> 22, probes = 0;
    while (lf->kmemo[h] && lf->kmemo[h] != key) {
        h = (h + 1) & (KMEMO - 1);
        if (++probes == 64) { /* full enough: start again */
            memset(lf->kmemo, 0, KMEMO * sizeof *lf->kmemo);
            h = (key * 2654435761u) >> 22;
            break;
        }
    }
    if (lf->kmemo[h] != key) {
        int v = bc_kern_pair(lf->kern, g1, g2);
        lf->kmemo[h] = key;
        lf->kval[h] = v;
        return v;
    }
    return lf->kval[h];
}

/* Text lite_ok accepted, set as HarfBuzz sets it (see above), appended to out. */
static int shape_lite(lfont *lf, const char *text, size_t len, gvec *out)
{
    int n = 0;
    for (const char *p = text, *end = text + len; p < end; n++) bc_utf8_next(&p);
    uint32_t *g = bc_xmalloc((size_t)(n ? n : 1) * 2 * sizeof *g), *cl = g + n;
    int k = 0;
    for (const char *p = text, *end = text + len; p < end; k++) {
        cl[k] = (uint32_t)(p - text);
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) p++;
        g[k] = c < 0x80 ? ascii_glyph(lf, c) : bc_sfnt_glyph(&lf->sf, bc_utf8_next(&p));
    }
    n = bc_liga_apply(lf->liga, g, cl, n);
    /* pairs of ASCII characters' own glyphs: from the font's table (font.h), which the cache
       keeps; ligatures and other characters: from GPOS here */
    bc_font *bf = bc_font_of_data(lf->data, lf->len, lf->index);
    bc_glyph *o = gvec_add(out, n);
    for (int i = 0; i < n; i++) {
        double adv = bc_sfnt_advance(&lf->sf, g[i]);
        if (i + 1 < n) {
            unsigned a = (unsigned char)text[cl[i]], b = (unsigned char)text[cl[i + 1]];
            if (bf && a < 0x80 && b < 0x80 && g[i] == lf->ascii[a] && g[i + 1] == lf->ascii[b])
                adv += bc_font_kern_units(bf, a, b);
            else
                adv += kern_of(lf, g[i], g[i + 1]);
        }
        o[i].gid = g[i];
        o[i].cluster = cl[i];
        o[i].adv = (float)(adv * lf->scale);
        o[i].dx = o[i].dy = 0;
    }
    free(g);
    return 1;
}

/* Shapes [off, off + n) of text, with the rest as context, appending to out. */
static int shape_run(sfont *s, const char *text, size_t len, size_t off, size_t n,
                     hb_script_t script, int rtl, hb_language_t lang, gvec *out)
{
    hb.hb_buffer_clear_contents(buf);
    hb.hb_buffer_add_utf8(buf, text, (int)len, (unsigned)off, (int)n);
    hb.hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb.hb_buffer_set_script(buf, script);
    if (lang) hb.hb_buffer_set_language(buf, lang);
    hb.hb_shape(s->font, buf, NULL, 0);
    if (!hb.hb_buffer_allocation_successful(buf)) return 0;
    unsigned cnt = 0;
    hb_glyph_info_t *gi = hb.hb_buffer_get_glyph_infos(buf, &cnt);
    hb_glyph_position_t *gp = hb.hb_buffer_get_glyph_positions(buf, &cnt);
    bc_glyph *g = gvec_add(out, (int)cnt);
    for (unsigned i = 0; i < cnt; i++) {
        g[i].gid = gi[i].codepoint;
        g[i].cluster = gi[i].cluster;
        g[i].adv = (float)(gp[i].x_advance * s->scale);
        g[i].dx = (float)(gp[i].x_offset * s->scale);
        g[i].dy = (float)(gp[i].y_offset * s->scale);
    }
    return 1;
}

static int real_script(hb_script_t sc)
{
    return sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED && sc != HB_SCRIPT_UNKNOWN;
}

/* Script runs of text, shaped in logical order and laid out in visual order into out. */
static int shape_text(sfont *s, const char *text, size_t len, int rtl, hb_language_t lang,
                      gvec *out)
{
    hb_unicode_funcs_t *uf = hb.hb_unicode_funcs_get_default();
    size_t starts[64], ends[64];
    hb_script_t scripts[64];
    int nr = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *q = p;
        hb_script_t sc = hb.hb_unicode_script(uf, bc_utf8_next(&q));
        if (nr == 0) {
            starts[0] = 0;
            scripts[0] = sc;
            nr = 1;
        } else if (real_script(sc) && sc != scripts[nr - 1]) {
            if (!real_script(scripts[nr - 1])) {
                scripts[nr - 1] = sc; /* common characters before the first letter join it */
            } else if (nr < 64) {
                ends[nr - 1] = (size_t)(p - text);
                starts[nr] = (size_t)(p - text);
                scripts[nr] = sc;
                nr++;
            } /* past 64 runs the rest is shaped with the last one's script */
        }
        p = q;
    }
    if (nr == 0) return 1;
    ends[nr - 1] = len;
    for (int k = 0; k < nr; k++) {
        int i = rtl ? nr - 1 - k : k;
        hb_script_t sc = real_script(scripts[i]) ? scripts[i] : HB_SCRIPT_LATIN;
        if (!shape_run(s, text, len, starts[i], ends[i] - starts[i], sc, rtl, lang, out)) return 0;
    }
    return 1;
}

bc_status bc_shape(const bc_shape_font *f, const char *text, size_t len, int rtl, const char *lang,
                   bc_shaped *out, bc_error *err)
{
    out->g = NULL;
    out->n = 0;
    out->width = 0;
    if (len > 0x7FFFFFFF) return bc_error_set(err, NULL, 0, "cannot shape text: too long");
    if (!lang) lang = "";
    rtl = rtl != 0;
    uint64_t h = hash_text(fnv(fnv(fnv(f->key * 1099511628211ULL ^ (uint64_t)(uintptr_t)f->data,
                                       &f->face, sizeof f->face),
                                   &rtl, sizeof rtl),
                               lang, strlen(lang) + 1),
                           text, len);
    result **slot = &bucket[h % BUCKETS];
    for (result *r = *slot; r; r = r->next)
        if (r->h == h && r->fdata == f->data && r->fface == f->face && r->fkey == f->key &&
            r->rtl == rtl && r->len == len && !memcmp(r->text, text, len) &&
            !strcmp(r->lang, lang)) {
            out->g = r->g;
            out->n = r->n;
            out->width = r->width;
            return BC_OK;
        }
    gvec g = scratch; /* reused: a result is copied out of it */
    g.n = 0;
    lfont *lf = lfont_of(f);
    if (lite_ok(lf, text, len, rtl, lang)) {
        shape_lite(lf, text, len, &g);
    } else {
        if (!hb_load())
            return bc_error_set(err, NULL, 0, "cannot shape text: %s (install libharfbuzz0b)",
                                hb.why);
        sfont *s = font_of(f);
        if (!s) return bc_error_set(err, NULL, 0, "cannot shape text: font too large");
        if (!buf) buf = hb.hb_buffer_create();
        hb_language_t hl = lang[0] ? hb.hb_language_from_string(lang, -1) : NULL;
        if (!shape_text(s, text, len, rtl, hl, &g)) {
            scratch = g;
            return bc_error_set(err, NULL, 0, "cannot shape text (out of memory)");
        }
    }
    if (nresults >= MAX_RESULTS) {
        forget_results();
        slot = &bucket[h % BUCKETS];
    }
    size_t llen = strlen(lang) + 1, gbytes = (size_t)g.n * sizeof *g.v;
    result *r = bc_xmalloc(sizeof *r + gbytes + len + llen); /* glyphs first: aligned */
    memset(r, 0, sizeof *r);
    r->g = (bc_glyph *)(void *)(r + 1);
    r->text = (char *)r->g + gbytes;
    r->lang = r->text + len;
    r->h = h;
    r->fdata = f->data;
    r->fface = f->face;
    r->fkey = f->key;
    r->rtl = rtl;
    memcpy(r->lang, lang, llen);
    if (len) memcpy(r->text, text, len);
    r->len = len;
    if (gbytes) memcpy(r->g, g.v, gbytes);
    r->n = g.n;
    scratch = g;
    for (int i = 0; i < g.n; i++) r->width += r->g[i].adv;
    r->next = *slot;
    *slot = r;
    r->all = all_results;
    all_results = r;
    nresults++;
    out->g = r->g;
    out->n = r->n;
    out->width = r->width;
    return BC_OK;
}

/* }====================================================== */

/* {====================================================== half-width punctuation */

int bc_shape_halt(const bc_shape_font *f, uint32_t cp, double *left, double *right)
{
    *left = *right = 0;
    if (!hb_load()) return 0;
    sfont *s = font_of(f);
    if (!s) return 0;
    if (!buf) buf = hb.hb_buffer_create();
    double adv[2], dx = 0;
    for (int k = 0; k < 2; k++) { /* without, then with 'halt' */
        hb_feature_t halt = {HB_TAG('h', 'a', 'l', 't'), 1, 0, (unsigned)-1};
        hb.hb_buffer_clear_contents(buf);
        hb.hb_buffer_add_utf32(buf, &cp, 1, 0, 1);
        hb.hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
        hb.hb_buffer_set_script(buf, HB_SCRIPT_HAN);
        hb.hb_shape(s->font, buf, k ? &halt : NULL, k ? 1 : 0);
        unsigned cnt = 0;
        hb_glyph_position_t *gp = hb.hb_buffer_get_glyph_positions(buf, &cnt);
        if (!hb.hb_buffer_allocation_successful(buf) || cnt != 1) return 0;
        adv[k] = gp[0].x_advance * s->scale;
        if (k) dx = gp[0].x_offset * s->scale;
    }
    double cut = adv[0] - adv[1];
    if (cut <= 0 || cut >= adv[0] || -dx < 0 || -dx > cut) return 0;
    *left = -dx;
    *right = cut + dx;
    return 1;
}

/* }====================================================== */
