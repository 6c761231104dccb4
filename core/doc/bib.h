/*
** bib.h — the brief's bibliography (CSL-JSON, as Zotero and pandoc write it) and citations.
**
** A brief names its bibliography file (bibliography = "data/references.json"); text cites
** entries by key, [@crs2019] or [@crs2019, p. 4; @gao2008], rendered author–year
** ("Kronstadt and Epstein 2019") or numbered ("[1]") as the brief's citations setting says;
** the reference list holds only the entries cited, sorted, each citation linked to its entry.
*/
#ifndef BC_BIB_H
#define BC_BIB_H

#include "base/util.h"

typedef enum { BC_CITE_AUTHOR_YEAR, BC_CITE_NUMERIC } bc_cite_style;

typedef struct bc_bib_entry {
    char *id;
    char *label;         /* "Kronstadt and Epstein" (author–year) */
    char *year;          /* "2019", or "n.d." */
    char *reference;     /* the full entry, as inline markup */
    char *sort;          /* sort key: authors, year, title */
    char *who;           /* every author's family and given names: tells same-surname authors
                         apart ("Smith, John" and "Smith, Anne" are two) */
    size_t creators_len; /* bytes of reference that name its authors or editors (0: none) */
    int cited;           /* order of first citation, 1-based; 0 = not cited */
    int nocite;          /* listed though not cited (theme.nocite) */
} bc_bib_entry;

typedef struct bc_bib {
    bc_bib_entry *v;
    int n;
    int ncited;
    bc_cite_style style;
    char *path; /* the file, for messages */
} bc_bib;

/* Loads CSL-JSON from path, which must be a regular file inside folder (read through fileio.h).
   Errors name the file (as display), line and entry. */
bc_status bc_bib_load(const char *path, const char *display, const char *folder, bc_bib **out,
                      bc_error *err);
void bc_bib_free(bc_bib *b);

bc_bib_entry *bc_bib_find(bc_bib *b, const char *id, size_t len);

/*
** Formats the citation inside [@...] (keys separated by ';', each with an optional locator
** after a comma) into out, marking entries cited. On an unknown key returns BC_ERR with the
** key in err->msg.
*/
bc_status bc_bib_cite(bc_bib *b, const char *spec, size_t len, bc_buf *out, bc_buf *first_id,
                      bc_error *err);

/*
** Lists entries though no text cites them (theme.nocite): keys, or the one key "*" for every
** entry. A key the bibliography lacks is BC_ERR, its message naming the nearest key.
*/
bc_status bc_bib_nocite(bc_bib *b, const char *const *keys, int n, bc_error *err);

/* The cited entries and those nocite lists, in reference-list order (author–year: sorted;
   numeric: by citation, the uncited ones numbered after, in sorted order). */
int bc_bib_cited(bc_bib *b, bc_bib_entry **out, int cap);

/* Entry i of list (from bc_bib_cited) as the reference list prints it, in markup, owned by
   the caller: "[3] …" when numbered; author–date, "———. 2019b. …" when its authors are those
   of the entry before (Chicago's 3-em dash for a repeated name). */
char *bc_bib_list_text(const bc_bib *b, bc_bib_entry *const *list, int i);

#endif
