/*
** breaks.c — the rules both paginators (pages.c for one column, columns.c for two) follow
** where a page or a column breaks, kept in one place so that the two cannot drift apart:
**   - a chain of pieces kept with the next moves whole (its height, bc_lay_chain);
**   - the footnotes a chain brings need room at the foot, with the rule above them when the
**     foot is still empty (bc_lay_foot_extra);
**   - a paragraph broken across the break counts an orphan or a widow (bc_lay_count_break);
**   - a table going on repeats its header at the top (bc_lay_repeat_header);
**   - a piece placed across the page queues its footnotes at the foot (bc_lay_put);
**   - note lines still carried when the text ends get pages of their own (bc_lay_foot_finish).
** Part of layout (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>

double bc_lay_chain(const L *l, int i, double before, int in_columns, int *last)
{
    double h = before + l->pieces[i].h;
    int j = i;
    for (; l->pieces[j].keep_next && j + 1 < l->np && !(in_columns && l->pieces[j + 1].span) &&
           !l->pieces[j + 1].force_break;
         j++)
        h += l->pieces[j + 1].before + l->pieces[j + 1].h;
    if (last) *last = j;
    return h;
}

double bc_lay_foot_extra(const foot *f, double notes)
{
    return notes > 0 ? notes + (f->n ? 0 : FOOT_RULE) : 0;
}

void bc_lay_count_break(L *l, const piece *prev, const piece *p)
{
    if (prev && prev->outline_level > 0) l->out->stats.orphans++; /* a heading left behind */
    if (!prev || !p->para || prev->para != p->para) return;
    if (prev->line == 0) l->out->stats.orphans++;         /* its first line left behind */
    if (p->nlines - p->line == 1) l->out->stats.widows++; /* its last line carried over */
}

int bc_lay_has_header(const L *l, int i)
{
    return l->pieces[i].header >= 0 && l->pieces[i].header != i;
}

const piece *bc_lay_header_view(const L *l, int i, piece *view)
{
    const piece *hp = &l->pieces[l->pieces[i].header];
    if (!hp->rep_nop) return hp;
    *view = (piece){.op0 = hp->rep_op0,
                    .nop = hp->rep_nop,
                    .h = hp->rep_h,
                    .header = -1,
                    .section = hp->section};
    return view;
}

double bc_lay_repeat_header(L *l, bc_ops *pg, int i, double x, double y)
{
    if (!bc_lay_has_header(l, i)) return y;
    piece view;
    const piece *hp = bc_lay_header_view(l, i, &view);
    bc_lay_place_repeat(l, pg, hp, x, y);
    return y + hp->h;
}

double bc_lay_put(L *l, bc_ops *pg, foot *f, const piece *p, double x, double y, double before,
                  double bottom)
{
    bc_lay_place(l, pg, p, x, y + before);
    y += before + p->h;
    if (l->note_line0) {
        bc_lay_foot_add_notes(l, f, p);
        bc_lay_foot_fit(l, f, y, bottom);
    }
    return y;
}

void bc_lay_foot_finish(L *l, bc_ops *pg, foot *f, double x, double top, double bottom)
{
    bc_lay_foot_draw(l, pg, f, x, bottom);
    while (f->ncarry) { /* notes longer than the pages that hold their references */
        pg = bc_lay_new_page(l);
        bc_lay_foot_take_carry(l, f, 2 * (bottom - top)); /* no body text left: the whole page */
        bc_lay_foot_draw(l, pg, f, x, bottom);
    }
    free(f->q);
    free(f->carry);
}
