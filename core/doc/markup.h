/*
** markup.h — the small inline markup every text argument of the section API accepts.
**
**   **bold**   *italic*   ***bold italic***   [link text](https://example.org)
**   \* \[ \\  escape a markup character      a lone * or [ stays literal
**   "quotes" 'quotes' -- --- ...  become “quotes” ‘quotes’ – — …
**   30 %, $3.1 bn                 the space before a unit becomes a no-break space
**
** Parsing turns one UTF-8 string into a bc_inline (runs with style and link) in an arena.
*/
#ifndef BC_MARKUP_H
#define BC_MARKUP_H

#include "doc/doc.h"

/* The longest text parsed (a paragraph, a cell): longer ones are an error, so that no text
   makes the parser's position tables large (they take up to 25 bytes a byte, for a time). */
#define BC_MARKUP_MAX (16 << 20)

/* Parses text in linear time. On invalid UTF-8 returns BC_ERR with the byte offset in
   err->msg; on a text longer than BC_MARKUP_MAX, BC_ERR saying so. */
bc_status bc_markup_parse(bc_arena *a, const char *text, size_t len, bc_inline *out, bc_error *err);

/* A single plain run, no markup interpretation (text must be valid UTF-8). */
void bc_markup_plain(bc_arena *a, const char *text, size_t len, unsigned style, bc_inline *out);

/* text (valid UTF-8) with the typography of markup and nothing else: curly quotes, dashes,
   ellipses and no-break spaces before units, but * and [ kept. For the brief's title,
   subtitle, series and running header, which are not markup. NUL-terminated, in a. */
char *bc_markup_smarten(bc_arena *a, const char *text, size_t len);

/* Concatenated text of all runs (for bookmarks, info fields, diagnostics). */
char *bc_inline_text(bc_arena *a, const bc_inline *in);

#endif
