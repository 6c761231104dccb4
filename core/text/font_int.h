/*
** font_int.h — the inside of a bc_font (font.h), shared by font.c (metrics, usage, subsets)
** and fontkern.c (pair kerning and its on-disk table). Only text/ includes it.
*/
#ifndef BC_FONT_INT_H
#define BC_FONT_INT_H

#include <stdint.h>

#include "base/cache.h"
#include "text/font.h"
#include "text/kern.h"
#include "text/sfnt.h"

#define CACHE_LIMIT 0x2200 /* Latin, Greek, Cyrillic, punctuation, currency: cached widths */
#define BLOCK 256          /* code points per cache block, allocated when first used */

/* Pair kerning of the characters text is mostly made of, by slot (fontkern.c): a row per
   first character, made on first write (INT16_MIN: unknown), else the mapped entry's row. */
#define BC_KT 256
typedef struct bc_kern_table {
    int16_t *own[BC_KT];       /* rows this process wrote to */
    const uint16_t *idx;       /* the mapped entry's row of each slot (0xFFFF: none), or NULL */
    const int16_t *rows;       /* … and its rows */
    const int16_t *row[BC_KT]; /* each slot's row now: own, else mapped, else NULL */
} bc_kern_table;

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
    int kern_ready;       /* bc_fontkern_init has run */
    int has_kern;         /* the font kerns */
    bc_kern *kern;        /* pair kerning read from GPOS, once a pair needs it */
    int gpos_read;        /* kern has been looked for */
    bc_kern_table kt[2];  /* pairs of common characters: 1/1000 em, rounded; font units */
    int kern_dirty;       /* kt knows pairs the cache entry does not */
    bc_cached kern_map;   /* the cache entry kt's idx and rows point into */
    uint64_t *glyph_bits; /* glyphs used by shaped text (65,536 bits), then which of them
                                   have their text (65,536 more), made on first use */
    bc_glyph_use *glyphs; /* … and their cluster texts, in the order first used */
    int nglyphs_used, cap_glyphs;
    int glyphs_sorted;
    int *vh;              /* the entries of glyphs with a text, hashed by glyph and text
                                   (an index, -1 empty): a glyph's other texts are variants */
    int vcap, vn, vstale; /* vstale: glyphs moved or changed, rebuild before use */
};

/* fontkern.c: the pairs learned written to the cache and everything freed (bc_font_free). */
void bc_fontkern_release(bc_font *f);

#endif
