/*
** ops.c — the growable list of drawing operations.
*/
#include "layout/ops.h"

#include <stdlib.h>
#include <string.h>

bc_op *bc_ops_push(bc_ops *o)
{
    BC_GROW(o->v, o->n, o->cap, 256);
    bc_op *op = &o->v[o->n++];
    memset(op, 0, sizeof *op);
    op->fill = op->stroke = BC_NO_COLOR;
    return op;
}

void bc_ops_trim(bc_ops *o, int spare)
{
    if (!o || !o->v || spare < 0 || o->cap - o->n <= spare) return;
    int cap = o->n + spare;
    if (cap == 0) {
        bc_ops_free(o);
        return;
    }
    o->v = bc_xrealloc(o->v, (size_t)cap * sizeof *o->v);
    o->cap = cap;
}

void bc_ops_free(bc_ops *o)
{
    if (!o) return;
    free(o->v);
    o->v = NULL;
    o->n = o->cap = 0;
}

void bc_ops_text(bc_ops *o, int font, double size, uint32_t color, double x, double y,
                 const char *text, size_t len)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_TEXT;
    op->font = (unsigned char)font;
    op->size = (float)size;
    op->fill = color;
    op->x = (float)x;
    op->y = (float)y;
    op->text = text;
    op->len = len;
}

void bc_ops_rect(bc_ops *o, double x, double y, double w, double h, uint32_t fill, uint32_t stroke,
                 double lw)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_RECT;
    op->x = (float)x;
    op->y = (float)y;
    op->w = (float)w;
    op->h = (float)h;
    op->fill = fill;
    op->stroke = stroke;
    op->lw = (float)lw;
}

void bc_ops_line(bc_ops *o, double x1, double y1, double x2, double y2, uint32_t color, double lw,
                 int dash)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_LINE;
    op->x = (float)x1;
    op->y = (float)y1;
    op->w = (float)(x2 - x1);
    op->h = (float)(y2 - y1);
    op->stroke = color;
    op->lw = (float)lw;
    op->dash = (unsigned char)dash;
}

void bc_ops_link(bc_ops *o, double x, double y, double w, double h, const char *url)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_LINK;
    op->x = (float)x;
    op->y = (float)y;
    op->w = (float)w;
    op->h = (float)h;
    op->text = url;
    op->len = strlen(url);
}

void bc_ops_poly(bc_ops *o, const float *pts, int n, uint32_t fill, uint32_t stroke, double lw)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_POLY;
    op->text = (const char *)pts;
    op->len = (size_t)n;
    op->fill = fill;
    op->stroke = stroke;
    op->lw = (float)lw;
}

void bc_ops_clip_rect(bc_ops *o, double x, double y, double w, double h)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_CLIP;
    op->x = (float)x;
    op->y = (float)y;
    op->w = (float)w;
    op->h = (float)h;
}

void bc_ops_clip_poly(bc_ops *o, const float *pts, int n)
{
    bc_op *op = bc_ops_push(o);
    op->kind = BC_OP_CLIP;
    op->text = (const char *)pts;
    op->len = (size_t)n;
}

void bc_ops_unclip(bc_ops *o) { bc_ops_push(o)->kind = BC_OP_UNCLIP; }
