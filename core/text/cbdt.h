/*
** cbdt.h — colour bitmap glyphs (OpenType CBLC/CBDT, the tables of Noto Color Emoji): the PNG
** of a glyph in the strike nearest the size wanted, with its metrics.
**
** CBLC lists strikes (bitmap sizes in pixels per em), each with index subtables that say where
** each glyph's image lies in CBDT; CBDT holds the images. Read here: index subtable formats
** 1, 2 and 3 (4 and 5 are refused as "no glyph") and image formats 17, 18 and 19 (PNG with
** small, big or index metrics); any other is "no glyph". The view borrows the bytes and every
** offset and length is checked against its table before it is read: a hostile font gives
** "no glyph" or an error, never a read outside the file.
*/
#ifndef BC_CBDT_H
#define BC_CBDT_H

#include <stddef.h>
#include <stdint.h>

#include "text/sfnt.h"

/* One glyph's image: PNG bytes (borrowed from the font) and its metrics in pixels of the
   strike (ppem pixels per em; bearing_y is the top of the image above the baseline). */
typedef struct bc_cbdt_glyph {
    const unsigned char *png;
    size_t len;
    int width, height;
    int bearing_x, bearing_y;
    int advance;
    int ppem;
} bc_cbdt_glyph;

/* Whether font s has colour bitmaps: a CBLC of version 2 or 3 with at least one strike and a
   CBDT. */
int bc_cbdt_present(const bc_sfnt *s);

/* The strike nearest ppem (the smallest at least ppem, else the largest); fills out with
   glyph gid's image there. Returns 1 found, 0 when the font has no such image (or a table is
   damaged, in which case *why says what, when why is not NULL). */
int bc_cbdt_glyph_image(const bc_sfnt *s, uint32_t gid, int ppem, bc_cbdt_glyph *out,
                        const char **why);

#endif
