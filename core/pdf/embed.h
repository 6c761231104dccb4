/*
** embed.h — embedding a font subset in a libharu document as our own PDF objects.
**
** libharu 2.3's UTF-8 TrueType path walks all 65,536 code points per font, writes a 128 KB
** CIDToGIDMap and an invalid ToUnicode map, and turns characters above U+FFFF into spaces.
** briefc builds the font objects itself through libharu's object API instead: a Type0 font
** with Identity-H encoding (character code = glyph id in the font subset), a
** CIDFontType2 with /CIDToGIDMap /Identity and a width array for the glyphs used, a
** FontDescriptor with the subset as FontFile2, and a ToUnicode map from glyph ids to UTF-16.
** Text is then written as glyph ids by pdf.c. A font with CFF outlines (.otf, and the faces of
** a .ttc such as Noto Sans CJK) becomes a CIDFontType0 whose FontFile3 (/CIDFontType0C) is the
** subset's bare CFF table; its codes are the CIDs of that table (font.h, cff.h).
*/
#ifndef BC_EMBED_H
#define BC_EMBED_H

#include <hpdf.h>

#include "text/font.h"

/*
** The subset of f for the code points the document used, deflated and ready to embed: from
** this process's recent subsets (a batch worker's rows mostly use the same characters), else
** the on-disk cache (cache.h), else made by HarfBuzz and deflated, then kept in both. The
** result is the same bytes whichever way it came. Free it with bc_subset_free.
*/
bc_status bc_embed_subset(bc_font *f, bc_subset *out, bc_error *err);

/* Whether bc_embed_subset may use the on-disk cache (on by default; batch workers, whose rows
   would each add an entry, turn it off). */
void bc_embed_disk_cache(int on);

/* Releases the recent subsets kept by bc_embed_subset (at exit, for leak checkers). */
void bc_embed_release(void);

/* Builds the objects for one subset; index makes the subset tag (BCAAAA+, BCAAAB+ …), so
   output stays byte-identical for identical input. Returns the Type0 font dict or NULL. */
HPDF_Dict bc_embed_font(HPDF_Doc pdf, const bc_font *f, const bc_subset *sub, int index);

/* A stream object holding data deflated by briefc (zlib at BC_DEFLATE_SMALL), marked
   /FlateDecode, which libharu writes as it is. Much cheaper than libharu's own deflate path,
   which copies byte by byte. Returns NULL on failure. */
HPDF_Dict bc_embed_stream(HPDF_Doc pdf, const void *data, size_t len);

/* Marks a stream dict whose data briefc deflated itself: libharu writes it as it is, with
   /Filter /FlateDecode. */
void bc_embed_mark_deflated(HPDF_Dict stream_dict);

/* zlib levels. Page content is made on every build and dominates deflate time: the fastest
   level costs 0.3 ms less on the sample brief than level 4 for 1.6 KB. Font subsets and
   their ToUnicode maps are deflated once and cached (cache.h), so they get the smallest. */
#define BC_DEFLATE_FAST 1
#define BC_DEFLATE_SMALL 9

/* Deflates data into out (replacing its contents) at level. Returns 0 on failure. The
   compressor's state is kept per thread between calls; bc_deflate_end releases it. */
int bc_deflate(const void *data, size_t len, int level, bc_buf *out);
void bc_deflate_end(void);

/* The UTF-16BE hex form of UTF-8 text s[0, len) (whole characters, surrogate pairs beyond the
   BMP), appended to out: a bfchar destination or an /ActualText string's body. */
void bc_embed_utf16_hex(bc_buf *out, const char *s, size_t len);

#endif
