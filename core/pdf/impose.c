/*
** impose.c — places pages on printer's sheets (see impose.h). Works on the layout's drawing
** operations, so the PDF back end draws sheets exactly as it draws pages: every coordinate,
** size and line width is scaled and moved; nothing is re-laid out.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/impose.h"

#define MARK_ROOM 24.0 /* points kept around each page for crop marks */
#define MARK_LEN 12.0
#define MARK_GAP 3.0

int bc_impose_parse(const char *s, bc_impose_mode *mode)
{
    if (!strcmp(s, "2up"))
        *mode = BC_IMPOSE_2UP;
    else if (!strcmp(s, "booklet"))
        *mode = BC_IMPOSE_BOOKLET;
    else
        return 0;
    return 1;
}

/* Where page slot k of a sheet goes: origin and scale. */
typedef struct place {
    double ox, oy, s;
} place;

static void copy_ops(bc_arena *a, bc_ops *to, const bc_ops *from, place p)
{
    for (int i = 0; i < from->n; i++) {
        bc_op *op = bc_ops_push(to);
        *op = from->v[i];
        op->x = (float)(p.ox + p.s * op->x);
        op->y = (float)(p.oy + p.s * op->y);
        op->w = (float)(p.s * op->w);
        op->h = (float)(p.s * op->h);
        op->size = (float)(p.s * op->size);
        op->lw = (float)(p.s * op->lw);
        if ((op->kind == BC_OP_POLY || op->kind == BC_OP_CLIP) && op->len > 0) {
            const float *src = (const float *)from->v[i].text;
            float *pts = bc_arena_alloc(a, op->len * 2 * sizeof *pts);
            for (size_t k = 0; k < op->len; k++) {
                pts[2 * k] = (float)(p.ox + p.s * src[2 * k]);
                pts[2 * k + 1] = (float)(p.oy + p.s * src[2 * k + 1]);
            }
            op->text = (const char *)pts;
        }
    }
}

/* Short hairlines outside each corner of the placed page, where the trimmer cuts. */
static void crop_marks(bc_ops *o, place p, double w, double h)
{
    const double x0 = p.ox, y0 = p.oy, x1 = p.ox + w, y1 = p.oy + h;
    const double xs[2] = {x0, x1}, ys[2] = {y0, y1};
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
            double dx = i ? 1 : -1, dy = j ? 1 : -1;
            /* horizontal mark on the cut line y, vertical on the cut line x */
            bc_ops_line(o, xs[i] + dx * MARK_GAP, ys[j], xs[i] + dx * (MARK_GAP + MARK_LEN), ys[j],
                        0x000000, 0.25, 0);
            bc_ops_line(o, xs[i], ys[j] + dy * MARK_GAP, xs[i], ys[j] + dy * (MARK_GAP + MARK_LEN),
                        0x000000, 0.25, 0);
        }
    }
}

/*
** The sheet is the office paper of the page's family, landscape: A4 for ISO and other sizes,
** US Letter for US sizes (half letter, letter, legal). Two pages that fit side by side go on it
** at full size (A5 pages on A4, half-letter pages on Letter); larger pages are scaled down to
** fit (A4 pages at 71 %), as a printer's "2 pages per sheet" does.
*/
void bc_impose_sheet(double pw, double ph, double *sw, double *sh)
{
    const double mm = 72.0 / 25.4, in = 72.0, eps = 1.0;
    double shortside = pw < ph ? pw : ph, longside = pw < ph ? ph : pw;
    int us = (fabs(shortside - 5.5 * in) < eps && fabs(longside - 8.5 * in) < eps) ||
             (fabs(shortside - 8.5 * in) < eps &&
              (fabs(longside - 11 * in) < eps || fabs(longside - 14 * in) < eps));
    *sw = us ? 11 * in : 297 * mm;
    *sh = us ? 8.5 * in : 210 * mm;
}

void bc_impose(bc_layout *lay, bc_theme *th, bc_impose_mode mode, int marks)
{
    if (mode == BC_IMPOSE_NONE || lay->npages == 0) return;
    const double pw = th->page_w, ph = th->page_h;
    double sw, sh;
    bc_impose_sheet(pw, ph, &sw, &sh);
    const double room = marks ? MARK_ROOM : 0;
    double s = (sw / 2 - 2 * room) / pw;
    if ((sh - 2 * room) / ph < s) s = (sh - 2 * room) / ph;
    const double w = pw * s, h = ph * s;

    int n = lay->npages;
    int slots = mode == BC_IMPOSE_BOOKLET ? (n + 3) / 4 * 4 : (n + 1) / 2 * 2;
    int nsheets = slots / 2;
    int *at = bc_xmalloc((size_t)slots * sizeof *at); /* page in each slot, or -1 for blank */
    for (int k = 0; k < slots; k++) at[k] = k < n ? k : -1;
    if (mode == BC_IMPOSE_BOOKLET) {
        /* paper sheet i: its front is PDF page 2i, its back 2i + 1 */
        for (int i = 0; i < slots / 4; i++) {
            int last = slots - 1;
            at[4 * i] = last - 2 * i;         /* front, left: counting from the back cover */
            at[4 * i + 1] = 2 * i;            /* front, right */
            at[4 * i + 2] = 2 * i + 1;        /* back, left */
            at[4 * i + 3] = last - 2 * i - 1; /* back, right */
        }
        for (int k = 0; k < slots; k++)
            if (at[k] >= n) at[k] = -1;
    }
    bc_ops *sheets = bc_xcalloc((size_t)nsheets, sizeof *sheets);
    place *where = bc_xcalloc((size_t)n, sizeof *where);
    int *sheet_of = bc_xcalloc((size_t)n, sizeof *sheet_of);
    for (int k = 0; k < slots; k++) {
        place p = {(k % 2) * sw / 2 + (sw / 2 - w) / 2, (sh - h) / 2, s};
        double pw_k = w, ph_k = h;
        if (at[k] >= 0 && lay->page_land && lay->page_land[at[k]]) { /* s:landscape: turned */
            double sl = (sw / 2 - 2 * room) / ph;
            if ((sh - 2 * room) / pw < sl) sl = (sh - 2 * room) / pw;
            pw_k = ph * sl;
            ph_k = pw * sl;
            p = (place){(k % 2) * sw / 2 + (sw / 2 - pw_k) / 2, (sh - ph_k) / 2, sl};
        }
        bc_ops *sheet = &sheets[k / 2];
        if (at[k] >= 0) {
            copy_ops(lay->arena, sheet, &lay->pages[at[k]], p);
            where[at[k]] = p;
            sheet_of[at[k]] = k / 2;
        }
        if (marks) crop_marks(sheet, p, pw_k, ph_k);
    }
    for (int i = 0; i < lay->noutline; i++) {
        bc_outline_entry *e = &lay->outline[i];
        e->y = where[e->page].oy + where[e->page].s * e->y;
        e->page = sheet_of[e->page];
    }
    for (int i = 0; i < lay->ndests; i++) {
        bc_dest *d = &lay->dests[i];
        d->y = where[d->page].oy + where[d->page].s * d->y;
        d->page = sheet_of[d->page];
    }
    for (int i = 0; i < lay->npages; i++) bc_ops_free(&lay->pages[i]);
    free(lay->pages);
    free(lay->page_land); /* the sheets are all of one size */
    lay->page_land = NULL;
    lay->pages = sheets;
    lay->npages = nsheets;
    th->page_w = sw;
    th->page_h = sh;
    free(at);
    free(where);
    free(sheet_of);
}
