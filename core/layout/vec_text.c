/*
** vec_text.c — an SVG's text runs drawn as ordinary text ops (see vec_text.h).
**
** A group (a run placed by x and y, and the runs that follow it) is measured in the brief's
** font for each run's weight, style and family, then placed by its anchor (start, middle,
** end) along its angle. Sizes and places scale from the viewport's CSS pixels to the box.
*/
#include "layout/vec_text.h"

#include <math.h>
#include <string.h>

#include "doc/theme.h"
#include "layout/image.h"
#include "layout/vec.h"
#include "layout/vec_textpath.h"
#include "text/font.h"

#define PI 3.14159265358979323846

static int slot_of(const bc_vtext *t)
{
    return (t->serif ? BC_FONT_SERIF : BC_FONT_SANS) + (t->bold ? 1 : 0) + (t->italic ? 2 : 0);
}

static bc_status one(bc_ops *o, const bc_op *im, const bc_vec_view *v, bc_fontset *fs, bc_arena *a,
                     bc_error *err)
{
    double sx = im->w / v->vw, sy = im->h / v->vh, k = sqrt(sx * sy);
    size_t off = 0, path_len = 0;
    long glyphs = BC_VEC_PATH_GLYPHS; /* glyphs along paths: one op each */
    bc_vtext t;
    const char *s, *path = NULL;
    while (bc_vec_text_next(v, &off, &t, &s)) {
        if (t.path == 1) { /* <textPath>: the path the runs after it go along */
            path = s, path_len = t.len;
            continue;
        }
        if (t.path) {
            if (bc_vec_text_on_path(o, im, v, &off, &t, s, path, path_len, fs, a, &glyphs, err) !=
                BC_OK)
                return BC_ERR;
            continue;
        }
        /* t starts a group: measure it whole first */
        double total = 0;
        size_t o2 = off;
        bc_vtext u = t;
        const char *us = s;
        for (int first = 1;; first = 0) {
            if (!first && (!bc_vec_text_next(v, &o2, &u, &us) || !u.cont)) break;
            bc_font *f = bc_fontset_get(fs, slot_of(&u), err);
            if (!f) return BC_ERR;
            total += bc_font_width(f, us, u.len, u.size * k) + (first ? 0 : u.x * k);
        }
        double ang = t.angle * PI / 180, ca = cos(ang), sa = sin(ang);
        double X = im->x + t.x * sx - total * t.anchor / 2 * ca,
               Y = im->y + t.y * sy + total * t.anchor / 2 * sa;
        for (int first = 1;; first = 0) {
            if (!first) {
                size_t keep = off;
                if (!bc_vec_text_next(v, &off, &t, &s)) break;
                if (!t.cont) {
                    off = keep;
                    break;
                }
                X += t.x * k * ca + t.y * k * sa, Y += -t.x * k * sa + t.y * k * ca;
            }
            int slot = slot_of(&t);
            bc_font *f = bc_fontset_get(fs, slot, err);
            if (!f) return BC_ERR;
            double size = t.size * k, w = bc_font_width(f, s, t.len, size);
            const char *c = bc_arena_strndup(a, s, t.len);
            bc_font_use(f, c, t.len);
            bc_ops_text(o, slot, size, t.rgb, X, Y, c, t.len);
            o->v[o->n - 1].angle = t.angle;
            X += w * ca, Y -= w * sa;
        }
    }
    return BC_OK;
}

bc_status bc_vec_texts(bc_ops *o, int from, bc_fontset *fs, bc_arena *a, bc_error *err)
{
    int n = o->n;
    for (int i = from < 0 ? 0 : from; i < n; i++) {
        if (o->v[i].kind != BC_OP_IMAGE) continue;
        const bc_image *img = (const bc_image *)(const void *)o->v[i].text;
        bc_vec_view v;
        if (!img || img->enc != BC_IMAGE_VECTOR || !bc_vec_view_of(img->data, img->len, &v) ||
            !v.texts_len || o->v[i].w <= 0 || o->v[i].h <= 0)
            continue;
        bc_op im = o->v[i]; /* o->v moves as ops are added */
        if (one(o, &im, &v, fs, a, err) != BC_OK) return BC_ERR;
    }
    return BC_OK;
}
