/*
** vec_textpath.h — text along a path in vector art (SVG <textPath>, vec.h's path records),
** laid as text ops in the brief's fonts, a character at a time (vec_textpath.c).
*/
#ifndef BC_VEC_TEXTPATH_H
#define BC_VEC_TEXTPATH_H

#include "layout/fontset.h"
#include "layout/ops.h"
#include "layout/vec.h"

/* The group of runs along a path that starts with first (its bytes s; *off just past it, and
   moved past the group's other runs): text ops along path (the last path record's bytes, or
   NULL when there was none: nothing drawn) in im's box, at most *budget glyphs (counted
   down; a text op a glyph, where a straight run is one op: a drawing's glyphs on paths are
   capped at BC_VEC_PATH_GLYPHS). BC_ERR with err set when a font cannot be loaded. */
#define BC_VEC_PATH_GLYPHS 100000
bc_status bc_vec_text_on_path(bc_ops *o, const bc_op *im, const bc_vec_view *v, size_t *off,
                              const bc_vtext *first, const char *s, const char *path,
                              size_t path_len, bc_fontset *fs, bc_arena *a, long *budget,
                              bc_error *err);

#endif
