/*
** image.h — PNG, JPEG and SVG images (SVG: svg.h, kept as vector paths): read through the one file door, validated and decoded by
** libpng and libjpeg-turbo, made ready to embed as PDF image XObjects.
**
** Pipeline: s:image (api.c) -> bc_image_load (here) -> a BC_BLOCK_IMAGE block (doc.h) ->
** bc_image_place (here, from layout.c) -> a BC_OP_IMAGE op -> image_pdf.c (from pdf.c).
** Nothing reaches libharu unchecked: libharu 2.3 aborts the process on a corrupt PNG and embeds
** a truncated JPEG without complaint (see the shared libharu notes), so every image is decoded
** in full here first, with the decoders' errors caught (setjmp inside this file only, never
** across Lua, libharu or zlib frames) and their warnings taken as errors.
**   - The size in the header is checked before any pixel is decoded: at most
**     BC_IMAGE_MAX_SIDE pixels a side and BC_IMAGE_MAX_PIXELS in all (decompression bombs).
**   - JPEG is passed through as it is (/DCTDecode), never re-encoded: grey, RGB (YCbCr) and
**     CMYK (Adobe's inverted CMYK gets /Decode [1 0 1 0 1 0 1 0]); baseline and progressive;
**     its EXIF orientation is honoured by the matrix that draws it (bc_image_matrix).
**   - An ICC profile (PNG iCCP, JPEG APP2) whose colour space matches the samples is kept
**     (/ICCBased); any other is dropped and the device colour space used.
**   - PNG (any colour type, 1 to 16 bits, interlaced or not) is decoded to 8 bits a sample
**     and stored deflated with the PNG Paeth predictor (/DecodeParms /Predictor 15), its
**     alpha channel, unless fully opaque, as a separate soft mask.
** The decoded payload lives in the caller's arena (the document's), charged to its budget.
*/
#ifndef BC_IMAGE_H
#define BC_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "base/fileio.h"
#include "base/util.h"
#include "doc/doc.h"

#define BC_IMAGE_MAX_PIXELS 100000000LL /* 100 megapixels */
#define BC_IMAGE_MAX_SIDE 30000

typedef enum { BC_IMAGE_DCT, BC_IMAGE_FLATE, BC_IMAGE_VECTOR } bc_image_enc;

typedef struct bc_image {
    int w, h;                  /* pixels */
    int ncomp;                 /* 1 grey, 3 RGB, 4 CMYK */
    bc_image_enc enc;          /* DCT: data is the JPEG file; FLATE: deflated, Paeth-predicted;
                                  VECTOR: an SVG drawn as paths, data a vec.h blob (w, h: its
                                  size in CSS pixels) */
    int adobe_invert;          /* CMYK JPEG written by Adobe: samples stored inverted */
    int orient;                /* EXIF orientation 1..8 (JPEG; 1 for PNG): drawn turned so */
    const unsigned char *data; /* the image stream's bytes */
    size_t len;
    const unsigned char *alpha; /* deflated, Paeth-predicted 8-bit soft mask, or NULL */
    size_t alpha_len;
    const unsigned char *icc; /* the embedded ICC profile (its colour space checked against
                                  ncomp), or NULL: the device colour space */
    size_t icc_len;
    uint64_t hash;    /* of everything above: equal images are embedded once */
    const char *file; /* as the brief named it */
    const char *alt;  /* this use's alternative text (for a tagged PDF's /Alt), or NULL:
                                  decorative, an artifact */
} bc_image;

/* The block that places one: bc_image_block, in doc/doc.h (BC_BLOCK_IMAGE). */

/*
** Validates and decodes an image held in memory (PNG or JPEG, told apart by their signatures)
** into a bc_image in a (payload included). shown names the image in messages. BC_ERR with a
** message for anything not a complete, valid image within the limits.
*/
bc_status bc_image_decode(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                          bc_image **out, bc_error *err);

/*
** Downsampling (image_scale.c): img reduced to tw x th pixels by area averaging and re-encoded
** (JPEG at quality 1..100; PNG pixels and soft mask losslessly), kept in the on-disk cache by
** content and settings. *out is img itself when there is nothing to do (not smaller, vector
** art, CMYK); BC_ERR with a message when the image cannot be decoded again.
*/
bc_status bc_image_downsample(bc_image *img, int tw, int th, int quality, bc_arena *a,
                              bc_image **out, bc_error *err);

/* Reads path through the file door (fileio.h, a data file inside roots) and decodes it. */
bc_status bc_image_load(const char *path, const char *shown, const bc_file_roots *roots,
                        bc_arena *a, bc_image **out, bc_error *err);

/*
** Where an image block goes across a measure: its box's width and height in points (from the
** width, the height and the aspect ratio; never wider than the measure nor taller than max_h,
** shrunk as a whole to fit) and its x offset by the alignment.
*/
void bc_image_place(const bc_image_block *ib, double measure, double max_h, double *x, double *w,
                    double *h);

/* Appends the ops that draw an image block across a measure, its box's top at y = 0 (the
   image, clipped to the box when fit is cover). Returns the box's height. */
struct bc_ops;
double bc_image_lay(const bc_image_block *ib, struct bc_ops *o, double measure, double max_h);

/* A batch worker's image crossing to the parent (combine.c): the image as bytes, framed as
   combine's payloads are (a uint32 length, then that many bytes), appended to out; and back,
   into a, its pixels left in p, which must outlive it (NULL when the bytes are not an image
   packed by this binary). */
void bc_image_pack(const bc_image *img, bc_buf *out);
const bc_image *bc_image_unpack(const char *p, size_t n, bc_arena *a);

/* The warnings met reading a vector image ("line: message" lines, line of the SVG file), or
   NULL when none. */
const char *bc_image_warnings(const bc_image *img, size_t *len);

/* Width / height as shown (after the EXIF orientation). */
double bc_image_aspect(const bc_image *img);

/* The PDF matrix (a b c d e f) that draws img upright into the box at (x0, y0) (bottom-left,
   PDF space), w x h points. */
void bc_image_matrix(const bc_image *img, double x0, double y0, double w, double h, double m[6]);

/* A running header's logo: img w points wide (shrunk to at most 24 points high), its bottom at
   y = bottom, its left at x, drawn as an artifact. Returns the room it takes with the gap
   after it. */
double bc_image_header(struct bc_ops *o, const bc_image *img, double w, double x, double bottom);

/* Fills img as vector art: the vec.h blob (len bytes, kept), w x h its size (points or CSS
   pixels: only the ratio counts), name its name in the dump; its hash made. */
void bc_image_vector(bc_image *img, const unsigned char *blob, size_t len, double w, double h,
                     const char *name);

/* Appends a BC_OP_IMAGE drawing img at (x, y) top-left, w x h points. */
void bc_image_op(struct bc_ops *o, const bc_image *img, double x, double y, double w, double h);

/* Frees the decoded images kept by file (cli/process.h: one teardown for the process). */
void bc_image_release(void);

#endif
