/*
** image_pdf.c — image XObjects for the PDF back end (pdf.c), written through libharu's object
** API from images image.c has validated: libharu's own PNG and JPEG loaders never see a byte.
**
** A JPEG's bytes go in as they are (/DCTDecode); a PNG's pixels, deflated with the Paeth
** predictor by image.c, go in as they are (/FlateDecode, /Predictor 15), with a soft mask for
** alpha. Each distinct image (by content hash and bytes) becomes one XObject per document,
** however many pages or times it is drawn.
*/
#include "pdf/image_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "pdf/embed.h"

/* A stream dict with the image keys common to colour and mask. */
static HPDF_Dict new_image(HPDF_Doc pdf, int w, int h, const char *space, const void *data,
                           size_t len)
{
    HPDF_Dict x = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!x) return NULL;
    HPDF_STATUS r = HPDF_Dict_AddName(x, "Type", "XObject");
    r |= HPDF_Dict_AddName(x, "Subtype", "Image");
    r |= HPDF_Dict_AddNumber(x, "Width", w);
    r |= HPDF_Dict_AddNumber(x, "Height", h);
    if (space) r |= HPDF_Dict_AddName(x, "ColorSpace", space);
    r |= HPDF_Dict_AddNumber(x, "BitsPerComponent", 8);
    r |= HPDF_Stream_Write(x->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len);
    return r == HPDF_OK ? x : NULL;
}

/* /DecodeParms for Paeth-predicted rows of n samples a pixel. */
static HPDF_STATUS predicted(HPDF_Doc pdf, HPDF_Dict x, int n, int w)
{
    HPDF_Dict p = HPDF_Dict_New(pdf->mmgr);
    if (!p) return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS r = HPDF_Dict_AddNumber(p, "Predictor", 15);
    r |= HPDF_Dict_AddNumber(p, "Colors", n);
    r |= HPDF_Dict_AddNumber(p, "BitsPerComponent", 8);
    r |= HPDF_Dict_AddNumber(p, "Columns", w);
    r |= HPDF_Dict_Add(x, "DecodeParms", p);
    bc_embed_mark_deflated(x);
    return r;
}

static HPDF_Dict make_xobject(HPDF_Doc pdf, const bc_image *img)
{
    static const char *const spaces[5] = {NULL, "DeviceGray", NULL, "DeviceRGB", "DeviceCMYK"};
    const char *space = img->ncomp >= 1 && img->ncomp <= 4 ? spaces[img->ncomp] : NULL;
    if (!space || !img->data) return NULL;
    HPDF_Dict x = new_image(pdf, img->w, img->h, img->icc ? NULL : space, img->data, img->len);
    if (!x) return NULL;
    HPDF_STATUS r = HPDF_OK;
    if (img->icc) { /* [/ICCBased <profile>], the device space its alternate */
        HPDF_Dict prof = bc_embed_stream(pdf, img->icc, img->icc_len);
        HPDF_Array cs = HPDF_Array_New(pdf->mmgr);
        if (!prof || !cs) return NULL;
        r |= HPDF_Dict_AddNumber(prof, "N", img->ncomp);
        r |= HPDF_Dict_AddName(prof, "Alternate", space);
        r |= HPDF_Array_AddName(cs, "ICCBased");
        r |= HPDF_Array_Add(cs, prof);
        r |= HPDF_Dict_Add(x, "ColorSpace", cs);
    }
    if (img->enc == BC_IMAGE_DCT) {
        x->filter = HPDF_STREAM_FILTER_DCT_DECODE; /* written as it is, with /Filter /DCTDecode */
        if (img->adobe_invert) {
            HPDF_Array d = HPDF_Array_New(pdf->mmgr);
            if (!d) return NULL;
            for (int i = 0; i < 4; i++) {
                r |= HPDF_Array_AddNumber(d, 1);
                r |= HPDF_Array_AddNumber(d, 0);
            }
            r |= HPDF_Dict_Add(x, "Decode", d);
        }
    } else {
        r |= predicted(pdf, x, img->ncomp, img->w);
    }
    if (img->alpha) {
        HPDF_Dict m = new_image(pdf, img->w, img->h, "DeviceGray", img->alpha, img->alpha_len);
        if (!m) return NULL;
        r |= predicted(pdf, m, 1, img->w);
        r |= HPDF_Dict_Add(x, "SMask", m);
    }
    return r == HPDF_OK ? x : NULL;
}

static HPDF_Dict xobject_for(HPDF_Doc pdf, bc_image_xobjs *set, const bc_image *img)
{
    for (int i = 0; i < set->n; i++) {
        const bc_image *o = set->v[i].img;
        if (o == img) return set->v[i].x;
        if (o->hash == img->hash && o->len == img->len && o->alpha_len == img->alpha_len &&
            o->w == img->w && o->h == img->h && o->ncomp == img->ncomp && o->enc == img->enc &&
            o->adobe_invert == img->adobe_invert && o->icc_len == img->icc_len &&
            (!o->icc || !memcmp(o->icc, img->icc, img->icc_len)) && !memcmp(o->data, img->data, img->len) &&
            (!o->alpha || !memcmp(o->alpha, img->alpha, img->alpha_len)))
            return set->v[i].x;
    }
    HPDF_Dict x = make_xobject(pdf, img);
    if (!x) return NULL;
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 8;
        set->v = bc_xrealloc(set->v, (size_t)set->cap * sizeof *set->v);
    }
    set->v[set->n].img = img;
    set->v[set->n].x = x;
    set->n++;
    return x;
}

int bc_image_draw(HPDF_Doc pdf, HPDF_Page pg, bc_image_xobjs *set, const bc_op *op, double H,
                  bc_buf *b)
{
    const bc_image *img = (const bc_image *)(const void *)op->text;
    if (!img || op->w <= 0 || op->h <= 0) return 1; /* nothing to draw */
    HPDF_Dict x = xobject_for(pdf, set, img);
    const char *name = x ? HPDF_Page_GetXObjectName(pg, x) : NULL;
    if (!name) return 0;
    double m[6];
    bc_image_matrix(img, op->x, H - op->y - op->h, op->w, op->h, m);
    bc_buf_printf(b, "q %.4f %.4f %.4f %.4f %.4f %.4f cm /%s Do Q\n", m[0], m[1], m[2], m[3],
                  m[4], m[5], name);
    return 1;
}

void bc_image_xobjs_free(bc_image_xobjs *set)
{
    if (!set) return;
    free(set->v);
    set->v = NULL;
    set->n = set->cap = 0;
}
