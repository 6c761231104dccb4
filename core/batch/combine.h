/*
** combine.h — many laid-out documents made into one (`briefc batch --combine FILE`).
**
** A batch worker packs the final layout of each row into bytes (bc_combine_pack) and sends
** them to the parent, which keeps them by row. At the end the parent unpacks them in row
** order into one layout (bc_combine_layout) with a level-1 bookmark per row and the row's own
** headings nested under it; the PDF back end renders that like any other layout, so fonts
** are embedded once for the whole file. Destination names and internal links get a per-row
** prefix, so two rows never clash. A pack is only read by the same binary that wrote it.
*/
#ifndef BC_COMBINE_H
#define BC_COMBINE_H

#include "layout/fontset.h"
#include "layout/layout.h"

typedef struct bc_combine bc_combine;

bc_combine *bc_combine_new(void);
void bc_combine_free(bc_combine *c);

/* Appends lay, laid out on pages of page_w x page_h points, to out as one pack. */
void bc_combine_pack(const bc_layout *lay, double page_w, double page_h, bc_buf *out);

/* Keeps a copy of one row's pack and the title of its bookmark. */
void bc_combine_add(bc_combine *c, long row, const char *title, const void *pack, size_t len);

/* Rows kept so far. */
int bc_combine_rows(const bc_combine *c);

/* The combined layout, rows ascending, every row on pages of page_w x page_h; marks each
   text's characters as used in fs for subsetting. The packs are released. Fails on a
   damaged pack or a row of another page size. */
bc_status bc_combine_layout(bc_combine *c, double page_w, double page_h, bc_fontset *fs,
                            bc_layout **out, bc_error *err);

#endif
