/*
** pattern.h — Liang hyphenation patterns compiled into one hash table, matched directly.
**
** libhyphen builds its state machine pattern by pattern, which costs more than hyphenating a
** whole brief. For dictionaries of plain patterns (no NEXTLEVEL, no non-standard "/"
** patterns: the English ones among others) this reads the .dic file in one pass into a hash
** table of pattern letters, with every pattern prefix marked so matching stops as soon as no
** pattern can continue. Results are libhyphen's (a unit test compares them word by word);
** other dictionaries stay with libhyphen.
*/
#ifndef BC_PATTERN_H
#define BC_PATTERN_H

#include <stddef.h>

#include "base/util.h"

typedef struct bc_pattern bc_pattern;

/* Compiles the text of a .dic file; NULL when it needs libhyphen (or holds no patterns). */
bc_pattern *bc_pattern_compile(const char *dic, size_t len);
void bc_pattern_free(bc_pattern *p);

/* The compiled table as bytes, for the on-disk cache. */
void bc_pattern_save(const bc_pattern *p, bc_buf *out);
/* A table over bytes from bc_pattern_save, not copied (they must outlive it), checked
   throughout: NULL when they are not a whole, consistent table. */
bc_pattern *bc_pattern_view(const unsigned char *data, size_t len);

/* Liang's values for the lower-case word low[0..n), bytes in the dictionary's encoding: hy[i]
   (i < n) is the largest pattern digit between low[i] and low[i + 1]; odd values allow a
   hyphen there. */
void bc_pattern_values(const bc_pattern *p, const char *low, size_t n, unsigned char *hy);

#endif
