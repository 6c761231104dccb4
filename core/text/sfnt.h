/*
** sfnt.h — a read-only view of a TrueType file: its table directory and the few tables layout
** needs (head, hhea, maxp, hmtx, cmap, OS/2, name, post).
**
** Layout reads metrics here rather than through HarfBuzz so that a build whose font subsets
** are already cached never loads HarfBuzz and its seven dependent libraries (about 1.6 ms of
** process start on the reference machine). The rules follow HarfBuzz 6 where fonts disagree
** with themselves (typo or hhea metrics, cmap subtable choice), so widths are unchanged.
**
** The view borrows the bytes; every read is bounds-checked and a table that points outside
** the file reads as zeros, so hostile files give odd metrics, never a bad read.
*/
#ifndef BC_SFNT_H
#define BC_SFNT_H

#include <stddef.h>
#include <stdint.h>

#define BC_SFNT_TAG(a, b, c, d) \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

typedef struct bc_sfnt_table {
    const unsigned char *p;
    size_t len;
} bc_sfnt_table;

typedef struct bc_sfnt {
    const unsigned char *data; /* the whole file (borrowed) */
    size_t len;
    size_t dir; /* offset of the table directory (of the first face in a .ttc) */
    unsigned ntables;
    unsigned upem;            /* units per em, 1000 when the head table has none */
    unsigned nglyphs;         /* maxp.numGlyphs */
    unsigned nlong;           /* hhea.numberOfHMetrics, bounded by the hmtx table */
    bc_sfnt_table hmtx, cmap; /* cmap: the chosen subtable, or empty */
    int cmap_format;
    bc_sfnt_table loca, glyf; /* found once: a line's height reads a box per glyph */
    int loca_long;            /* head.indexToLocFormat is 1: 32-bit offsets */
} bc_sfnt;

/* Reads the directory and the metric tables. Returns 0, or -1 when data is no sfnt file. */
int bc_sfnt_open(bc_sfnt *s, const unsigned char *data, size_t len);
/* The same for face number face of a collection (.ttc, .otc); face 0 of a single font. */
int bc_sfnt_open_face(bc_sfnt *s, const unsigned char *data, size_t len, unsigned face);
/* How many faces data holds: 1 for a single font, 0 when it is not a well-formed file. */
unsigned bc_sfnt_faces(const unsigned char *data, size_t len);

/* A table by tag; len 0 (and p NULL) when absent or outside the file. */
bc_sfnt_table bc_sfnt_get(const bc_sfnt *s, uint32_t tag);

/* The nominal glyph of code point cp, 0 when the font has none. */
uint32_t bc_sfnt_glyph(const bc_sfnt *s, uint32_t cp);
/* The advance width of glyph g in font units. */
unsigned bc_sfnt_advance(const bc_sfnt *s, uint32_t g);

/* Vertical metrics in font units, as HarfBuzz reports them: OS/2 typo metrics when the font
   asks for them (USE_TYPO_METRICS), else hhea's; ascender >= 0 >= descender. */
void bc_sfnt_extents(const bc_sfnt *s, int *ascender, int *descender);
/* OS/2 typo ascender and descender (the design's em box: Noto Sans CJK's ideographs), else
   bc_sfnt_extents. */
void bc_sfnt_typo_extents(const bc_sfnt *s, int *ascender, int *descender);
/* OS/2 sCapHeight; returns 0 when the font gives none. */
int bc_sfnt_cap_height(const bc_sfnt *s, int *cap);

/* The PostScript name (name id 6) as ASCII into buf; returns 0 when the font has none. */
int bc_sfnt_psname(const bc_sfnt *s, char *buf, size_t size);
/* Name id as UTF-8 into buf (controls and surrogates as '?'); 0 when the font has none. */
int bc_sfnt_name(const bc_sfnt *s, unsigned id, char *buf, size_t size);
/* The family name: the typographic family (name id 16), else the family (id 1). */
int bc_sfnt_family(const bc_sfnt *s, char *buf, size_t size);
/* The vertical bounds of glyph g's outline (TrueType 'glyf'), in font units; 0 when the
   font has no such table (CFF) or g is out of range. An empty glyph gives 0, 0. */
int bc_sfnt_glyph_box(const bc_sfnt *s, uint32_t g, int *ymin, int *ymax);
/* The style from OS/2 (weight class, italic or oblique) or head.macStyle. */
void bc_sfnt_style(const bc_sfnt *s, int *weight, int *italic);

#endif
