/*
** pdf_pack.h — a post-pass over the PDF libharu wrote: every object that is not a stream goes
** into compressed object streams (/ObjStm) and the cross-reference table becomes a compressed
** cross-reference stream (PDF 1.5, allowed by PDF/A-2 and PDF/UA-1). libharu 2.3 writes neither;
** on a tagged brief its ~200 structure elements, the ParentTree, annotations and a 20-byte xref
** line per object were a third of the file.
*/
#ifndef BC_PDF_PACK_H
#define BC_PDF_PACK_H

#include <stddef.h>

#include "base/util.h"

/* Rewrites the classic PDF in (one xref section from object 0, generation 0, as libharu writes
   it) into out (replacing its contents). Stream objects are copied byte for byte under their
   own numbers; the others are moved into object streams. Anything else is refused: returns
   BC_ERR with a message in err and out's contents undefined; in is never changed, so the
   caller can keep it. Deterministic: the same in gives the same out. */
bc_status bc_pdf_pack(const unsigned char *in, size_t len, bc_buf *out, bc_error *err);

#endif
