/*
** blocks_more.c — the authoring blocks beyond paragraphs and lists: definition lists (a term,
** its meaning indented under it), pull quotes (a sentence drawn out large between rules) and
** the back page's contact block (at the foot of the last page, an even one). Part of layout
** (layout.c lists the parts); blocks.c dispatches to it.
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <string.h>

#define DEF_INDENT 1.8  /* a definition's indent, times the body size */
#define PULL_SIZE 1.35  /* a pull quote's size, times the body size */
#define PULL_RULE 0.9   /* the rules above and below it */
#define BACK_TITLE 1.15 /* the back page's title, times the body size */

/* Sets in lines at (dx, y) of the current piece; returns the height they take. */
static double set_at(L *l, const bc_inline *in, const tstyle *st, double w, double dx, double y)
{
    tline *lines;
    int n = bc_lay_set_text(l, in, st, w, &lines);
    for (int i = 0; i < n; i++)
        bc_lay_shift_ops(l, lines[i].op0, lines[i].nop, dx, y + i * st->leading);
    free(lines);
    return n * st->leading;
}

/* Terms in bold sans, each kept with the start of its meaning; the meaning set in the body
   style, indented. Tagged as a list: LI > Lbl (the term), LBody (the meaning). */
void bc_lay_deflist(L *l, const bc_block *b)
{
    tstyle ts = bc_lay_sans_style(l, l->th->body_size * 0.95, l->th->text, BC_STYLE_BOLD);
    ts.leading = ts.size * 1.3;
    tstyle ds = bc_lay_body_style(l);
    ds.justify = 0;
    double indent = l->th->body_size * DEF_INDENT;
    for (int i = 0; i < b->u.deflist.n && !l->failed; i++) {
        int li = l->se ? bc_tags_add(&l->out->tags, l->se, "LI") : 0;
        piece *p = bc_lay_new_piece(l, 0, i == 0 ? ds.size * 0.6 : ds.size * 0.5);
        int t0 = l->pool.n;
        p->h = set_at(l, &b->u.deflist.terms[i], &ts, l->measure, 0, 0) + 1.5;
        if (li) bc_tags_stamp(&l->pool, t0, bc_tags_add(&l->out->tags, li, "Lbl"));
        bc_lay_close_piece(l, p);
        p->keep_next = 1;
        piece *q = bc_lay_new_piece(l, 0, 0);
        int d0 = l->pool.n;
        q->h = set_at(l, &b->u.deflist.defs[i], &ds, l->measure - indent, indent, 0);
        if (li) bc_tags_stamp(&l->pool, d0, bc_tags_add(&l->out->tags, li, "LBody"));
        bc_lay_close_piece(l, q);
    }
}

/* A pull quote: large italic serif in the accent colour, set ragged between two rules, kept
   whole (it is never split across pages). */
void bc_lay_pull(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    tstyle st = bc_lay_body_style(l);
    st.size = th->body_size * PULL_SIZE;
    st.leading = st.size * 1.3;
    st.style = BC_STYLE_ITALIC;
    st.color = th->accent;
    st.justify = 0;
    double pad = st.size * 0.55, inset = th->body_size * 1.2;
    piece *p = bc_lay_new_piece(l, 0, th->body_size * 1.2);
    int op0 = l->pool.n;
    double h = set_at(l, &b->u.para.text, &st, l->measure - 2 * inset, inset, pad);
    h += 2 * pad;
    bc_ops_line(&l->pool, inset, 0, l->measure - inset, 0, th->accent, PULL_RULE, 0);
    bc_ops_line(&l->pool, inset, h, l->measure - inset, h, th->accent, PULL_RULE, 0);
    p->op0 = op0;
    p->h = h + th->body_size * 0.6;
    bc_lay_close_piece(l, p);
}

/* The back page: its block is one piece the paginator puts at the foot of a page of its own,
   an even one (a blank page before it when needed), with no running header or number. */
void bc_lay_back(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    tstyle ts = bc_lay_sans_style(l, th->body_size * BACK_TITLE, th->accent, BC_STYLE_BOLD);
    tstyle ls = bc_lay_sans_style(l, th->body_size * 0.92, th->text, 0);
    ls.leading = ls.size * 1.45;
    piece *brk = bc_lay_new_piece(l, 0, 0); /* a page of its own (in columns too) */
    brk->force_break = 1;
    bc_lay_close_piece(l, brk);
    piece *p = bc_lay_new_piece(l, 0, 0);
    int op0 = l->pool.n;
    double y = 0;
    if (b->u.back.title.n) {
        int t0 = l->pool.n;
        y += set_at(l, &b->u.back.title, &ts, l->measure, 0, 0) + 4;
        if (l->se) bc_tags_stamp(&l->pool, t0, bc_tags_add(&l->out->tags, l->se, "H2"));
    }
    for (int i = 0; i < b->u.back.n; i++) {
        int l0 = l->pool.n;
        y += set_at(l, &b->u.back.lines[i], &ls, l->measure, 0, y);
        if (l->se) bc_tags_stamp(&l->pool, l0, bc_tags_add(&l->out->tags, l->se, "P"));
    }
    bc_ops_line(&l->pool, 0, -8, l->measure, -8, th->rule, LAY_HAIRLINE, 0);
    p->op0 = op0;
    p->h = y;
    p->back = 1;
    bc_lay_close_piece(l, p);
}
