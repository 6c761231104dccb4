/*
** pdf_tags.h — tagged PDF for the libharu back end: marked content (BDC/EMC with MCIDs, or
** Artifact) in the page streams, and the structure tree, ParentTree and link OBJRs built from
** the element table layout recorded (tags.h). libharu 2.3 has no API for any of it: the
** operators are written into the content pdf.c writes, the objects through hpdf_objects.h.
*/
#ifndef BC_PDF_TAGS_H
#define BC_PDF_TAGS_H

#include <stdint.h>

#include <hpdf.h>

#include "layout/layout.h"
#include "pdf/pdf_pack.h"

typedef struct bc_pdftags bc_pdftags;

/* Starts tagging a document of lay->npages pages whose elements are lay->tags. */
bc_pdftags *bc_pdftags_new(HPDF_Doc pdf, const bc_layout *lay);
void bc_pdftags_free(bc_pdftags *t);

/* Before a page's content: which page is being written. */
void bc_pdftags_begin_page(bc_pdftags *t, HPDF_Page pg, int page);

/* Whether op opens a different marked-content sequence than the one open (the caller then
   closes its open TJ run, nests the sequence with its text object and calls bc_pdftags_switch). Ops that draw nothing never do. */
int bc_pdftags_changes(bc_pdftags *t, const bc_op *op);
/* Closes the open sequence and opens the one bc_pdftags_changes found for op (called right
   after it): its element's or a Span's (text in another language), with an MCID, or an
   Artifact. */
void bc_pdftags_switch(bc_pdftags *t, bc_buf *b, const bc_op *op);
/* Closes the open sequence, if any (EMC): before an ET when it opened inside that text object
   (ISO 32000-1 14.6: a sequence and a text object nest). bc_pdftags_changes then reports a
   change for the next op even when its mark is the same. */
void bc_pdftags_close(bc_pdftags *t, bc_buf *b);
/* Replacement text in tagged content: closes the element's open sequence and writes
   "/Span<</MCID n" for a sequence of its own in the same element (the caller adds
   "/ActualText <...>>>BDC", the text and EMC), so no marked content without an MCID nests in
   tagged content (poppler's struct-text pops the element's MCID at such an EMC). Returns 0,
   writing nothing, when no element's sequence is open (an artifact's, or untagged). */
int bc_pdftags_span_begin(bc_pdftags *t, bc_buf *b);
/* At the end of a page's content (outside any text object): closes the open sequence. */
void bc_pdftags_end_page(bc_pdftags *t, bc_buf *b);

/* A link annotation of element se on page: a Link element holding it through an OBJR, its
   /StructParent, /Contents (desc) and the print flag. */
void bc_pdftags_annot(bc_pdftags *t, int page, HPDF_Annotation an, int se, const char *desc);

/* After the pages: the catalog's /StructTreeRoot (a placeholder), the pages' /StructParents
   and /Tabs. The tree itself is written by bc_pdf_pack_with through bc_pdftags_extra. */
bc_status bc_pdftags_finish(bc_pdftags *t, bc_error *err);

/* The structure tree and ParentTree as bytes for bc_pdf_pack_with: the root's value, then
   the elements, links and ParentTree as new objects. t must live until the packing is done;
   no libharu object of the tree is held (a 500-page brief has tens of thousands). */
void bc_pdftags_extra(bc_pdftags *t, bc_pdf_extra *x);

/* A hash of the layout's text and geometry, for a trailer /ID that is the same on rebuilds. */
uint64_t bc_pdftags_layout_hash(const bc_layout *lay);

#endif
