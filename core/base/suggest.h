/*
** suggest.h — "did you mean": the nearest known word to a misspelled one.
**
** Every place that refuses a name it does not know (a command, an option, a plugin, a builder
** field, a CSV column, a parameter) offers the closest known name through here, so that all of
** them agree on what counts as close.
*/
#ifndef BC_SUGGEST_H
#define BC_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between two strings of up to 64 bytes; longer ones count as 99. */
int bc_distance(const char *a, const char *b);

/*
** The known word nearest to `word`, or NULL when none is close: at most two edits, and fewer
** edits than half the word's length (so "ab" does not suggest "xy"). A case-only difference
** always matches. `known` ends with NULL.
*/
const char *bc_suggest(const char *word, const char *const *known);

/* The same over `n` words that need not end with NULL. */
const char *bc_suggest_n(const char *word, const char *const *known, size_t n);

#endif
