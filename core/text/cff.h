/*
** cff.h — the few parts of a CFF table (OpenType 'CFF ' outlines) embedding needs: whether it
** is CID-keyed and the CID of each glyph.
**
** A PDF CIDFontType0 selects a glyph by CID. In a CID-keyed CFF (Noto Sans CJK) the CIDs are
** the charset's, which HarfBuzz's subsetter keeps while it renumbers the glyphs; in a
** name-keyed CFF (most .otf text fonts) the CID is the glyph id. Every read is bounds-checked;
** a table that is not well formed is refused, never read outside.
*/
#ifndef BC_CFF_H
#define BC_CFF_H

#include <stddef.h>
#include <stdint.h>

/* Whether p[0..len) has a readable CFF header, name and Top DICT. */
int bc_cff_valid(const unsigned char *p, size_t len);

/* Fills cids[0..nglyphs) with the CID of each glyph and *cid_keyed; returns 0 when the table
   is damaged or a CID is repeated. */
int bc_cff_cids(const unsigned char *p, size_t len, unsigned nglyphs, uint16_t *cids,
                int *cid_keyed);

#endif
