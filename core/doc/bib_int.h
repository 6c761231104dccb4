/*
** bib_int.h — what bib.c (the file, citations, the list) and bib_entry.c (one entry's text)
** share; nothing outside doc/bib*.c includes it.
*/
#ifndef BC_BIB_INT_H
#define BC_BIB_INT_H

#include "doc/bib.h"

#include <cJSON.h>

/* The entry's year ("2019", "n.d."), at most cap - 1 bytes. */
void bc_bib_year_of(const cJSON *e, char *out, size_t cap);

/* Sets en->label, en->sort and en->who (owned by en) from entry e; en->id and en->year are
   set already. */
void bc_bib_names_of(const cJSON *e, bc_bib_entry *en);

/* Writes entry e's reference-list text (markup) into out; returns the bytes of it that name
   its authors or editors (0: none), for the 3-em dash of a repeated name. */
size_t bc_bib_reference(const cJSON *e, const char *year, bc_buf *out);

#endif
