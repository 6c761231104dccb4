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

/* Objects written as bytes by their owner rather than through libharu (the structure tree,
   pdf_tags.c): values one after another in data, value i ending at end[i]. */
typedef struct bc_pdf_objs {
    bc_buf data;
    size_t *end;
    size_t n, cap;
} bc_pdf_objs;

/* Ends the value written into o->data since the previous one. */
void bc_pdf_objs_next(bc_pdf_objs *o);
void bc_pdf_objs_free(bc_pdf_objs *o);

/* Extra objects for bc_pdf_pack_with. emit is called once, with the number the first new
   object gets (libharu's /Size: the numbers after it are free); it writes value 0, which
   replaces the value of object `replace` of the input (a placeholder libharu wrote, so that
   the catalog can refer to it), then the new objects base, base + 1, ... in that order. */
typedef struct bc_pdf_extra {
    size_t replace;
    bc_status (*emit)(void *ctx, size_t base, bc_pdf_objs *objs, bc_error *err);
    void *ctx;
} bc_pdf_extra;

/* bc_pdf_pack, with the extra objects x adds (x may be NULL) packed into the object streams
   with the others. A placeholder that is no plain object of the input is refused. */
bc_status bc_pdf_pack_with(const unsigned char *in, size_t len, const bc_pdf_extra *x, bc_buf *out,
                           bc_error *err);

#endif
