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
#include <stdint.h>

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

/*
** Tables compiled at build time (pattern_gen.c, into the build tree) from the dictionaries
** installed then: the file's length and bc_pattern_text_hash, and bc_pattern_save's bytes.
** bc_pattern_builtins ends with an entry whose data is NULL (the only one when none was
** installed at build time).
*/
typedef struct bc_pattern_builtin {
    const char *name; /* the file it was compiled from, for messages and tests */
    uint64_t size, hash;
    const uint64_t *data; /* 8-byte aligned, as bc_pattern_view asks */
    size_t len;           /* bytes */
} bc_pattern_builtin;
extern const bc_pattern_builtin bc_pattern_builtins[];

/* A 64-bit hash of a dictionary's whole text, to tell it from another of the same length. */
uint64_t bc_pattern_text_hash(const char *dic, size_t len);
/* Whether a table compiled at build time may serve a file of len bytes (its length alone). */
int bc_pattern_builtin_sized(uint64_t len);
/* The table compiled at build time from exactly this text (length and hash), else NULL;
   the table is made whole then and is not checked again, as code of the program. */
bc_pattern *bc_pattern_builtin_for(const char *dic, size_t len);

/* Liang's values for the lower-case word low[0..n), bytes in the dictionary's encoding: hy[i]
   (i < n) is the largest pattern digit between low[i] and low[i + 1]; odd values allow a
   hyphen there. */
void bc_pattern_values(const bc_pattern *p, const char *low, size_t n, unsigned char *hy);

#endif
