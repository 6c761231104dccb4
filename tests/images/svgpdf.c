/* svgpdf.c — svgpdf IN.svg OUT.pdf: the SVG read by briefc (layout/svg.c) and drawn as its Form
   XObject (pdf/image_pdf.c) on a page of exactly its size (one point a CSS pixel), so that
   pdftoppm -r 72 renders it pixel for pixel as rsvg-convert does; its warnings go to stderr.
   Exit 1 with briefc's message when the file is refused. Used by tests/e2e/svg.sh. */
#include <stdio.h>
#include <stdlib.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "base/fileio.h"
#include "layout/image.h"
#include "pdf/image_pdf.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: svgpdf IN.svg OUT.pdf\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    bc_buf in = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) bc_buf_add(&in, chunk, n);
    fclose(f);
    bc_arena *a = bc_arena_new();
    bc_image *img = NULL;
    bc_error err;
    if (bc_image_decode((const unsigned char *)in.data, in.len, argv[1], a, &img, &err) != BC_OK) {
        fprintf(stderr, "%s:%d: error: %s\n", err.file, err.line, err.msg);
        return 1;
    }
    size_t wl;
    const char *w = bc_image_warnings(img, &wl);
    if (w) fprintf(stderr, "%.*s", (int)wl, w);
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Page pg = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(pg, (HPDF_REAL)img->w);
    HPDF_Page_SetHeight(pg, (HPDF_REAL)img->h);
    bc_ops ops = {0};
    bc_image_op(&ops, img, 0, 0, img->w, img->h);
    bc_image_xobjs set = {0};
    bc_buf b = {0};
    if (!bc_image_draw(pdf, pg, &set, &ops.v[0], img->h, &b)) {
        fprintf(stderr, "draw failed\n");
        return 1;
    }
    HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
    HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    if (HPDF_SaveToFile(pdf, argv[2]) != HPDF_OK) {
        fprintf(stderr, "cannot write %s\n", argv[2]);
        return 2;
    }
    HPDF_Free(pdf);
    bc_image_xobjs_free(&set);
    bc_ops_free(&ops);
    bc_buf_free(&b);
    bc_buf_free(&in);
    bc_arena_free(a);
    return 0;
}
