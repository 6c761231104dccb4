/*
** image_pdf.c — image XObjects for the PDF back end (pdf.c), written through libharu's object
** API from images image.c has validated: libharu's own PNG and JPEG loaders never see a byte.
**
** Vector art (an SVG, vec.h) becomes a Form XObject drawing into the same unit box.
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

#include "layout/vec.h"
#include "pdf/embed.h"

/* {====================================================== vector art as a Form XObject */

static HPDF_Array num_array(HPDF_Doc pdf, const float *v, int n)
{
    HPDF_Array a = HPDF_Array_New(pdf->mmgr);
    if (!a) return NULL;
    for (int i = 0; i < n; i++)
        if (HPDF_Array_AddReal(a, v[i]) != HPDF_OK) return NULL;
    return a;
}

/* An exponential (type 2) function from colour c0 to c1 over [0 1]; grey: the low byte only
   (a soft mask's opacity). */
static HPDF_Dict ramp(HPDF_Doc pdf, uint32_t c0, uint32_t c1, int grey)
{
    HPDF_Dict f = HPDF_Dict_New(pdf->mmgr);
    if (!f) return NULL;
    float a[3], b[3], dom[2] = {0, 1};
    int n = grey ? 1 : 3;
    for (int i = 0; i < n; i++) {
        int sh = grey ? 0 : 16 - 8 * i;
        a[i] = (float)((c0 >> sh) & 255) / 255.0f;
        b[i] = (float)((c1 >> sh) & 255) / 255.0f;
    }
    HPDF_STATUS r = HPDF_Dict_AddNumber(f, "FunctionType", 2);
    r |= HPDF_Dict_Add(f, "Domain", num_array(pdf, dom, 2));
    r |= HPDF_Dict_Add(f, "C0", num_array(pdf, a, n));
    r |= HPDF_Dict_Add(f, "C1", num_array(pdf, b, n));
    r |= HPDF_Dict_AddNumber(f, "N", 1);
    return r == HPDF_OK ? f : NULL;
}

/*
** spreadMethod reflect or repeat: the stops' function fn over [0 1] used once a period of the
** shading's domain [dom0 dom1] (whole numbers), by a stitching function whose Encode runs each
** period forwards (repeat) or every other one backwards (reflect). fn is made an indirect
** object so that the array holds references to one copy.
*/
static HPDF_Dict periodic(HPDF_Doc pdf, HPDF_Dict fn, const bc_vres *v)
{
    int k0 = (int)v->dom[0], k1 = (int)v->dom[1];
    HPDF_Dict f = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array fs = HPDF_Array_New(pdf->mmgr), bounds = HPDF_Array_New(pdf->mmgr);
    HPDF_Array enc = HPDF_Array_New(pdf->mmgr);
    if (!f || !fs || !bounds || !enc || HPDF_Xref_Add(pdf->xref, fn) != HPDF_OK) return NULL;
    float dom[2] = {(float)k0, (float)k1};
    HPDF_STATUS r = HPDF_Dict_AddNumber(f, "FunctionType", 3);
    r |= HPDF_Dict_Add(f, "Domain", num_array(pdf, dom, 2));
    for (int j = k0; j < k1 && r == HPDF_OK; j++) {
        int back = v->spread == 1 && (j % 2 + 2) % 2 == 1;
        r |= HPDF_Array_Add(fs, fn);
        if (j > k0) r |= HPDF_Array_AddNumber(bounds, j);
        r |= HPDF_Array_AddNumber(enc, back ? 1 : 0);
        r |= HPDF_Array_AddNumber(enc, back ? 0 : 1);
    }
    r |= HPDF_Dict_Add(f, "Functions", fs);
    r |= HPDF_Dict_Add(f, "Bounds", bounds);
    r |= HPDF_Dict_Add(f, "Encode", enc);
    return r == HPDF_OK ? f : NULL;
}

/* The shading (type 2 axial, 3 radial) of a gradient, in RGB or, for a soft mask, grey. */
static HPDF_Dict shading(HPDF_Doc pdf, const bc_vres *v, int grey)
{
    HPDF_Dict fn;
    if (v->nstops == 1) {
        fn = ramp(pdf, v->rgb[0], v->rgb[0], grey);
    } else { /* a stitching function over the stops */
        fn = HPDF_Dict_New(pdf->mmgr);
        HPDF_Array fs = HPDF_Array_New(pdf->mmgr), bounds = HPDF_Array_New(pdf->mmgr);
        HPDF_Array enc = HPDF_Array_New(pdf->mmgr);
        float dom[2] = {0, 1};
        if (!fn || !fs || !bounds || !enc) return NULL;
        HPDF_STATUS r = HPDF_Dict_AddNumber(fn, "FunctionType", 3);
        r |= HPDF_Dict_Add(fn, "Domain", num_array(pdf, dom, 2));
        for (uint32_t i = 0; i + 1 < v->nstops; i++) {
            r |= HPDF_Array_Add(fs, ramp(pdf, v->rgb[i], v->rgb[i + 1], grey));
            if (i > 0) r |= HPDF_Array_AddReal(bounds, v->off[i]);
            r |= HPDF_Array_AddReal(enc, 0);
            r |= HPDF_Array_AddReal(enc, 1);
        }
        r |= HPDF_Dict_Add(fn, "Functions", fs);
        r |= HPDF_Dict_Add(fn, "Bounds", bounds);
        r |= HPDF_Dict_Add(fn, "Encode", enc);
        if (r != HPDF_OK) return NULL;
    }
    int spread = v->spread && v->dom[1] > v->dom[0];
    if (spread && fn) fn = periodic(pdf, fn, v);
    HPDF_Dict sh = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array ext = HPDF_Array_New(pdf->mmgr);
    if (!fn || !sh || !ext) return NULL;
    int radial = v->kind == BC_VRES_RADIAL || v->kind == BC_VRES_MASK_RADIAL;
    HPDF_STATUS r = HPDF_Dict_AddNumber(sh, "ShadingType", radial ? 3 : 2);
    r |= HPDF_Dict_AddName(sh, "ColorSpace", grey ? "DeviceGray" : "DeviceRGB");
    r |= HPDF_Dict_Add(sh, "Coords", num_array(pdf, v->c, radial ? 6 : 4));
    r |= HPDF_Dict_Add(sh, "Function", fn);
    if (spread) r |= HPDF_Dict_Add(sh, "Domain", num_array(pdf, v->dom, 2));
    r |= HPDF_Array_Add(ext, HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
    r |= HPDF_Array_Add(ext, HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
    r |= HPDF_Dict_Add(sh, "Extend", ext);
    return r == HPDF_OK ? sh : NULL;
}

/* A shading pattern (PatternType 2) for an axial or radial gradient. */
static HPDF_Dict shading_pattern(HPDF_Doc pdf, const bc_vres *v)
{
    HPDF_Dict sh = shading(pdf, v, 0), pat = HPDF_Dict_New(pdf->mmgr);
    if (!sh || !pat) return NULL;
    HPDF_STATUS r = HPDF_Dict_AddName(pat, "Type", "Pattern");
    r |= HPDF_Dict_AddNumber(pat, "PatternType", 2);
    r |= HPDF_Dict_Add(pat, "Shading", sh);
    r |= HPDF_Dict_Add(pat, "Matrix", num_array(pdf, v->m, 6));
    return r == HPDF_OK ? pat : NULL;
}

/*
** SVG stop-opacity: an ExtGState whose luminosity soft mask is a transparency group painting
** the gradient's opacities as grey (its matrix m taking the gradient's space to the user space
** where the state is set), so the shape painted under it fades as the stops say.
*/
static HPDF_Dict mask_state(HPDF_Doc pdf, const bc_vres *v)
{
    char ops[200];
    snprintf(ops, sizeof ops, "q %.6g %.6g %.6g %.6g %.6g %.6g cm /S0 sh Q\n", v->m[0], v->m[1],
             v->m[2], v->m[3], v->m[4], v->m[5]);
    HPDF_Dict form = bc_embed_stream(pdf, ops, strlen(ops)), sh = shading(pdf, v, 1);
    HPDF_Dict res = HPDF_Dict_New(pdf->mmgr), shs = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict grp = HPDF_Dict_New(pdf->mmgr), mask = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict g = HPDF_Dict_New(pdf->mmgr);
    if (!form || !sh || !res || !shs || !grp || !mask || !g) return NULL;
    float bbox[4] = {-32000, -32000, 32000, 32000}; /* libharu's largest reals */
    HPDF_STATUS r = HPDF_Dict_AddName(form, "Type", "XObject");
    r |= HPDF_Dict_AddName(form, "Subtype", "Form");
    r |= HPDF_Dict_Add(form, "BBox", num_array(pdf, bbox, 4));
    r |= HPDF_Dict_Add(shs, "S0", sh);
    r |= HPDF_Dict_Add(res, "Shading", shs);
    r |= HPDF_Dict_Add(form, "Resources", res);
    r |= HPDF_Dict_AddName(grp, "Type", "Group");
    r |= HPDF_Dict_AddName(grp, "S", "Transparency");
    r |= HPDF_Dict_AddName(grp, "CS", "DeviceGray");
    r |= HPDF_Dict_Add(form, "Group", grp);
    r |= HPDF_Dict_AddName(mask, "Type", "Mask");
    r |= HPDF_Dict_AddName(mask, "S", "Luminosity");
    r |= HPDF_Dict_Add(mask, "G", form);
    r |= HPDF_Dict_AddName(g, "Type", "ExtGState");
    r |= HPDF_Dict_Add(g, "SMask", mask);
    return r == HPDF_OK ? g : NULL;
}

/* The Form XObject for vector art: its content stream deflated, drawing into the unit square
   (the same box an image's XObject fills), its opacities and gradients as resources. */
static HPDF_Dict make_form(HPDF_Doc pdf, const bc_image *img)
{
    bc_vec_view v;
    if (!bc_vec_view_of(img->data, img->len, &v)) return NULL;
    HPDF_Dict x = bc_embed_stream(pdf, v.stream, v.stream_len); /* deflated there */
    HPDF_Dict res = HPDF_Dict_New(pdf->mmgr), gs = NULL, pats = NULL;
    float bbox[4] = {0, 0, 1, 1};
    if (!x || !res) return NULL;
    HPDF_STATUS r = HPDF_Dict_AddName(x, "Type", "XObject");
    r |= HPDF_Dict_AddName(x, "Subtype", "Form");
    r |= HPDF_Dict_Add(x, "BBox", num_array(pdf, bbox, 4));
    for (uint32_t i = 0; i < v.nres && r == HPDF_OK; i++) {
        bc_vres e;
        bc_vec_res(&v, i, &e);
        char name[16];
        snprintf(name, sizeof name, "R%u", i);
        if (e.kind == BC_VRES_MASK_AXIAL || e.kind == BC_VRES_MASK_RADIAL) {
            HPDF_Dict g = mask_state(pdf, &e);
            if (!gs) gs = HPDF_Dict_New(pdf->mmgr);
            if (!g || !gs) return NULL;
            r |= HPDF_Dict_Add(gs, name, g);
        } else if (e.kind == BC_VRES_ALPHA) {
            HPDF_Dict g = HPDF_Dict_New(pdf->mmgr);
            if (!gs) gs = HPDF_Dict_New(pdf->mmgr);
            if (!g || !gs) return NULL;
            r |= HPDF_Dict_AddName(g, "Type", "ExtGState");
            r |= HPDF_Dict_AddReal(g, "ca", e.fill_a);
            r |= HPDF_Dict_AddReal(g, "CA", e.stroke_a);
            r |= HPDF_Dict_Add(gs, name, g);
        } else {
            HPDF_Dict p = shading_pattern(pdf, &e);
            if (!pats) pats = HPDF_Dict_New(pdf->mmgr);
            if (!p || !pats) return NULL;
            r |= HPDF_Dict_Add(pats, name, p);
        }
    }
    if (gs) r |= HPDF_Dict_Add(res, "ExtGState", gs);
    if (pats) r |= HPDF_Dict_Add(res, "Pattern", pats);
    r |= HPDF_Dict_Add(x, "Resources", res);
    return r == HPDF_OK ? x : NULL;
}

/* }====================================================== */

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
    if (img->enc == BC_IMAGE_VECTOR) return make_form(pdf, img);
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
            (!o->icc || !memcmp(o->icc, img->icc, img->icc_len)) &&
            !memcmp(o->data, img->data, img->len) &&
            (!o->alpha || !memcmp(o->alpha, img->alpha, img->alpha_len)))
            return set->v[i].x;
    }
    HPDF_Dict x = make_xobject(pdf, img);
    if (!x) return NULL;
    BC_GROW(set->v, set->n, set->cap, 8);
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
    bc_buf_printf(b, "q %.4f %.4f %.4f %.4f %.4f %.4f cm /%s Do Q\n", m[0], m[1], m[2], m[3], m[4],
                  m[5], name);
    return 1;
}

void bc_image_xobjs_free(bc_image_xobjs *set)
{
    if (!set) return;
    free(set->v);
    set->v = NULL;
    set->n = set->cap = 0;
}
