/*
** vec_text.h — the text runs of vector art (an SVG's <text>, vec.h) as text ops in the brief's
** fonts, laid over the art where layout placed it (vec_text.c).
*/
#ifndef BC_VEC_TEXT_H
#define BC_VEC_TEXT_H

#include "layout/fontset.h"
#include "layout/ops.h"

/* For every BC_OP_IMAGE of vector art among o's ops from index from on, appends text ops for
   its runs, scaled into the op's box; strings copied into a, fonts marked used. BC_ERR with
   err set when a font cannot be loaded. */
bc_status bc_vec_texts(bc_ops *o, int from, bc_fontset *fs, bc_arena *a, bc_error *err);

#endif
