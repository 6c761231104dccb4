/*
** excerpt.h — the source line under a diagnostic, with a caret, as compilers print it:
**
**   ./brief.lua:3: error: unknown page setting 'colour'; the page settings are size, ...
**       3 |   page = { size = "A4", colour = "red" },
**         |                         ^
**
** Only for Lua sources (a name ending in .lua), regular files read at most 1 MB deep; the
** caret goes under the name the message quotes ('colour', local 'x', near 'sections'), else
** under the line's first character. Lua's "'}' expected … near 'x'" after a line that does not
** end a field is said where the comma is missing.
*/
#ifndef BC_EXCERPT_H
#define BC_EXCERPT_H

#include <stdio.h>

/*
** When msg is Lua's complaint about a missing separator at line, and the field before it lacks
** its ',', writes the line that lacks it into *fixed_line and a message saying so into out
** (cap bytes) and returns 1; else 0.
*/
int bc_excerpt_missing_comma(const char *file, int line, const char *msg, int *fixed_line,
                             char *out, size_t cap);

/* Prints line of file and a caret under what msg names; nothing when it cannot. */
void bc_excerpt_print(FILE *to, const char *file, int line, const char *msg, int color);

#endif
