/*
** hbsubset.h — HarfBuzz's subsetter, loaded with dlopen the first time a font subset is needed.
**
** Only a cold build needs it: subsets are cached on disk (cache.h), and layout reads metrics
** itself (sfnt.h). Linking HarfBuzz would load it and glib, freetype, graphite2, png, brotli
** and pcre2 into every run, about 1.6 ms of process start before main on the reference machine.
*/
#ifndef BC_HBSUBSET_H
#define BC_HBSUBSET_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define BC_HBSUBSET_LIBRARY "libharfbuzz-subset.so.0" /* it brings libharfbuzz.so.0 with it */

/* Subsets face number face of the font file bytes (from path, named in errors) to the n code points
   cps, keeping .notdef and dropping hinting and layout tables. The new font's bytes are
   appended to out. ngids glyph ids gids (shaped text) are kept too, and new_gids[i] is set
   to the id gids[i] has in the subset (0 when it has none). Glyphs keep their ids
   (HB_SUBSET_FLAGS_RETAIN_GIDS) when some of gids is reached by no code point; when all are
   (Latin ligatures through U+FB00..U+FB06) they are renumbered, as a glyph set and kept ids
   cost a Latin brief with one "ffi" more than the rest of its subsets. */
bc_status bc_hbsubset_run(const unsigned char *font, size_t len, unsigned face, const char *path,
                          const uint32_t *cps, int n, const uint32_t *gids, int ngids,
                          uint32_t *new_gids, bc_buf *out, bc_error *err);

#endif
