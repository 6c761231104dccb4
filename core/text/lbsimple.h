/*
** lbsimple.h — where a line may break in common Latin text, without ICU.
**
** uax14.c asks here first for text in a language without tailoring: when every character is
** one of the Latin letters, digits, spaces and punctuation lbsimple.c knows, the answer is
** UAX #14's, byte for byte what ICU gives (test_lbsimple checks it against ICU), and ICU is
** never opened. Otherwise uax14.c asks ICU.
*/
#ifndef BC_LBSIMPLE_H
#define BC_LBSIMPLE_H

#include <stddef.h>

/*
** Break opportunities of s[0..len) into out[0..len], as bc_uax14_breaks gives them for the
** root locale. Returns 0; or -1, with out untouched, when s has a character this file does
** not know (then ask ICU).
*/
int bc_lbsimple_breaks(const char *s, size_t len, unsigned char *out);

#endif
