/*
** ops.h — drawing operations: what layout produces and the PDF back end draws.
**
** Coordinates are points with the origin at the top-left of the area being built and y
** growing downwards (text y is the baseline). pdf.c flips them into PDF space. A bc_ops is
** a growable list; layout builds pieces into one and copies them onto pages.
*/
#ifndef BC_OPS_H
#define BC_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define BC_NO_COLOR 0xFFFFFFFFu

typedef enum {
    BC_OP_TEXT,   /* text at (x, y) baseline, rotated by angle degrees */
    BC_OP_RECT,   /* rectangle (x, y) top-left, w x h; fill and/or stroke */
    BC_OP_LINE,   /* from (x, y) to (x + w, y + h) */
    BC_OP_LINK,   /* clickable area (x, y, w, h) to the URL in text */
    BC_OP_DEST,   /* a named destination for an internal link (reserved) */
    BC_OP_POLY,   /* closed polygon: len points (x, y pairs of floats) at text; fill/stroke */
    BC_OP_CLIP,   /* start clipping to the polygon (as BC_OP_POLY) or, with len 0, to the rect */
    BC_OP_UNCLIP, /* end the innermost clip */
    BC_OP_NOTE,   /* layout only, never on a page: footnote number len is referenced here */
    BC_OP_IMAGE   /* image (x, y) top-left, w x h: text points at its bc_image (image.h) */
} bc_op_kind;

/* How a text op's glyphs are found: plain text through the font's cmap with its GPOS pair
   kerning (Latin, Greek, Cyrillic, CJK), or shaped by HarfBuzz left to right or right to left
   (text/shape.h) with the op's language, else the document's. Layout measures and the PDF
   draws it the same way. The text is always in logical order. */
enum { BC_TEXT_PLAIN = 0, BC_TEXT_LTR = 1, BC_TEXT_RTL = 2 };

/* bc_op.frame: pagination artifacts (tagged PDF: /Artifact /Type /Pagination). */
enum { BC_FRAME_HEADER = 1, BC_FRAME_FOOTER = 2 };

/* 64 bytes: a 500-page document holds a few hundred thousand of these twice (layout's pool and
   the pages), so the pointers come first and the small fields share bytes. */
typedef struct bc_op {
    const char *text; /* UTF-8 (text) or URL (link); owned by the layout arena */
    const char *lang; /* text: its run's BCP 47 tag (bc_run.lang) or NULL; layout arena */
    float size;       /* font size (text) */
    float x, y, w, h;
    float lw;              /* line width (stroke) */
    float angle;           /* text rotation in degrees, counter-clockwise */
    uint32_t fill, stroke; /* 0xRRGGBB or BC_NO_COLOR; text uses fill */
    uint32_t len;          /* bytes of text: one run of one line, or a URL */
    int se;                /* structure element (tags.h) the content belongs to; 0 artifact */
    unsigned char kind;
    unsigned char font;       /* BC_FONT_* slot, text only */
    unsigned char dash : 2;   /* line: 0 solid, 1 dashed, 2 dotted */
    unsigned char dir : 2;    /* text: BC_TEXT_PLAIN, or shaped (shape.h) in one direction */
    unsigned char frame : 2;  /* an artifact of the page frame: BC_FRAME_HEADER, _FOOTER or 0 */
    unsigned char joined : 1; /* text: after a gap with no space in the text (a quarter em between
                                 CJK and Latin, layout/cjkpunct.c): no reader may read one */
} bc_op;

_Static_assert(sizeof(bc_op) == 64, "bc_op grew: layout memory is per operation");

typedef struct bc_ops {
    bc_op *v;
    int n, cap;
} bc_ops;

bc_op *bc_ops_push(bc_ops *o);
void bc_ops_free(bc_ops *o);
/* Gives back the room beyond n + spare operations (growth doubles, so a finished list holds
   up to half again its size in room it will not use). */
void bc_ops_trim(bc_ops *o, int spare);

/* Appends text (already copied into an arena by the caller). */
void bc_ops_text(bc_ops *o, int font, double size, uint32_t color, double x, double y,
                 const char *text, size_t len);
void bc_ops_rect(bc_ops *o, double x, double y, double w, double h, uint32_t fill, uint32_t stroke,
                 double lw);
void bc_ops_line(bc_ops *o, double x1, double y1, double x2, double y2, uint32_t color, double lw,
                 int dash);
void bc_ops_link(bc_ops *o, double x, double y, double w, double h, const char *url);
/* pts: n (x, y) pairs, owned by the caller's arena. */
void bc_ops_poly(bc_ops *o, const float *pts, int n, uint32_t fill, uint32_t stroke, double lw);
void bc_ops_clip_rect(bc_ops *o, double x, double y, double w, double h);
void bc_ops_clip_poly(bc_ops *o, const float *pts, int n);
void bc_ops_unclip(bc_ops *o);

#endif
