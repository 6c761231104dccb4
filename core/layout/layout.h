/*
** layout.h — turns a bc_doc into pages of drawing operations.
**
** Pipeline: bc_doc -> (text setting, tables, charts) -> pieces -> pagination -> bc_layout.
** A piece is an unbreakable strip of a page (a line of a paragraph, a table row, a chart)
** with a height, the space wanted before it, and whether it must stay with the next piece.
** Pagination places pieces top to bottom, keeps chains of kept pieces together, repeats
** table header rows, then adds the running header and the "N / M" footer.
*/
#ifndef BC_LAYOUT_H
#define BC_LAYOUT_H

#include "doc/doc.h"
#include "layout/fontset.h"
#include "layout/ops.h"
#include "layout/tags.h"
#include "doc/theme.h"

typedef struct bc_outline_entry {
    int level;         /* 1..3 */
    const char *title; /* UTF-8, with its number */
    int page;          /* 0-based */
    double y;          /* top of the heading, layout coordinates */
} bc_outline_entry;

/* A place in the document that links can go to ("lbl-x", "ref-x", "h-3"). */
typedef struct bc_dest {
    const char *name;
    int page; /* 0-based */
    double y;
} bc_dest;

/*
** The page map: where a layout pass put what page references name, fed to the next pass as
** Typst's introspector is. Pages are 1-based, 0 when not placed.
*/
typedef struct bc_pagemap {
    int *label_page; /* by the label's index in doc->labels */
    int nlabels;
    int *heading_page; /* by the heading's index among the document's headings */
    int nheadings;
} bc_pagemap;

typedef struct bc_typesetter bc_typesetter;

typedef struct bc_layout_stats {
    int lines;        /* text lines set */
    int overfull;     /* lines wider than their measure */
    int hyphenated;   /* lines ending with a hyphen */
    int widows;       /* last lines of a paragraph alone at the top of a page */
    int orphans;      /* first lines of a paragraph alone at the bottom of a page */
    int loose;        /* justified lines stretched beyond ratio 1 */
    double max_ratio; /* largest stretch ratio of a justified line */
} bc_layout_stats;

typedef struct bc_layout {
    bc_arena *arena;
    bc_ops *pages; /* one op list per page */
    int npages;
    bc_outline_entry *outline;
    int noutline;
    bc_dest *dests;
    int ndests;
    int *dest_slots; /* bc_layout_dest's hash index (index + 1), built for dest_indexed dests */
    int dest_cap, dest_indexed;
    bc_buf warnings; /* one warning per line, "file:line: warning: …" style */
    bc_layout_stats stats;
    /* text set by this pass through the paragraph cache: set afresh, and reused (from an
       earlier pass or from disk); printed by --timings, asserted by tests */
    int par_set, par_reused, par_from_disk;
    bc_tags tags;   /* structure elements the pages' ops name (bc_op.se) */
    bc_pagemap map; /* where this pass put each label and heading (for the next pass) */
    int back_page;  /* 1-based: the back page (s:back_page), bare of header and number; 0 */
    unsigned char *page_land; /* per page: 1 when landscape (s:landscape), or NULL: none */
} bc_layout;

/*
** Lays the document out. ts holds what lasts across the passes of one document (below);
** pages is the page map of the previous pass (page references, the table of contents), or
** NULL on the first. The document is only read. The layout may point into text ts keeps:
** free ts after the layouts made with it. Errors (a font that cannot be opened) are
** reported in err.
*/
bc_status bc_layout_run(bc_typesetter *ts, const bc_doc *doc, const bc_theme *th,
                        const bc_meta *meta, bc_fontset *fs, const bc_pagemap *pages,
                        bc_layout **out, bc_error *err);
void bc_layout_free(bc_layout *l);

/* {====================================================== passes.c */

/*
** The typesetter: what lasts across the layout passes of one document — its hyphenation
** patterns (cut down to its words) and the paragraph cache, in memory, and on disk under
** cache_name (the brief's path) when that is not NULL, for the next build of the same brief.
*/
bc_typesetter *bc_typesetter_new(const char *cache_name);
/* After the last pass: writes the text set to the on-disk cache (when it has a name). */
void bc_typesetter_save(bc_typesetter *ts);
void bc_typesetter_free(bc_typesetter *ts);

/* 1 when two page maps differ (another pass is needed), 0 when equal; a NULL a is the map
   before any layout (nothing placed). */
int bc_pagemap_differs(const bc_pagemap *a, const bc_pagemap *b);
/* Makes *to a copy of *from (to's arrays are replaced). */
void bc_pagemap_copy(bc_pagemap *to, const bc_pagemap *from);
void bc_pagemap_free(bc_pagemap *m); /* the arrays; m itself is the caller's */
/* }====================================================== */

/* The destination of that name, or NULL. */
const bc_dest *bc_layout_dest(const bc_layout *l, const char *name);

/* Writes a readable text dump of the pages (for golden tests and debugging). */
void bc_layout_dump(const bc_layout *l, bc_buf *out);

#endif
