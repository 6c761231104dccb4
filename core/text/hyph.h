/*
** hyph.h — hyphenation points from Liang patterns (the files LibreOffice uses; pattern.c,
** or libhyphen for dictionaries that need it).
**
** The brief's language picks the patterns ("en-GB" -> hyph_en_GB.dic, falling back to the
** language alone, then to none). Only words of five letters or more (Latin with accents,
** Greek, Cyrillic) are hyphenated: no numbers, URLs, acronyms or words with digits. Words are
** UTF-8 whatever the dictionary's encoding (UTF-8 or ISO 8859-1).
*/
#ifndef BC_HYPH_H
#define BC_HYPH_H

#include <stddef.h>
#include <stdint.h>

typedef struct bc_hyph bc_hyph;

/* Patterns for a language tag such as "en-GB", or NULL when none are installed. Cached per
   process; never freed by callers. */
bc_hyph *bc_hyph_for(const char *language);

/* Where the hyphenation pattern files (hyph_<language>.dic) are. */
#ifndef BC_HYPHEN_DIR
#define BC_HYPHEN_DIR "/usr/share/hyphen"
#endif

/*
** Patterns for a language, for a document with the given words. A plain pattern file comes
** whole, compiled (or mapped from the cache); a dictionary that needs libhyphen is cut down
** to the patterns that can apply to these words: Liang's method only ever uses patterns whose
** letters occur in the dotted word, so the result is exact, for a fraction of libhyphen's
** loading time. Freed with bc_hyph_free.
*/
bc_hyph *bc_hyph_for_words(const char *language, const char *const *words, const size_t *lens,
                           int n);
void bc_hyph_free(bc_hyph *h);

/* Marks in breaks[i] (i < len) the bytes after which word may take a hyphen. Returns the
   number of points found. */
int bc_hyph_points(bc_hyph *h, const char *word, size_t len, unsigned char *breaks);

/* The full patterns for language if bc_hyph_for already loaded them in this process, else
   NULL (never loads). Batch workers load once; layout then uses these. */
bc_hyph *bc_hyph_loaded(const char *language);

/* The identity of the patterns (their file, its size and time), 1 for none; 0 when unknown. */
uint64_t bc_hyph_id(const bc_hyph *h);

/* Releases every cached dictionary (at exit, for leak checkers). */
void bc_hyph_release(void);

#endif
