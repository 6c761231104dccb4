/*
** kern.h — pair kerning read from a font's GPOS table.
**
** The 'kern' feature of the Latin script (else the default script) is followed to its
** PairPos lookups (formats 1 and 2, directly or through Extension lookups), and a pair's
** adjustment is the sum over those lookups of the first glyph's XAdvance, as a shaping
** engine applies it to two adjacent glyphs. Contextual positioning is not read: briefc sets
** glyphs at their advances plus these pair adjustments. Every offset is bounds-checked, so a
** damaged table gives no kerning rather than a crash.
*/
#ifndef BC_KERN_H
#define BC_KERN_H

#include <stddef.h>
#include <stdint.h>

typedef struct bc_kern bc_kern;

/* Reads the GPOS table (len bytes at data, which must outlive the result). NULL when the
   font has no pair kerning. */
bc_kern *bc_kern_new(const unsigned char *data, size_t len);
void bc_kern_free(bc_kern *k);

/* The adjustment between glyphs g1 and g2 (g1 first), in font units; 0 when none. */
int bc_kern_pair(const bc_kern *k, uint32_t g1, uint32_t g2);

/* The adjustment of every pair of the n glyphs g, row by row: row_done(arg, i, row) is called
   for i = 0 .. n-1 with row[j] = bc_kern_pair(k, g[i], g[j]) (all 0 when k is NULL; row is
   only valid during the call). Each subtable's coverage and first class are read once per
   row and its second classes once per column, so a 256 x 256 table costs a small fraction of
   65,536 calls of bc_kern_pair. */
void bc_kern_matrix(const bc_kern *k, const uint32_t *g, int n,
                    void (*row_done)(void *arg, int i, const int *row), void *arg);

#endif
