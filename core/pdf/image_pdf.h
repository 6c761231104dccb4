/*
** image_pdf.h — drawing BC_OP_IMAGE ops in the PDF back end: one XObject per distinct image
** per document (image_pdf.c).
*/
#ifndef BC_IMAGE_PDF_H
#define BC_IMAGE_PDF_H

#include <hpdf.h>

#include "layout/image.h"
#include "layout/ops.h"

/* The XObjects made so far for one document. Zero it to start; free with bc_image_xobjs_free. */
typedef struct bc_image_xobjs {
    struct {
        const bc_image *img;
        HPDF_Dict x;
    } * v;
    int n, cap;
} bc_image_xobjs;

/* Appends the operators that draw op's image (x, y top-left in layout space; H the page
   height) to b and registers its XObject on the page. Returns 0 when libharu failed. */
int bc_image_draw(HPDF_Doc pdf, HPDF_Page pg, bc_image_xobjs *set, const bc_op *op, double H,
                  bc_buf *b);

void bc_image_xobjs_free(bc_image_xobjs *set);

#endif
