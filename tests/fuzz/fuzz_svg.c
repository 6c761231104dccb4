/* fuzz_svg.c — SVG files handed to s:image: any bytes are refused cleanly (svg.c) or read into
   vector art whose blob is well formed (vec.h) and drawn as a Form XObject on a page of a
   libharu document (image_pdf.c), twice, as one XObject; the document is written. The seeds are the
   conformance set (tests/images/svg) and hostile files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "layout/image.h"
#include "layout/svg.h"
#include "layout/vec.h"
#include "pdf/image_pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_arena *a = bc_arena_new();
    bc_image img;
    bc_error err;
    memset(&img, 0, sizeof img);
    img.file = "fuzz.svg";
    if (bc_svg_decode(data, size, "fuzz.svg", a, &img, &err) == BC_OK) {
        bc_vec_view v;
        if (!bc_vec_view_of(img.data, img.len, &v)) abort(); /* svg.c made a blob it cannot read */
        HPDF_Doc pdf = HPDF_New(NULL, NULL);
        HPDF_Page pg = pdf ? HPDF_AddPage(pdf) : NULL;
        if (pg) {
            bc_ops ops = {0};
            bc_image_op(&ops, &img, 10, 10, 100, 50);
            bc_image_op(&ops, &img, 10, 80, 100, 50);
            bc_image_xobjs set = {0};
            bc_buf b = {0};
            for (int i = 0; i < ops.n; i++) bc_image_draw(pdf, pg, &set, &ops.v[i], 842, &b);
            if (set.n > 1) abort(); /* one drawing, one XObject */
            HPDF_SaveToStream(pdf);
            bc_buf_free(&b);
            bc_image_xobjs_free(&set);
            bc_ops_free(&ops);
        }
        HPDF_Free(pdf);
    } else if (!err.msg[0]) {
        abort(); /* a refusal always says why */
    }
    bc_arena_free(a);
    return 0;
}
