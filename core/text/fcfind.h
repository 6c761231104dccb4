/*
** fcfind.h — installed fonts through fontconfig, the last resort of the font search.
**
** fontconfig is opened with dlopen the first time a font is looked for this way (it reads
** its configuration and caches, tens of milliseconds), so a brief whose text its own fonts
** and the shipped fallback chain cover never loads it. Only scalable outline fonts (TrueType
** or CFF) are returned, never bitmap or colour-bitmap fonts, which a PDF cannot embed as
** outlines, except by bc_fcfind_colour_emoji (whose glyphs the PDF draws as images). Set BRIEFC_NO_SYSTEM_FONTS=1 to use no installed font (the same output on any
** machine); warnings may still name one that has a missing character.
*/
#ifndef BC_FCFIND_H
#define BC_FCFIND_H

#include <stddef.h>
#include <stdint.h>

/* A face: the file and its index in a collection (.ttc). */
typedef struct bc_fc_face {
    char path[4096];
    int index;
} bc_fc_face;

/* Whether fontconfig can be used (loaded, configured, not turned off). */
int bc_fcfind_available(void);

/* The installed face of family (its name exactly, case-insensitive) in the style asked
   (bold: weight 700 or more, italic: italic or oblique), never a neighbouring style that
   fontconfig would offer in its place; 0 when there is none. */
int bc_fcfind_family(const char *family, int bold, int italic, bc_fc_face *out);

/* A scalable outline face that has cp, preferring lang (BCP 47, may be NULL), bold or not
   and the family preferred (NULL: any); 0 when no installed font has it. */
int bc_fcfind_char(uint32_t cp, const char *lang, int bold, const char *preferred, bc_fc_face *out);

/* The installed colour emoji font (a colour bitmap font with CBDT glyphs for emoji, such as
   Noto Color Emoji; the first in file name order when several), for layout's emoji slot and
   images (text/cbdt.h); 0 when there is none or installed fonts are turned off. */
int bc_fcfind_colour_emoji(bc_fc_face *out);

/* The family of an installed font of any format that has cp, into buf, for a message (even
   with BRIEFC_NO_SYSTEM_FONTS), an outline font briefc can embed first (*outline 1) rather
   than a bitmap or colour one (Noto Color Emoji); 0 when none has it. */
int bc_fcfind_family_of(uint32_t cp, char *buf, size_t size, int *outline);

/* The folders fontconfig reads fonts from, NULL-terminated (the roots a face it returns must
   lie in); a list holding NULL only when it is not available. */
const char *const *bc_fcfind_dirs(void);

/* Releases fontconfig's state (at exit, for leak checkers). */
void bc_fcfind_release(void);

#endif
