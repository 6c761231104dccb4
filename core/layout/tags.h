/*
** tags.h — the logical structure layout records for tagged PDF: a table of structure
** elements (role, parent, alternate text) in reading order. Each drawing op names the element
** its content belongs to (bc_op.se); 0 means an artifact (running headers, page numbers,
** rules, fills). pdf_tags.c turns the table into the PDF structure tree.
*/
#ifndef BC_TAGS_H
#define BC_TAGS_H

#include "doc/doc.h"
#include "layout/ops.h"
#include "base/util.h"

typedef struct bc_se {
    int parent;          /* element id of the parent, 0 for the root (Document) */
    char role[12];       /* standard structure type: Document, H1, P, Table, TR, TH, ... */
    unsigned char scope; /* TH: 1 Column, 2 Row */
    unsigned char colspan, rowspan; /* TH, TD: the columns and rows it spans when more than 1 */
    const char *alt;                /* Figure: alternate text, owned by the layout arena; or NULL */
    int note;         /* Note: its footnote's number; Reference: the number it marks */
    const char *lang; /* its /Lang (a section's own language; BCP 47, checked), or NULL */
} bc_se;

typedef struct bc_tags {
    bc_se *v; /* v[0] unused: element ids start at 1 */
    int n, cap;
} bc_tags;

/* Adds an element under parent (0: none, only for the root); returns its id (>= 1). */
int bc_tags_add(bc_tags *t, int parent, const char *role);
void bc_tags_free(bc_tags *t);

/* A Reference under parent for the marker of footnote note (1-based); returns its id. */
int bc_tags_add_reference(bc_tags *t, int parent, int note);

/* Gives ops [from, o->n) that have no element yet the element se. */
void bc_tags_stamp(bc_ops *o, int from, int se);

/* A description of a chart made from its data, for its Figure's /Alt, in arena a. */
const char *bc_tags_chart_alt(bc_arena *a, const bc_chart *ch);

#endif
