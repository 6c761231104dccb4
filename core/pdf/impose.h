/*
** impose.h — printer's imposition: a laid-out document's pages placed on larger sheets.
**
**   2up      two pages side by side on a landscape A4 sheet (US Letter for US sizes)
**            (A5 pages at full size, A4 pages shrunk to 71 %): pages 1-2, 3-4, ...
**   booklet  the same sheets in saddle-stitch order, padded with blank pages to a multiple of
**            four: print double-sided (flip on the short edge), fold, staple
**
** Crop marks, when asked for, are drawn at each placed page's corners (the pages shrink a
** little to leave room for them). Links, bookmarks and internal destinations follow their
** pages onto the sheets.
*/
#ifndef BC_IMPOSE_H
#define BC_IMPOSE_H

#include "layout/layout.h"
#include "doc/theme.h"

typedef enum { BC_IMPOSE_NONE, BC_IMPOSE_2UP, BC_IMPOSE_BOOKLET } bc_impose_mode;

/* "2up" or "booklet" into *mode; 0 when s is neither. */
int bc_impose_parse(const char *s, bc_impose_mode *mode);

/* The landscape sheet for pages of pw x ph points: A4, or US Letter for US page sizes. */
void bc_impose_sheet(double pw, double ph, double *sw, double *sh);

/* Replaces lay's pages with sheets; th's page size becomes the sheet's. */
void bc_impose(bc_layout *lay, bc_theme *th, bc_impose_mode mode, int crop_marks);

#endif
