/*
** columns.c — two-column pagination: the column pieces between spanning pieces (title,
** charts, wide tables) or breaks form a segment, filled left then right and balanced at its
** end, with the rules of breaks.c at column breaks as at page breaks. Part of layout
** (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>

/*
** A two-column body is laid out in segments: the column pieces between two spanning pieces
** (title, charts, wide tables) or page breaks. A segment fills the left column, then the
** right; it ends when the next piece would not fit on the page (the columns then run to the
** foot), or at a spanning piece, a forced break or the end, where it is balanced: the two
** columns made as even as the pieces allow, and what spans goes below them. Keep-with-next
** chains, widow and orphan rules and repeated table headers work at column breaks as they
** do at page breaks. Footnotes go across the foot of the page.
*/
typedef struct colstate {
    int *col;           /* per piece of the segment: 0 or 1 */
    double *y;          /* its top, from the segment's top */
    unsigned char *hdr; /* a repeated table header goes above it */
    int cap;
} colstate;

/* A table whose caption goes below: piece i is a row with another row of its table after
   it, so a column or page break after i puts "(continued)" under it; the room that needs,
   else 0 (as pages.c does for one column). */
static double col_cont_room(const L *l, int i)
{
    const piece *p = &l->pieces[i];
    if (p->header < 0 || i + 1 >= l->np || l->pieces[i + 1].header != p->header) return 0;
    return l->pieces[p->header].cont_nop ? l->pieces[p->header].cont_h : 0;
}

/* Piece a starts a segment in the middle of a table (the page turned inside it): its header
   rows repeat at the top of the left column, as at the top of the right one. */
static int col_goes_on(const L *l, int a)
{
    return a > 0 && bc_lay_has_header(l, a) &&
           (l->pieces[a - 1].header == l->pieces[a].header || a - 1 == l->pieces[a].header);
}

/* "Table N — caption (continued)" under piece i, placed at (x, y) with its top at y. */
static double col_put_cont(L *l, bc_ops *pg, int i, double x, double y)
{
    double cr = col_cont_room(l, i);
    if (cr <= 0) return 0;
    const piece *hp = &l->pieces[l->pieces[i].header];
    piece cont = {.op0 = hp->cont_op0,
                  .nop = hp->cont_nop,
                  .h = hp->cont_h,
                  .header = -1,
                  .section = hp->section};
    bc_lay_place_repeat(l, pg, &cont, x, y);
    return cr;
}

/* Places pieces [a, b) greedily in two columns of height H; returns how many fit. A chain
   of pieces kept together may only be split when it is taller than room (the page's room).
   A table row that another row of its table follows needs room for "(continued)" under it
   when captions go below (col_cont_room), as on a one-column page. */
static int col_fill(L *l, int a, int b, double H, double room, colstate *cs)
{
    if (b - a > cs->cap) {
        cs->cap = (b - a) * 2;
        cs->col = bc_xrealloc(cs->col, (size_t)cs->cap * sizeof *cs->col);
        cs->y = bc_xrealloc(cs->y, (size_t)cs->cap * sizeof *cs->y);
        cs->hdr = bc_xrealloc(cs->hdr, (size_t)cs->cap);
    }
    int c = 0;
    double y = 0;
    for (int i = a; i < b; i++) {
        const piece *p = &l->pieces[i];
        double before = y > 0 ? p->before : 0;
        int last;
        double chain = bc_lay_chain(l, i, before, 1, &last), cr = col_cont_room(l, i);
        int fits = y + chain + col_cont_room(l, last) <= H + LAY_FIT,
            fits_alone = y + before + p->h + cr <= H + LAY_FIT;
        cs->hdr[i - a] = 0;
        if (i == a && col_goes_on(l, a)) { /* a table going on from the page before */
            cs->hdr[0] = 1;
            piece view;
            y = bc_lay_header_view(l, i, &view)->h;
            before = 0;
            fits = y + chain - p->before + col_cont_room(l, last) <= H + LAY_FIT;
            fits_alone = y + p->h + cr <= H + LAY_FIT;
        }
        /* as at a page break: a chain that would fit a fresh column moves whole */
        if (y > 0 && (!fits || !fits_alone) && (chain - before <= H || !fits_alone)) {
            if (c == 1) return i - a; /* the page is full */
            c = 1;
            y = 0;
            before = 0;
            if (bc_lay_has_header(l, i)) {
                cs->hdr[i - a] = 1;
                piece view;
                y = bc_lay_header_view(l, i, &view)->h;
            }
        }
        if (i > a && y + before + p->h + cr > H + LAY_FIT) return i - a; /* taller than a column */
        if (y == 0 && chain > H + LAY_FIT && chain <= room + LAY_FIT)
            return i - a; /* H too short */
        /* a chain that fits neither column here but would fit a fresh page goes there whole:
           a heading is never left alone under a chart with its text in the next column */
        if (y == 0 && chain > H + LAY_FIT &&
            chain <= l->th->page_h - l->th->margin_t - l->th->margin_b)
            return i - a;
        cs->col[i - a] = c;
        cs->y[i - a] = y + before;
        y += before + p->h;
    }
    return b - a;
}

/* Room for pieces [a, b) below the segment top: the foot as it is, and their footnotes. */
static double col_room(L *l, foot *f, int a, int b, double seg_top, double bottom)
{
    double notes = l->note_line0 && b > a ? bc_lay_notes_needed(l, a, b - 1) : 0;
    return bottom - seg_top - f->h - bc_lay_foot_extra(f, notes);
}

/* Places [a, b) from seg_top, balanced when asked; returns the y below the columns. */
static double col_place(L *l, bc_ops *pg, foot *f, colstate *cs, int a, int b, double seg_top,
                        double bottom, int balance)
{
    if (a >= b) return seg_top;
    double room = col_room(l, f, a, b, seg_top, bottom);
    double H = room;
    if (balance) {
        double lo = 0, hi = room;
        if (col_fill(l, a, b, hi, room, cs) == b - a) {
            for (int k = 0; k < 40 && hi - lo > 0.25;
                 k++) { /* the shortest height that holds all */
                double mid = (lo + hi) / 2;
                if (col_fill(l, a, b, mid, room, cs) == b - a)
                    hi = mid;
                else
                    lo = mid;
            }
            H = hi;
        }
    }
    int n = col_fill(l, a, b, H, room, cs);
    /* nothing fits below what spans: the page is full (-0.25: none placed) */
    if (n == 0 && seg_top > l->th->margin_t + LAY_FIT) return -0.25;
    int filled = n;
    if (n == 0) n = 1; /* a piece taller than the page: it goes anyway */
    double colw = l->measure, gap = l->th->column_gap, x0 = l->th->margin_l, end = seg_top;
    for (int k = 0; k < n; k++) {
        const piece *p = &l->pieces[a + k];
        double x = x0 + (k < b - a ? cs->col[k] : 0) * (colw + gap);
        double y = seg_top + cs->y[k];
        if (k > 0 && cs->col[k] != cs->col[k - 1]) { /* a column break */
            bc_lay_count_break(l, &l->pieces[a + k - 1], p);
            const piece *q = &l->pieces[a + k - 1];
            col_put_cont(l, pg, a + k - 1, x0 + cs->col[k - 1] * (colw + gap),
                         seg_top + cs->y[k - 1] + q->h);
        }
        if (cs->hdr[k]) {
            piece view;
            const piece *hp = bc_lay_header_view(l, a + k, &view);
            bc_lay_place_repeat(l, pg, hp, x, y - hp->h);
        }
        bc_lay_place(l, pg, p, x, y);
        if (y + p->h > end) end = y + p->h;
        if (l->note_line0) bc_lay_foot_add_notes(l, f, p);
    }
    if (n < b - a &&
        filled > 0) { /* the page turns here: a table going on says so under its rows */
        const piece *q = &l->pieces[a + n - 1];
        double y = seg_top + cs->y[n - 1] + q->h;
        if (col_put_cont(l, pg, a + n - 1, x0 + cs->col[n - 1] * (colw + gap), y) > 0)
            end = y + col_cont_room(l, a + n - 1);
    }
    return n < b - a ? -(double)n : end; /* negative: only n fitted */
}

void bc_lay_paginate_columns(L *l)
{
    const bc_theme *th = l->th;
    double top = th->margin_t, bottom = th->page_h - th->margin_b, x = th->margin_l;
    colstate cs = {0};
    foot f = {0};
    bc_ops *pg = bc_lay_new_page(l);
    double seg_top = top, span_end = top;
    int a = 0;
    for (int i = 0; i < l->np && !l->failed;) {
        const piece *p = &l->pieces[i];
        if (!p->span && !p->force_break) {
            /* does the segment still fit on this page with piece i? */
            double room = col_room(l, &f, a, i + 1, seg_top, bottom);
            piece view;
            double sum = col_goes_on(l, a) ? bc_lay_header_view(l, a, &view)->h : 0;
            for (int k = a; k <= i; k++) sum += l->pieces[k].before + l->pieces[k].h;
            if (sum + (l->pieces[i].keep_next ? bc_lay_chain(l, i, 0, 1, NULL) : 0) <= room ||
                col_fill(l, a, i + 1, room, room, &cs) == i + 1 - a) {
                i++;
                continue;
            }
            /* no: fill this page's columns with what fits, and go on on the next page */
            double r = col_place(l, pg, &f, &cs, a, i + 1, seg_top, bottom, 0);
            int placed = r < 0 ? (int)-r : i + 1 - a;
            if (placed > 0 && l->pieces[a + placed - 1].outline_level > 0)
                l->out->stats.orphans++; /* a heading at the foot of the page */
            pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
            seg_top = span_end = top;
            a += placed;
            if (a > i) i = a;
            continue;
        }
        /* a spanning piece or a break ends the segment: balance it. Column pieces kept with
           the spanning piece (a heading above a chart or wide table) go across with it. */
        int first = i;
        while (!p->force_break && first > a && l->pieces[first - 1].keep_next) first--;
        double y = span_end; /* right below what spanned before, when no columns came between */
        if (a < first) {
            double end = col_place(l, pg, &f, &cs, a, first, seg_top, bottom, 1);
            if (end < 0) end = bottom; /* cannot happen: the segment was checked piece by piece */
            y = end + th->body_size;
        }
        if (p->force_break) {
            if (y > top) {
                pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
            }
            seg_top = span_end = top;
            a = ++i;
            continue;
        }
        /* the spanning piece, with what is kept with it, as on a one-column page */
        p = &l->pieces[first];
        double before = y > top ? p->before : 0;
        double chain = before + p->h;
        int last = first;
        for (int j = first;
             l->pieces[j].keep_next && j + 1 < l->np && (j + 1 <= i || l->pieces[j + 1].span);
             j++) {
            chain += l->pieces[j + 1].before + l->pieces[j + 1].h;
            last = j + 1;
        }
        if (last < i) last = i;
        double notes = l->note_line0 ? bc_lay_notes_needed(l, first, last) : 0;
        double avail = bottom - f.h - bc_lay_foot_extra(&f, notes);
        if (y > top && y + chain + col_cont_room(l, last) > avail + LAY_FIT) {
            if (first > 0 && l->pieces[first - 1].span) col_put_cont(l, pg, first - 1, x, y);
            pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
            y = bc_lay_repeat_header(l, pg, first, x, top); /* a table going on: its header */
            before = 0;
        }
        for (int j = first; j <= last; j++) {
            const piece *q = &l->pieces[j];
            double b = j == first ? before : q->before;
            if (j > first && y + b + q->h + col_cont_room(l, j) > bottom - f.h + LAY_FIT &&
                y > top) { /* a long chain: a wide table going on says so under its rows */
                col_put_cont(l, pg, j - 1, x, y);
                pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
                y = bc_lay_repeat_header(l, pg, j, x, top);
                b = 0;
            }
            y = bc_lay_put(l, pg, &f, q, x, y, b, bottom);
        }
        span_end = y;
        seg_top = y + th->body_size; /* columns start a line below what spans */
        a = i = last + 1;
    }
    double end = col_place(l, pg, &f, &cs, a, l->np, seg_top, bottom, 1);
    (void)end;
    bc_lay_foot_finish(l, pg, &f, x, top, bottom);
    free(cs.col);
    free(cs.y);
    free(cs.hdr);
}
