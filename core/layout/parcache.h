/*
** parcache.h — set text (a paragraph, a table cell, a caption, as lines of operations) kept
** by its key: in memory between the layout passes page references need, and on disk
** (cache.h) between builds of the same brief.
**
** Layout decides what a key is and what may be kept (layout.c, "the paragraph cache"); this
** module stores, finds and files the results. The file is tied to a context the caller gives
** (layout: the executable, hyphenation patterns, link colour); every entry records the font
** files that decided it, for the caller to check on a first hit. The file is hash-checked and
** every offset in it bounds-checked when it is read; a damaged one is read as none.
*/
#ifndef BC_PARCACHE_H
#define BC_PARCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "layout/layout.h"
#include "layout/ops.h"
#include "doc/theme.h"

/* A line of set text: its operations, and its natural width. */
typedef struct bc_par_line {
    int op0, nop;
    double width;
    float above, below; /* room a tall script needs beyond the line's leading (lineheight.c) */
    int pad_;
} bc_par_line;

/* One piece of set text. */
typedef struct bc_par {
    int nlines;
    const bc_par_line *lines; /* op ranges relative to ops */
    int nops;
    const bc_op *ops;      /* texts through bc_par_text */
    bc_layout_stats stats; /* what setting it added to the layout's figures */
    const char *warnings;  /* what setting it warned (kept in memory only) */
    size_t nwarnings;
    unsigned fonts;                  /* the slots whose font files decided it … */
    uint64_t fontkey[BC_FONT_SLOTS]; /* … and those files' keys (font.h) */
    unsigned char from_disk; /* read from the file: the caller checks fonts on a first hit */
    unsigned char checked;   /* the caller has checked it */
    /* the cache's own */
    unsigned char dead, used, keep;
    uint64_t hash;
    const char *key;
    size_t keylen;
    const char *strbase;
    size_t strlen;
    struct bc_par *next;
} bc_par;

typedef struct bc_parcache bc_parcache;

bc_parcache *bc_parcache_new(void);
void bc_parcache_free(bc_parcache *c);

/* Ties the cache to the file of name (a brief) in context ctx, and reads what it holds.
   Returns whether entries can go to disk (a cache folder exists and ctx is known). */
int bc_parcache_attach(bc_parcache *c, const char *name, uint64_t ctx);
int bc_parcache_on_disk(const bc_parcache *c);

/* A hash of key bytes, for find and add. */
uint64_t bc_parcache_hash(const void *key, size_t len);

/* The live entry with this key, or NULL. It is marked used. */
bc_par *bc_parcache_find(bc_parcache *c, uint64_t hash, const void *key, size_t len);
/* Drops an entry the caller found unfit (its fonts changed): never found or filed again. */
void bc_parcache_reject(bc_par *e);

/* Keeps a copy of made (lines, ops and their texts, stats, warnings, fonts) under key; keep:
   it may go to disk. Returns the entry. */
bc_par *bc_parcache_add(bc_parcache *c, uint64_t hash, const void *key, size_t len,
                        const bc_par *made, int keep);

/* The text (UTF-8, or a link's target) of op, an operation of e. */
const char *bc_par_text(const bc_par *e, const bc_op *op);

/* Writes the file when this build made entries that may go there: what it used, then what
   earlier builds kept (other parameters, say) up to four times that. */
void bc_parcache_save(bc_parcache *c);

/* For the fuzz harness: reads d as the body of a file (a u64 entry count, then the entries)
   with every check a read makes, and touches every byte a valid one points at. Returns the
   entries read, or -1 when refused. d must be 8-byte aligned. */
int bc_parcache_probe(const unsigned char *d, size_t len);

#endif
