/*
** bidi.h — the Unicode bidirectional algorithm (UAX #9) through FriBidi: a paragraph's
** direction and each character's embedding level, and the visual order of a line's pieces.
**
** Pipeline position: layout (layout/inline.c) resolves a paragraph's levels before it splits
** the text into words, so every fragment has one direction; it breaks lines in logical order
** and only then reorders each line's fragments (rule L2). Shaping (shape.h) draws a
** right-to-left fragment's glyphs right to left and mirrors its brackets.
*/
#ifndef BC_BIDI_H
#define BC_BIDI_H

#include <stddef.h>
#include <stdint.h>

#define BC_BIDI_AUTO (-1) /* paragraph direction from its first strong character (P2, P3) */
#define BC_BIDI_LTR 0
#define BC_BIDI_RTL 1
#define BC_BIDI_AUTO_RTL (-2) /* as AUTO, but right to left when the text has no strong one */

/* Whether text holds a right-to-left character or an explicit direction control; text
   without one is all at level 0 in a left-to-right paragraph. */
int bc_bidi_needed(const char *s, size_t len);

/* Whether the language (BCP 47: "ur", "ar-EG", "fa", "he", …) is written right to left. */
int bc_bidi_rtl_language(const char *lang);

/*
** Resolves the embedding levels of text (valid UTF-8) in a paragraph of direction base
** (BC_BIDI_*). levels gets one level per byte of text (every byte of a character has its
** character's level); the paragraph's own level (0 or 1) is returned, -1 if FriBidi fails.
** Rule L1 is applied as if the paragraph were one line: whitespace before a segment separator
** and at its end goes to the paragraph level.
*/
int bc_bidi_levels(const char *text, size_t len, int base, unsigned char *levels);

/* The same over code points (the test runner's form): levels gets one level per code point. */
int bc_bidi_levels_cp(const uint32_t *cp, int n, int base, unsigned char *levels);

/* Rule L2: the visual order of n pieces of a line with the given levels. order[i] is the
   logical index of the piece shown i-th from the left. */
void bc_bidi_reorder(const unsigned char *levels, int n, int *order);

/* The mirrored form of a bracket or other mirrored character, or cp itself. */
uint32_t bc_bidi_mirror(uint32_t cp);

#endif
