/*
** pdf_int.h — what the parts of the PDF back end share (pdf.c drives, pdf_fonts.c maps and
** embeds the fonts): the writer's state (W) and the glyph map of shaped text, and the
** functions they call across files (prefix bc_pdf_). Not for use outside core/pdf/.
*/
#ifndef BC_PDF_INT_H
#define BC_PDF_INT_H

#include <stdint.h>

#include <hpdf.h>

#include "pdf/pdf.h"
#include "pdf/embed.h"
#include "pdf/image_pdf.h"
#include "pdf/pdf_tags.h"
#include "text/shape.h"

/* What each glyph of a shaped op stands for and the order to draw them in. */
typedef struct gmap {
    uint32_t *ts, *te; /* glyph i stands for text bytes [ts[i], te[i]); empty when equal */
    uint32_t *starts;  /* the clusters' starts, ascending, each once (nstarts) */
    int nstarts;
    int multi; /* some cluster has several glyphs (the op gets /ActualText) */
    int cap;
} gmap;

typedef struct W {
    HPDF_Doc pdf;
    HPDF_STATUS code; /* first libharu error, 0 when none */
    HPDF_STATUS detail;
    HPDF_Dict font[BC_FONT_SLOTS];      /* embedded Type0 fonts */
    bc_subset sub[BC_FONT_SLOTS];       /* their subsets: code point -> glyph id */
    uint16_t ascii[BC_FONT_SLOTS][128]; /* the same for ASCII, looked up once */
    bc_buf zbuf;                        /* reused deflate output */
    int zmemo_pages; /* page contents go through zmemo.h (a short document: see pdf.c) */
    struct ilink {
        int page, se;
        HPDF_Rect r;
        const char *name;
    } * links; /* links inside the doc */
    int nlinks;
    int cur_page;
    bc_fontset *fs;
    bc_error *err;
    int own_error;         /* err already says what failed (code is then set too) */
    bc_image_xobjs images; /* one XObject per distinct image (image_pdf.h) */
    bc_pdftags *tags;      /* marked content and structure, or NULL (--pdf-standard none) */
    const char *lang;      /* the document's language: shaped text is drawn as layout set it */
    struct gmap gm;        /* scratch for shaped text: what each glyph stands for */
    double *pen;           /* … and where it goes */
    int cap_pen;
    struct bc_pdf_emoji *emoji; /* colour emoji (pdf_emoji.c), NULL when the text has none */
} W;

/* pdf.c */
bc_status bc_pdf_check(W *w, const char *what);

/* pdf_fonts.c */
const bc_glyph *bc_pdf_shape_op(W *w, const bc_op *op, bc_shaped *sh);
void bc_pdf_reverse_chars(const char *s, size_t n, char *out);
void bc_pdf_gmap_free(gmap *m);
void bc_pdf_map_glyphs(bc_font *f, const bc_op *op, const bc_shaped *sh, gmap *m);
/* The code glyph k of shaped op is drawn with, after bc_pdf_map_glyphs into w->gm. */
uint16_t bc_pdf_glyph_code(W *w, const bc_op *op, const bc_shaped *sh, int k);
bc_status bc_pdf_use_shaped_glyphs(W *w, const bc_layout *lay);
bc_status bc_pdf_load_fonts(W *w);

/* pdf_emoji.c: colour emoji as images over invisible text (BC_FONT_EMOJI ops) */
typedef struct bc_pdf_emoji bc_pdf_emoji;
/* Gives the characters of emoji op (shaped into sh, mapped by m) their codes, in reading
   order; then bc_pdf_emoji_font makes the fonts that hold them. */
void bc_pdf_emoji_collect(W *w, const bc_op *op, const bc_shaped *sh, const gmap *m);
bc_status bc_pdf_emoji_font(W *w);
/* Inside a text object: op's text, invisible; its pictures queued for the page's end (the text
   line matrix is left at op's origin: *tlm_x, *tlm_y). */
void bc_pdf_emoji_text(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, double *tlm_x,
                       double *tlm_y);
/* Outside any text object, at the page's end: the queued pictures, as artifacts. */
void bc_pdf_emoji_flush(W *w, HPDF_Page pg, double H, bc_buf *b);
void bc_pdf_emoji_free(W *w);

#endif
