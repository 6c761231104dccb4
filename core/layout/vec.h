/*
** vec.h — vector art (an SVG file, a map) kept as vector paths: one self-contained blob that
** the PDF back end turns into a Form XObject (image_pdf.c) and that travels wherever a
** bc_image's bytes travel (the process's image cache, a batch worker's pack, the content hash
** that embeds equal art once).
**
** Pipeline: svg.c (or a map) builds a blob with a bc_vec_builder -> bc_image (enc
** BC_IMAGE_VECTOR, data = the blob) -> a BC_OP_IMAGE op -> image_pdf.c draws the Form.
** The blob holds:
**   - a PDF content stream drawing the art into the unit square (0..1 both ways, y up), using
**     only path, colour, line-style and gs/scn operators, with resources named /R0, /R1 …;
**   - the resources: fill and stroke opacities (ExtGState, allowed by PDF/A-2) and axial or
**     radial shadings (shading patterns) with up to BC_VEC_STOPS stops, their matrices in the
**     Form's space;
**   - text runs (SVG <text>), drawn by layout as ordinary text ops in the brief's fonts on top
**     of the Form (vec_text.c), each with its place in the viewport (CSS px, y down), size,
**     angle, colour, weight, style, family and anchor;
**   - the warnings met while reading the source ("12: <filter> is not supported …", one a line,
**     each starting with the source line), reported by whoever loaded it.
** Everything in a blob is checked by bc_vec_view before use, so a damaged blob is refused,
** never read past its end.
*/
#ifndef BC_VEC_H
#define BC_VEC_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define BC_VEC_STOPS 16
#define BC_VEC_PERIODS 512 /* a reflected or repeated gradient: periods at most */
#define BC_VEC_MAX_RES 4096

/* MASK_*: a soft mask (SVG stop-opacity), the gradient's stops' opacities as grey levels in
   rgb (0..255), m the gradient's space -> the user space where it is set (an ExtGState) */
typedef enum {
    BC_VRES_ALPHA = 1,
    BC_VRES_AXIAL = 2,
    BC_VRES_RADIAL = 3,
    BC_VRES_MASK_AXIAL = 4,
    BC_VRES_MASK_RADIAL = 5
} bc_vres_kind;

typedef struct bc_vres {
    uint32_t kind;           /* bc_vres_kind */
    uint32_t nstops;         /* shadings: 1..BC_VEC_STOPS */
    float fill_a, stroke_a;  /* alpha: /ca and /CA, 0..1 */
    float m[6];              /* shadings: pattern matrix, shading space -> Form space */
    float c[6];              /* axial x0 y0 x1 y1; radial fx fy 0 cx cy r (PDF's order) */
    float off[BC_VEC_STOPS]; /* stop offsets, rising, 0..1 */
    uint32_t rgb[BC_VEC_STOPS];
    uint32_t spread; /* shadings: 0 pad, 1 reflect, 2 repeat (SVG spreadMethod) */
    float dom[2];    /* reflect, repeat: the periods the coordinates span, whole numbers
                                 (the stops' [0 1] repeated over [dom[0] dom[1]]) */
} bc_vres;

/* A checked view into a blob. */
/* A text run. Followed in the blob by len bytes of UTF-8 and padding to a multiple of 4. */
typedef struct bc_vtext {
    float x, y;  /* baseline start (anchor point), viewport px; a continuing run
                                 (cont): its dx, dy after the run before it */
    float size;  /* px */
    float angle; /* degrees counter-clockwise */
    uint32_t rgb;
    uint8_t anchor; /* 0 start, 1 middle, 2 end: of the group a run with cont 0 starts */
    uint8_t bold, italic, serif;
    uint8_t cont; /* goes on after the run before it */
    uint8_t path; /* 0 a run; 1 a path record (SVG <textPath>): its bytes are the polyline
                     "m x y x y … m x y …" in viewport px, ASCII, not drawn; 2 a run laid
                     along the last path record: x its start along the path (px), or with
                     cont its dx after the run before it (vec_textpath.c) */
    uint8_t pad[2];
    uint32_t len;
} bc_vtext;

#define BC_VEC_MAX_TEXT 10000 /* runs a drawing may carry */

typedef struct bc_vec_view {
    const char *stream; /* the content stream */
    size_t stream_len;
    const unsigned char *res; /* nres bc_vres, maybe unaligned: read with bc_vec_res */
    uint32_t nres;
    const char *warnings; /* "" when none */
    size_t warnings_len;
    const unsigned char *texts; /* bc_vtext records, each followed by its bytes */
    size_t texts_len;
    float vw, vh; /* the viewport, CSS px (the texts' space) */
} bc_vec_view;

/* The text run at *off in v (advanced past it), its bytes in *s; 0 at the end. */
int bc_vec_text_next(const bc_vec_view *v, size_t *off, bc_vtext *t, const char **s);

/* Fills v from a blob; 0 when the blob is not a well-formed one. */
int bc_vec_view_of(const unsigned char *blob, size_t len, bc_vec_view *v);

/* Copies resource i (< v->nres) out of the view. */
void bc_vec_res(const bc_vec_view *v, uint32_t i, bc_vres *out);

/* Building a blob. Zero it to start. */
typedef struct bc_vec_builder {
    bc_buf content; /* the content stream being written */
    bc_vres *res;
    uint32_t nres, cap;
    bc_buf warnings;
    bc_buf texts;
    uint32_t ntexts;
    float vw, vh; /* set by the caller before bc_vec_finish (texts need them) */
} bc_vec_builder;

/* Appends a text run (s, len bytes of UTF-8); 0 when over BC_VEC_MAX_TEXT. */
int bc_vec_text(bc_vec_builder *b, const bc_vtext *t, const char *s, size_t len);

/* Index of an ExtGState with these opacities (shared), or -1 when over the cap. */
int bc_vec_alpha(bc_vec_builder *b, double fill_a, double stroke_a);
/* Index of a new shading resource (copied), or -1 when over the cap. */
int bc_vec_shading(bc_vec_builder *b, const bc_vres *r);
/* A number written compactly into the content stream, followed by a space. */
void bc_vec_num(bc_vec_builder *b, double v);
/* A warning line "line: message". */
void bc_vec_warn(bc_vec_builder *b, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The finished blob, in a; the builder is freed. */
const unsigned char *bc_vec_finish(bc_vec_builder *b, bc_arena *a, size_t *len);
void bc_vec_builder_free(bc_vec_builder *b);

#endif
