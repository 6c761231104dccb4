/*
** markdown.h — Markdown prose turned into document blocks.
**
** CommonMark with GFM tables, parsed by libcmark-gfm; the tree is walked into the blocks the
** section API builds (headings, paragraphs, lists, tables), and every text into briefc's own
** inline markup (markup.h), so footnotes ^[…], citations [@key] and cross-references [#label]
** work inside Markdown as they do in Lua strings. What a brief cannot show is refused with the
** Markdown's file and line: raw HTML, images, code blocks, headings deeper than ###, lists
** deeper than three levels.
**
** Parsing never raises: the caller (api.c) resolves citations and notes afterwards and links
** the blocks into the document only when all of it succeeded.
*/
#ifndef BC_MARKDOWN_H
#define BC_MARKDOWN_H

#include "doc/doc.h"

/* The longest Markdown text read, and the most table cells it may make (the table extension
   pads every row to the header's width). */
#define BC_MD_MAX (1 << 20)
#define BC_MD_MAX_CELLS 100000

typedef struct bc_md_block {
    bc_block *block; /* in the arena, not linked into any document */
    int line;        /* where it starts in the Markdown */
} bc_md_block;

typedef struct bc_md_text {
    bc_inline *in; /* a text of one of the blocks, for citations and notes */
    int line;
} bc_md_text;

typedef struct bc_md {
    bc_md_block *blocks;
    int nblocks;
    bc_md_text *texts; /* in document order */
    int ntexts;
} bc_md;

/*
** Parses text (UTF-8, at most BC_MD_MAX bytes) into blocks in arena. file names the Markdown in
** messages. Headings carry a label from a trailing {#label}; tables their caption from a
** "Table: …" paragraph right before or after them and their source from a "Source: …"
** paragraph right after. On bad input BC_ERR with err's file and line set.
*/
bc_status bc_md_parse(bc_arena *a, const char *text, size_t len, const char *file, bc_md *out,
                      bc_error *err);

#endif
