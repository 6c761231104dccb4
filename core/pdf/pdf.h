/*
** pdf.h — the PDF back end (libharu) and atomic file output.
*/
#ifndef BC_PDF_H
#define BC_PDF_H

#include "layout/fontset.h"
#include "layout/layout.h"
#include "doc/theme.h"

/* Renders the laid-out pages into PDF bytes in out. */
bc_status bc_pdf_render(const bc_layout *lay, const bc_theme *th, const bc_meta *meta,
                        bc_fontset *fs, bc_buf *out, bc_error *err);
/* The same bytes, freeing each page's drawing operations once it is drawn (lay->pages[p] is
   left empty): for a caller that needs nothing of the pages afterwards but the page count,
   it keeps a long document's peak memory down. */
bc_status bc_pdf_render_consume(bc_layout *lay, const bc_theme *th, const bc_meta *meta,
                                bc_fontset *fs, bc_buf *out, bc_error *err);

/* Longest text string (bookmark title, document information) written as it is, in bytes;
   longer ones are cut at a character boundary and end with an ellipsis. */
#define BC_PDF_MAX_TEXT_STRING 4000

/* Writes bytes to path through a temporary file in the same folder (".briefc-XXXXXX.tmp",
   so any name the file system accepts works), fdatasync (unless a batch defers it, see
   base/durable.h) and rename. An existing path that is a
   symbolic link is replaced by the file (its target is never written), except a link to a
   character device or a FIFO (/dev/stdout). A character device is written directly; a FIFO
   only when something reads it (never blocks); a folder, socket or block device is refused.
   The checks of what may be overwritten are in output.h. */
bc_status bc_pdf_commit(const unsigned char *data, size_t len, const char *path, bc_error *err);

/* Removes a half-written temporary file if SIGINT, SIGTERM or SIGHUP arrives mid-write. */
void bc_pdf_cleanup_on_signals(void);

/* libharu's version at run time, and the one briefc was built with (briefc version --verbose). */
const char *bc_pdf_haru_version(void);
const char *bc_pdf_haru_built(void);

#endif
