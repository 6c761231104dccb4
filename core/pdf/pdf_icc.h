/*
** pdf_icc.h — a compact sRGB ICC profile (v4.2, display class) for the PDF/A output intent,
** computed from the published sRGB primaries, white point and transfer curve (pdf_icc.c).
*/
#ifndef BC_PDF_ICC_H
#define BC_PDF_ICC_H

#include <stddef.h>

#define BC_ICC_SRGB_MAX 512 /* the profile's size is below this */

/* The profile's bytes (built once per process, the same every time) and its length. */
const unsigned char *bc_icc_srgb(size_t *len);

#endif
