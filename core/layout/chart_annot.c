/*
** chart_annot.c — labels placed clear of what a chart draws: a scatter's point labels and the
** annotations of any cartesian chart ({x =, y =, text =}). What the plot drew since its marks
** began (bars, lines, markers, labels; gridlines do not count) becomes a list of boxes; each
** label tries places beside its point, then further out on rings joined by a leader line, and
** takes the first that covers no box and stays inside the plot.
*/
#include "layout/chart_int.h"

#include <math.h>
#include <string.h>

#define PAD 1.6 /* clearance around a label, points */

#define CELL 16.0 /* grid cell, points */

/* The cells a box (grown by g) touches, clamped to the grid. */
static void cells_of(const bc_chart_place *pl, bc_chart_box b, double g, int *x0, int *y0, int *x1,
                     int *y1)
{
    double fx0 = floor((b.x0 - g - pl->bound.x0) / CELL),
           fx1 = floor((b.x1 + g - pl->bound.x0) / CELL);
    double fy0 = floor((b.y0 - g - pl->bound.y0) / CELL),
           fy1 = floor((b.y1 + g - pl->bound.y0) / CELL);
    *x0 = (int)fmax(0, fmin(pl->gw - 1, fx0));
    *x1 = (int)fmax(0, fmin(pl->gw - 1, fx1));
    *y0 = (int)fmax(0, fmin(pl->gh - 1, fy0));
    *y1 = (int)fmax(0, fmin(pl->gh - 1, fy1));
}

void bc_chart_place_add(C *c, bc_chart_place *pl, bc_chart_box b)
{
    if (!(b.x0 <= b.x1 && b.y0 <= b.y1)) return; /* NaN or inverted: covers nothing */
    BC_ARENA_GROW(c->cx->a, pl->v, pl->n, pl->cap, 64);
    int id = pl->n++, x0, y0, x1, y1;
    pl->v[id] = b;
    cells_of(pl, b, 0, &x0, &y0, &x1, &y1);
    for (int gy = y0; gy <= y1; gy++)
        for (int gx = x0; gx <= x1; gx++) {
            int k = gy * pl->gw + gx;
            BC_ARENA_GROW(c->cx->a, pl->cell[k], pl->cn[k], pl->cc[k], 8);
            pl->cell[k][pl->cn[k]++] = id;
        }
}

/* A line as boxes about 6 points long, so a diagonal covers only what it crosses. */
static void add_line(C *c, bc_chart_place *pl, double x0, double y0, double x1, double y1,
                     double lw)
{
    double len = hypot(x1 - x0, y1 - y0), r = lw / 2 + 0.6;
    int n = (int)ceil(len / 6);
    if (n < 1 || pl->n > 100000) n = 1; /* past 100,000 boxes: a piece's own box, coarser */
    if (n > 400) n = 400;
    for (int i = 0; i < n; i++) {
        double ax = x0 + (x1 - x0) * i / n, ay = y0 + (y1 - y0) * i / n;
        double bx = x0 + (x1 - x0) * (i + 1) / n, by = y0 + (y1 - y0) * (i + 1) / n;
        bc_chart_place_add(
            c, pl,
            (bc_chart_box){fmin(ax, bx) - r, fmin(ay, by) - r, fmax(ax, bx) + r, fmax(ay, by) + r});
    }
}

void bc_chart_place_init(C *c, bc_chart_place *pl, int mark0, bc_chart_box bound)
{
    memset(pl, 0, sizeof *pl);
    pl->bound = bound;
    pl->gw = (int)fmax(1, fmin(200, ceil((bound.x1 - bound.x0) / CELL)));
    pl->gh = (int)fmax(1, fmin(200, ceil((bound.y1 - bound.y0) / CELL)));
    size_t nc = (size_t)pl->gw * (size_t)pl->gh;
    pl->cell = bc_arena_alloc(c->cx->a, nc * sizeof *pl->cell);
    pl->cn = bc_arena_alloc(c->cx->a, nc * sizeof *pl->cn);
    pl->cc = bc_arena_alloc(c->cx->a, nc * sizeof *pl->cc);
    pl->budget = 20000000;
    for (int i = mark0; i < c->ops->n; i++) {
        const bc_op *o = &c->ops->v[i];
        if (o->kind == BC_OP_RECT) {
            if (o->fill == BC_NO_COLOR || o->fill == 0xFFFFFF) continue; /* halos, hatch frames */
            bc_chart_place_add(c, pl, (bc_chart_box){o->x, o->y, o->x + o->w, o->y + o->h});
        } else if (o->kind == BC_OP_LINE) {
            if (o->stroke == c->th->rule) continue; /* gridlines and dotted row guides */
            add_line(c, pl, o->x, o->y, o->x + o->w, o->y + o->h, o->lw);
        } else if (o->kind == BC_OP_POLY && o->len > 0 && o->len < 64) {
            const float *q = (const float *)(const void *)o->text;
            bc_chart_box b = {1e9, 1e9, -1e9, -1e9};
            for (size_t k = 0; k < o->len; k++) {
                b.x0 = fmin(b.x0, q[2 * k]);
                b.x1 = fmax(b.x1, q[2 * k]);
                b.y0 = fmin(b.y0, q[2 * k + 1]);
                b.y1 = fmax(b.y1, q[2 * k + 1]);
            }
            bc_chart_place_add(c, pl, b);
        } else if (o->kind == BC_OP_TEXT && o->angle == 0) {
            double w = bc_font_width(c->f, o->text, o->len, o->size);
            bc_chart_place_add(
                c, pl,
                (bc_chart_box){o->x, o->y - o->size * 0.78, o->x + w, o->y + o->size * 0.22});
        }
    }
}

/* How much of b the boxes cover (0: free), with the place's clearance; with any set, stops at
   the first box that touches it. A box listed in several cells may count more than once. */
static double covered(bc_chart_place *pl, bc_chart_box b, int any)
{
    const double pad = pl->pad > 0 ? pl->pad : PAD;
    double a = 0;
    int x0, y0, x1, y1;
    cells_of(pl, b, pad, &x0, &y0, &x1, &y1);
    for (int gy = y0; gy <= y1; gy++)
        for (int gx = x0; gx <= x1; gx++) {
            int k = gy * pl->gw + gx;
            if (any) pl->budget -= pl->cn[k];
            for (int i = 0; i < pl->cn[k]; i++) {
                const bc_chart_box *o = &pl->v[pl->cell[k][i]];
                double w = fmin(b.x1 + pad, o->x1) - fmax(b.x0 - pad, o->x0);
                double h = fmin(b.y1 + pad, o->y1) - fmax(b.y0 - pad, o->y0);
                if (w > 0 && h > 0) {
                    a += w * h;
                    if (any) return a;
                }
            }
        }
    return a;
}

/* The free box of size tw x th nearest (px, py) on a grid over the bound, or 0. */
static int nearest_free(bc_chart_place *pl, double px, double py, double tw, double th,
                        bc_chart_box *out)
{
    double best = INFINITY;
    const bc_chart_box *B = &pl->bound;
    for (double y0 = B->y0; y0 + th <= B->y1 && pl->budget > 0; y0 += 3)
        for (double x0 = B->x0; x0 + tw <= B->x1 && pl->budget > 0; x0 += 5) {
            bc_chart_box b = {x0, y0, x0 + tw, y0 + th};
            double dx = fmax(fmax(b.x0 - px, px - b.x1), 0),
                   dy = fmax(fmax(b.y0 - py, py - b.y1), 0);
            double d = dx * dx + dy * dy * 1.5; /* rather beside than above */
            if (d >= best || covered(pl, b, 1) > 0) continue;
            best = d;
            *out = b;
        }
    return isfinite(best);
}

int bc_chart_place_label(C *c, bc_chart_place *pl, double px, double py, const char *text,
                         double fs, uint32_t col, int force)
{
    /* right, left, up-right, down-right, up-left, down-left, up, down; a note (force)
       looks up first, into the space above the marks */
    static const int dir[8][2] = {{1, 0},   {-1, 0}, {1, -1}, {1, 1},
                                  {-1, -1}, {-1, 1}, {0, -1}, {0, 1}};
    static const int note[8] = {2, 4, 6, 0, 1, 3, 5, 7}, plain[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const double ring[] = {5.5, 14, 24, 36, 50};
    const int *order = force ? note : plain;
    double tw = bc_chart_width(c, text, fs), th = fs * 1.0;
    bc_chart_box best = {0, 0, 0, 0};
    double best_cov = INFINITY;
    int found = 0;
    for (int r = force ? 1 : 0; r < 5 && !found; r++)
        for (int i = 0; i < 8 && !found; i++) {
            int d = order[i];
            double ax = px + dir[d][0] * ring[r] * (dir[d][1] ? 0.75 : 1);
            double ay = py + dir[d][1] * ring[r] * (dir[d][0] ? 0.75 : 1);
            bc_chart_box b;
            b.x0 = dir[d][0] > 0 ? ax : dir[d][0] < 0 ? ax - tw : ax - tw / 2;
            b.y0 = dir[d][1] > 0 ? ay : dir[d][1] < 0 ? ay - th : ay - th / 2;
            b.x1 = b.x0 + tw;
            b.y1 = b.y0 + th;
            if (b.x0 < pl->bound.x0 || b.x1 > pl->bound.x1 || b.y0 < pl->bound.y0 ||
                b.y1 > pl->bound.y1)
                continue;
            double cov = covered(pl, b, 1); /* 0, or what the first box it meets covers */
            if (isinf(best_cov)) { /* the fallback of a note: the first place in the plot */
                best_cov = cov;
                best = b;
            }
            if (cov == 0) {
                best = b;
                found = 1;
            }
        }
    if (!found && force && nearest_free(pl, px, py, tw, th, &best)) found = 1;
    if (!found && (!force || isinf(best_cov))) return 0;
    /* a leader from near the point to the label's nearest edge, when the label is away */
    double lx = fmin(fmax(px, best.x0), best.x1), ly = fmin(fmax(py, best.y0), best.y1);
    double dx = lx - px, dy = ly - py, len = hypot(dx, dy);
    if (len > 8) {
        double sx = px + dx / len * 2.5, sy = py + dy / len * 2.5;
        bc_ops_line(c->ops, sx, sy, lx - dx / len * 1.2, ly - dy / len * 1.2, c->th->muted, 0.5, 0);
        add_line(c, pl, sx, sy, lx, ly, 0.5);
    }
    bc_chart_text(c, 0, fs, col, best.x0, best.y0 + fs * 0.78, text, 0);
    bc_chart_place_add(c, pl, best);
    return 1;
}

void bc_chart_annotations(C *c, plot *p, int mark0)
{
    const bc_chart_more *m = c->ch->more;
    if (!m || !m->nannots) return;
    bc_chart_place pl;
    bc_chart_box bound = {p->x0 - 2, p->y0 - FS * 0.4, p->x1 + 2, p->y1};
    bc_chart_place_init(c, &pl, mark0, bound);
    pl.pad = 3.5; /* a note keeps well clear of value labels and marks */
    for (int i = 0; i < m->nannots; i++) {
        const bc_chart_annot *a = &m->annots[i];
        double px, py;
        if (c->ch->kind == BC_CHART_SCATTER) {
            px = bc_chart_smap(&p->xs, a->x);
            py = bc_chart_smap(&p->val, a->y);
        } else if (p->horizontal) {
            px = bc_chart_smap(&p->val, a->y);
            py = bc_chart_cat_center(p, (int)a->x);
        } else {
            px = bc_chart_cat_center(p, (int)a->x);
            py = bc_chart_smap(&p->val, a->y);
        }
        /* the point itself: a small ring, so the leader ends on what it names */
        float *q = bc_chart_points(c, 8);
        for (int k = 0; k < 8; k++) {
            q[2 * k] = (float)(px + 2.2 * cos(k * PI / 4));
            q[2 * k + 1] = (float)(py + 2.2 * sin(k * PI / 4));
        }
        bc_ops_poly(c->ops, q, 8, BC_NO_COLOR, c->th->text, 0.7);
        /* the first ring is for labels that sit on their own mark: an annotation starts on
           the second, with its leader */
        bc_chart_place_add(c, &pl, (bc_chart_box){px - 9, py - 9, px + 9, py + 9});
        bc_chart_place_label(c, &pl, px, py, a->text, FS * 0.95, c->th->text, 1);
    }
}
