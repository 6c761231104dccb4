/*
** svg_textpath.c — the path a <textPath> lays its text along: the referenced <path> (its own
** transform, then the text's) flattened into a polyline in the viewport's px and written as
** the ASCII a path record of the blob carries (vec.h: "m x y x y … m x y …", a jump at each
** "m"), with its length for a percentage startOffset. Layout places the glyphs along it in
** the brief's fonts (vec_textpath.c). Part of the SVG reader (svg_int.h).
*/
#include "layout/svg_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TP_POINTS 2500 /* points a flattened path may have (the record stays under 64 KB) */
#define TP_CURVE 12    /* segments a cubic is flattened into */

typedef struct tpl {
    bc_buf out;
    double len;  /* so far, viewport px, jumps not counted */
    double x, y; /* the pen, viewport px */
    int n, over;
} tpl;

static void tp_point(tpl *p, mat m, double ux, double uy, int jump)
{
    double x = m.a * ux + m.c * uy + m.e, y = m.b * ux + m.d * uy + m.f;
    if (!isfinite(x) || !isfinite(y) || ++p->n > TP_POINTS) {
        p->over = 1;
        return;
    }
    if (!jump) p->len += hypot(x - p->x, y - p->y);
    p->x = x, p->y = y;
    bc_buf_printf(&p->out, "%s%.2f %.2f", jump ? (p->out.len ? " m " : "m ") : " ", x, y);
}

/* s->path's operators (m, l, c, h: what bc_svg_path_data writes) as a polyline through m. */
static void tp_flatten(S *s, mat m, tpl *p)
{
    double num[6], x0 = 0, y0 = 0, sx = 0, sy = 0; /* the user-space pen, the subpath start */
    int k = 0;
    if (!s->path.data) return;                            /* nothing written: an empty d */
    const char *q = s->path.data, *end = q + s->path.len; /* bc_buf: NUL-terminated */
    while (q < end && !p->over) {
        if (*q == ' ' || *q == '\n') {
            q++;
            continue;
        }
        char op = *q;
        if (op == 'm' || op == 'l' || op == 'c' || op == 'h') {
            q++;
            if (op == 'm' && k == 2) {
                tp_point(p, m, num[0], num[1], 1);
                x0 = sx = num[0], y0 = sy = num[1];
            } else if (op == 'l' && k == 2) {
                tp_point(p, m, num[0], num[1], 0);
                x0 = num[0], y0 = num[1];
            } else if (op == 'c' && k == 6) {
                for (int i = 1; i <= TP_CURVE; i++) {
                    double t = (double)i / TP_CURVE, u = 1 - t;
                    double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
                    tp_point(p, m, a * x0 + b * num[0] + c * num[2] + d * num[4],
                             a * y0 + b * num[1] + c * num[3] + d * num[5], 0);
                }
                x0 = num[4], y0 = num[5];
            } else if (op == 'h') {
                tp_point(p, m, sx, sy, 0);
                x0 = sx, y0 = sy;
            }
            k = 0;
            continue;
        }
        char *e;
        double v = strtod(q, &e);
        if (e == q) break; /* cannot happen: the reader writes numbers and operators only */
        if (k < 6) num[k++] = v;
        q = e;
    }
}

char *bc_svg_text_path(S *s, xmlNodePtr tp, mat ctm, double *len, size_t *nbytes)
{
    int bad;
    xmlNodePtr pn = bc_svg_href(s, tp, &bad);
    if (bad) return NULL;
    if (!pn || strcmp((const char *)pn->name, "path") != 0) {
        bc_svg_warn_once(s, tp, "<textPath>",
                         "does not refer to a <path> in the file (its text is left out)");
        return NULL;
    }
    xmlChar *d = xmlGetProp(pn, (const xmlChar *)"d");
    if (!d) return NULL;
    /* s->path is the <text>'s, empty: borrowed, and emptied again */
    double bx[4] = {s->bx0, s->by0, s->bx1, s->by1};
    s->path.len = 0;
    bc_svg_path_data(s, pn, (const char *)d);
    xmlFree(d);
    mat m = ctm;
    xmlChar *t = xmlGetProp(pn, (const xmlChar *)"transform");
    if (t) {
        mat own;
        bc_svg_parse_transform(s, pn, (const char *)t, &own);
        xmlFree(t);
        m = bc_svg_mul(own, ctm);
    }
    tpl p = {0};
    tp_flatten(s, m, &p);
    s->path.len = 0;
    s->bx0 = bx[0], s->by0 = bx[1], s->bx1 = bx[2], s->by1 = bx[3];
    if (p.over || p.len <= 0) {
        if (p.over)
            bc_svg_warn_once(s, tp, "<textPath>'s path",
                             "has more than 2500 points once flattened (its text is left out)");
        bc_buf_free(&p.out);
        return NULL;
    }
    *len = p.len;
    *nbytes = p.out.len;
    return p.out.data;
}
