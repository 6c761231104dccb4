/*
** uax14.h — where a line may break (Unicode line breaking, UAX #14) and where a user-perceived
** character ends (grapheme clusters, UAX #29), by ICU's rule-based break iterators.
**
** Layout asks here for the break opportunities of a paragraph's text, then splits its words
** there; a word too wide for any line is cut only between grapheme clusters, so no accent,
** conjunct or emoji sequence is torn apart. The language picks ICU's tailoring: Chinese and
** Japanese break between ideographs with the strict kinsoku set (no line starts with "，",
** "。" or a small kana); every language keeps ":" ";" "!" "?" and closing brackets with the
** word before them, even after a space. ICU 72 follows Unicode 15.0.
*/
#ifndef BC_UAX14_H
#define BC_UAX14_H

#include <stddef.h>

/* Kinds of break opportunity before a byte (bc_uax14_breaks). */
enum {
    BC_BRK_NONE = 0,      /* no break here */
    BC_BRK_ALLOWED = 1,   /* a line may end before this byte */
    BC_BRK_MANDATORY = 2, /* a line must end before this byte (after a line separator) */
};

/*
** Break opportunities of the UTF-8 text s[0..len), for the BCP 47 language (NULL: none).
** out[i] (i <= len) gets the kind of break before byte i; out[0] and every byte inside a
** character are BC_BRK_NONE, out[len] is the paragraph's end (BC_BRK_MANDATORY). Invalid
** UTF-8 is read as U+FFFD. Returns 0, or -1 when ICU cannot open its data (out is then all
** spaces' breaks: a break after each run of ASCII white space).
*/
int bc_uax14_breaks(const char *s, size_t len, const char *language, unsigned char *out);

/* The same through ICU alone, never lbsimple.c's shortcut (for the test that compares them). */
int bc_uax14_breaks_icu(const char *s, size_t len, const char *language, unsigned char *out);

/*
** Grapheme cluster boundaries of s[0..len): out[i] (i <= len) is 1 when a cluster starts at
** byte i (and at len), else 0. Returns 0, or -1 when ICU fails (then every code point is a
** cluster).
*/
int bc_grapheme_bounds(const char *s, size_t len, unsigned char *out);

/* Whether lines in this language break between ideographs with kinsoku ("zh", "ja", ...). */
int bc_uax14_cjk(const char *language);

/* Releases the cached iterators (at exit, for leak checkers). */
void bc_uax14_release(void);

#endif
