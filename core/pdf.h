/*
** pdf.h — the PDF back end (libharu) and atomic file output.
*/
#ifndef BC_PDF_H
#define BC_PDF_H

#include "fontset.h"
#include "layout.h"
#include "theme.h"

/* Renders the laid-out pages into PDF bytes in out. */
bc_status bc_pdf_render(const bc_layout *lay, const bc_theme *th, const bc_meta *meta,
                        bc_fontset *fs, bc_buf *out, bc_error *err);

/* Writes bytes to path through a temporary file in the same folder, fsync and rename. */
bc_status bc_pdf_commit(const unsigned char *data, size_t len, const char *path, bc_error *err);

/* Removes a half-written temporary file if SIGINT, SIGTERM or SIGHUP arrives mid-write. */
void bc_pdf_cleanup_on_signals(void);

#endif
