/*
** vec_textpath.c — text along a path (SVG <textPath>, vec.h's path records): each character
** of the runs that follow a path record measured in the brief's font and placed along the
** polyline, its middle on the path and turned to the path's direction there, as SVG lays
** glyphs on a path; a character whose middle falls off either end is not drawn (nor are
** spaces: they only advance). The group is anchored (start, middle, end) about its
** startOffset as a straight one is about its x.
*/
#include "layout/vec_textpath.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "doc/theme.h"
#include "text/font.h"

#define PI 3.14159265358979323846
#define TP_MAX_POINTS 4096

typedef struct tpt {
    double x, y, at; /* op space; the length along the path up to here */
    int jump;        /* reached by a jump (the start of a subpath) */
} tpt;

static int slot_of(const bc_vtext *t)
{
    return (t->serif ? BC_FONT_SERIF : BC_FONT_SANS) + (t->bold ? 1 : 0) + (t->italic ? 2 : 0);
}

/* The record's points into op space; their count, 0 when the record is damaged. *lv: the
   length in the viewport's px (what the start offsets are measured in). */
static int tp_points(const char *s, size_t len, const bc_op *im, double sx, double sy, tpt *pt,
                     double *lv)
{
    char buf[64];
    int n = 0, jump = 0, k = 0;
    double xy[2], px = 0, py = 0, at = 0;
    *lv = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        if (s[i] == 'm') {
            jump = 1, i++;
            continue;
        }
        size_t j = i;
        while (j < len && s[j] != ' ' && j - i < sizeof buf - 1) j++;
        memcpy(buf, s + i, j - i);
        buf[j - i] = 0;
        char *e;
        double v = strtod(buf, &e);
        if (e == buf || *e || !isfinite(v) || fabs(v) > 1e7) return 0;
        i = j;
        xy[k++] = v;
        if (k < 2) continue;
        k = 0;
        if (n == TP_MAX_POINTS || (n == 0 && !jump)) return 0;
        double X = im->x + xy[0] * sx, Y = im->y + xy[1] * sy;
        if (n > 0 && !jump) {
            at += hypot(X - pt[n - 1].x, Y - pt[n - 1].y);
            *lv += hypot(xy[0] - px, xy[1] - py);
        }
        pt[n++] = (tpt){X, Y, at, jump};
        px = xy[0], py = xy[1], jump = 0;
    }
    return k ? 0 : n;
}

/* The point at length d along the path and the direction there; 0 off the path. *from is the
   segment the last answer was on: glyphs go forward along the path, so the search starts
   there (and from the start when d went back), not from the first point every glyph. */
static int tp_at(const tpt *pt, int n, double d, int *from, double *x, double *y, double *ang)
{
    if (*from < 1 || *from >= n || d < pt[*from - 1].at) *from = 1;
    for (int i = *from; i < n; i++) {
        if (pt[i].jump || pt[i].at < d || pt[i].at <= pt[i - 1].at) continue;
        double f = (d - pt[i - 1].at) / (pt[i].at - pt[i - 1].at);
        if (f < 0) return 0; /* in a jump between subpaths */
        double dx = pt[i].x - pt[i - 1].x, dy = pt[i].y - pt[i - 1].y;
        *x = pt[i - 1].x + f * dx, *y = pt[i - 1].y + f * dy;
        *ang = atan2(-dy, dx); /* ops: y down, angles counter-clockwise */
        *from = i;
        return 1;
    }
    return 0;
}

/* The length of one character (a code point and the combining marks after it) at s. */
static size_t tp_char(const char *s, size_t len)
{
    const char *p = s;
    bc_utf8_next(&p);
    while ((size_t)(p - s) < len) {
        const char *q = p;
        uint32_t c = bc_utf8_next(&q);
        if (!((c >= 0x300 && c < 0x370) || c == 0x200D || (c >= 0xFE00 && c < 0xFE10))) break;
        p = q;
    }
    return (size_t)(p - s) <= len ? (size_t)(p - s) : len;
}

bc_status bc_vec_text_on_path(bc_ops *o, const bc_op *im, const bc_vec_view *v, size_t *off,
                              const bc_vtext *first, const char *fs0, const char *path,
                              size_t path_len, bc_fontset *fs, bc_arena *a, long *budget,
                              bc_error *err)
{
    double sx = im->w / v->vw, sy = im->h / v->vh, k = sqrt(sx * sy), lv = 0;
    tpt *pt = path ? malloc(sizeof *pt * TP_MAX_POINTS) : NULL;
    int n = pt ? tp_points(path, path_len, im, sx, sy, pt, &lv) : 0;
    double lo = n > 1 ? pt[n - 1].at : 0, ratio = lv > 0 ? lo / lv : k;
    /* the group's width first, for its anchor */
    double total = 0;
    size_t o2 = *off;
    bc_vtext u = *first;
    const char *us = fs0;
    for (int f1 = 1;; f1 = 0) {
        if (!f1 && (!bc_vec_text_next(v, &o2, &u, &us) || !u.cont || u.path != 2)) break;
        bc_font *f = bc_fontset_get(fs, slot_of(&u), err);
        if (!f) return free(pt), BC_ERR;
        total += bc_font_width(f, us, u.len, u.size * k) + (f1 ? 0 : u.x * ratio);
    }
    double d = first->x * ratio - total * first->anchor / 2;
    bc_vtext t = *first;
    const char *s = fs0;
    for (int f1 = 1;; f1 = 0) {
        if (!f1) {
            size_t keep = *off;
            if (!bc_vec_text_next(v, off, &t, &s)) break;
            if (!t.cont || t.path != 2) {
                *off = keep;
                break;
            }
            d += t.x * ratio;
        }
        int slot = slot_of(&t);
        bc_font *f = bc_fontset_get(fs, slot, err);
        if (!f) return free(pt), BC_ERR;
        double size = t.size * k;
        int seg = 1; /* tp_at's segment */
        for (size_t i = 0; i < t.len;) {
            size_t cl = tp_char(s + i, t.len - i);
            double w = bc_font_width(f, s + i, cl, size), x, y, ang;
            if (s[i] != ' ' && n > 1 && *budget > 0 &&
                tp_at(pt, n, d + w / 2, &seg, &x, &y, &ang)) {
                --*budget;
                const char *c = bc_arena_strndup(a, s + i, cl);
                bc_font_use(f, c, cl);
                /* the glyph's middle on the path: its start half a width back along it */
                bc_ops_text(o, slot, size, t.rgb, x - w / 2 * cos(ang), y + w / 2 * sin(ang), c,
                            cl);
                o->v[o->n - 1].angle = (float)(ang * 180 / PI);
            }
            d += w;
            i += cl;
        }
    }
    free(pt);
    return BC_OK;
}
