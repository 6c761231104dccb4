/*
** embed.h — embedding a font subset in a libharu document as our own PDF objects.
**
** libharu 2.3's UTF-8 TrueType path walks all 65,536 code points per font, writes a 128 KB
** CIDToGIDMap and an invalid ToUnicode map, and turns characters above U+FFFF into spaces.
** briefc builds the font objects itself through libharu's object API instead: a Type0 font
** with Identity-H encoding (character code = glyph id of the HarfBuzz subset), a
** CIDFontType2 with /CIDToGIDMap /Identity and a width array for the glyphs used, a
** FontDescriptor with the subset as FontFile2, and a ToUnicode map from glyph ids to UTF-16.
** Text is then written as glyph ids by pdf.c.
*/
#ifndef BC_EMBED_H
#define BC_EMBED_H

#include <hpdf.h>

#include "font.h"

/* Builds the objects for one subset; index makes the subset tag (BCAAAA+, BCAAAB+ …), so
   output stays byte-identical for identical input. Returns the Type0 font dict or NULL. */
HPDF_Dict bc_embed_font(HPDF_Doc pdf, const bc_font *f, const bc_subset *sub, int index);

/* A stream object holding data deflated by briefc (zlib at BC_DEFLATE_LEVEL), marked
   /FlateDecode, which libharu writes as it is. Much cheaper than libharu's own deflate path,
   which copies byte by byte. Returns NULL on failure. */
HPDF_Dict bc_embed_stream(HPDF_Doc pdf, const void *data, size_t len);

/* Marks a stream dict whose data briefc deflated itself: libharu writes it as it is, with
   /Filter /FlateDecode. */
void bc_embed_mark_deflated(HPDF_Dict stream_dict);

/* Deflates data into out (replacing its contents). Returns 0 on failure. The compressor's
   state is kept per thread between calls; bc_deflate_end releases it. */
int bc_deflate(const void *data, size_t len, bc_buf *out);
void bc_deflate_end(void);

#endif
