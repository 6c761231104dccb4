/*
** shape.h — HarfBuzz shaping of one run of text in one font: glyph ids, advances and offsets,
** each glyph tied to the byte where its cluster starts in the text.
**
** Pipeline position: layout (layout/inline.c) measures runs that need shaping with it, and the
** PDF back end (pdf/pdf.c) draws the same glyphs; both ask with the same font, text, direction
** and language, so what is drawn is what was measured. Results are remembered per process, so
** the second ask costs a hash lookup.
**
** HarfBuzz is opened with dlopen (libharfbuzz.so.0) the first time a run needs it. Latin text
** never does: most words are set by the font's cmap and GPOS kerning (bc_shape_needed), and a
** word with a ligature (bc_shape_ligates) is shaped here without HarfBuzz when the font's
** ligatures are plain substitutions (liga.h), glyph for glyph as HarfBuzz would. So a Latin
** brief never loads HarfBuzz and the libraries it brings.
*/
#ifndef BC_SHAPE_H
#define BC_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

typedef struct bc_glyph {
    uint32_t gid;     /* glyph id in the font */
    uint32_t cluster; /* byte offset in the text of the first character of its cluster */
    float adv;        /* advance, 1/1000 em */
    float dx, dy;     /* offset of the glyph from the pen, 1/1000 em (dy upwards) */
} bc_glyph;

typedef struct bc_shaped {
    const bc_glyph *g; /* n glyphs in visual order, left to right; owned by the shaper */
    int n;
    double width; /* sum of advances, 1/1000 em */
} bc_shaped;

/* The font a run is shaped in: its bytes (mapped by the caller for as long as it shapes with
   it, font.h's bc_font_data), the face index in a collection (bc_font_face) and its identity
   (font.h's file key), which key the remembered results. */
typedef struct bc_shape_font {
    const unsigned char *data;
    size_t len;
    unsigned face;
    uint64_t key;
} bc_shape_font;

/* Whether text needs shaping: it holds a character of a script whose letters join, reorder or
   stack (Arabic, Hebrew, Syriac, Thaana, N'Ko, the Indic scripts, Thai, Lao, Tibetan, Myanmar,
   Khmer, Mongolian, …), a combining mark, or a joiner. Plain Latin, Greek and Cyrillic do not. */
int bc_shape_needed(const char *s, size_t len);

/* Whether text that needs no shaping holds two characters the font's standard ligatures join
   (its GSUB 'liga' and 'clig' for Latin, liga.h: "fi", "ffl"), read once per font without
   HarfBuzz. Layout shapes such a word (left to right) and sets every other one by the cmap. */
int bc_shape_ligates(const bc_shape_font *f, const char *text, size_t len);

/*
** Shapes text (valid UTF-8) in font f: split into runs of one script (common characters such as
** digits and punctuation join the run they sit in), each shaped with its script, direction rtl
** (0 left to right, 1 right to left) and language lang (BCP 47, NULL or "" for none). The
** glyphs of the whole text come back in visual order. *out points into the shaper's memory and
** stays valid until the next call. On failure (HarfBuzz missing, a font it refuses) err says
** why.
*/
bc_status bc_shape(const bc_shape_font *f, const char *text, size_t len, int rtl, const char *lang,
                   bc_shaped *out, bc_error *err);

/* The blank the font's 'halt' feature (alternate half widths) takes off the full-width
   character cp: *left and *right in 1/1000 em (an opening bracket: 500 and 0). Returns 0
   when HarfBuzz is missing or the font has no 'halt' for it (layout/cjkpunct.c then goes by
   the character's class). */
int bc_shape_halt(const bc_shape_font *f, uint32_t cp, double *left, double *right);

/* For tests: every run shaped by HarfBuzz (1), or Latin with ligatures without it as usual (0).
   Forgets the results remembered so far. */
void bc_shape_harfbuzz_only(int on);

/* Releases the shaper's fonts and remembered results (at exit, for leak checkers). */
void bc_shape_release(void);

#endif
