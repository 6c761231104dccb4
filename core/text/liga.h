/*
** liga.h — a font's standard ligatures (the GSUB features 'liga' and 'clig'), read without
** HarfBuzz, so that plain Latin text is set with the ligatures the font defines (ffi, fl)
** without loading the shaping engine: text/shape.c applies them, then GPOS pair kerning, for a
** left-to-right run that needs no other shaping; layout (layout/inline.c) asks, once per word,
** whether a word holds a pair of glyphs that may join.
**
** "Simple" means every lookup under these features is a plain LigatureSubst (type 4, possibly
** through an Extension lookup); a table with contextual lookups there is not simple, and its
** ligatures are then left to HarfBuzz (shape.c). The table borrows no bytes: the font may go.
*/
#ifndef BC_LIGA_H
#define BC_LIGA_H

#include <stddef.h>
#include <stdint.h>

typedef struct bc_liga bc_liga;

/* Reads the Latin script's default language system of the GSUB table (len bytes at p; NULL or 0 for none). Never NULL. */
bc_liga *bc_liga_new(const unsigned char *p, size_t len);
void bc_liga_free(bc_liga *t);

/* Whether the table says what a shaping engine does with Latin text of the language whose
   OpenType tag is lang ('ENG ', 'FRA '…): the Latin script's standard ligatures are all plain
   ligature substitutions, with no required feature, and the font has no language system of
   its own for lang (DejaVu's Catalan one has no ligatures). */
int bc_liga_simple_for(const bc_liga *t, uint32_t lang);
/* How many ligatures the table holds. */
int bc_liga_count(const bc_liga *t);

/* Whether glyph g is the first component of a ligature of the table. */
int bc_liga_first(const bc_liga *t, uint32_t g);

/* Whether two adjacent glyphs of g[0..n) start a ligature of the table (its first two
   components). */
int bc_liga_may_join(const bc_liga *t, const uint32_t *g, int n);

/* Applies the ligatures to g[0..n) in place, lookup by lookup as a shaping engine does,
   taking each position's first matching ligature in the font's order; cluster[] (the byte
   where each glyph's text starts) follows, a ligature keeping its first component's. Returns
   the new count. */
int bc_liga_apply(const bc_liga *t, uint32_t *g, uint32_t *cluster, int n);

#endif
