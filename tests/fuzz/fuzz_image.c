/* fuzz_image.c — image files handed to s:image: any bytes are refused cleanly (image.c) or
   decoded and embedded as an XObject on a page of a libharu document (image_pdf.c), and
   downsampled to half their size as images.max_dpi does (image_scale.c, the disk cache off). */
#include <stdint.h>
#include <stdlib.h>

#include <hpdf.h>

#include "layout/image.h"
#include "pdf/image_pdf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setenv("BRIEFC_CACHE_DIR", "", 1); /* downsampled images are not kept */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_arena *a = bc_arena_new();
    bc_image *img = NULL;
    bc_error err;
    if (bc_image_decode(data, size, "fuzz.img", a, &img, &err) == BC_OK) {
        bc_image *half = NULL;
        if (img->w <= 2000 && img->h <= 2000 &&
            bc_image_downsample(img, img->w / 2 + 1, img->h / 2 + 1, 80, a, &half, &err) == BC_OK &&
            (!half || half->w > img->w || half->h > img->h))
            abort(); /* never larger, never NULL on success */
        if (half && half != img && (half->enc != img->enc || half->ncomp != img->ncomp)) abort();
        HPDF_Doc pdf = HPDF_New(NULL, NULL);
        HPDF_Page pg = pdf ? HPDF_AddPage(pdf) : NULL;
        if (pg) {
            bc_ops ops = {0};
            bc_image_op(&ops, img, 10, 10, 100, 50);
            bc_image_op(&ops, img, 10, 80, 100, 50); /* the same XObject again */
            bc_image_xobjs set = {0};
            bc_buf b = {0};
            for (int i = 0; i < ops.n; i++) bc_image_draw(pdf, pg, &set, &ops.v[i], 842, &b);
            if (set.n > 1) abort(); /* one image, one XObject */
            HPDF_SaveToStream(pdf);
            bc_buf_free(&b);
            bc_image_xobjs_free(&set);
            bc_ops_free(&ops);
        }
        HPDF_Free(pdf);
    }
    bc_arena_free(a);
    return 0;
}
