/*
** notes.c — footnotes: every note set once (its number hanging in the margin), queued at
** the foot of the page its reference lands on, and lines that do not fit carried to the next
** page's foot. Both paginators (pages.c, columns.c) use the foot. Part of layout (layout.c
** lists the parts).
*/
#include "layout/layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/bidi.h"

static tstyle note_style(L *l)
{
    tstyle s = bc_lay_body_style(l);
    s.size = l->th->body_size * LAY_NOTE_SIZE;
    s.leading = s.size * LAY_SANS_LEADING;
    return s;
}

/* Sets every footnote's text once, its number hanging in the margin of its first line. */
void bc_lay_notes(L *l)
{
    int n = l->doc->nnotes;
    if (n == 0) return;
    tstyle st = note_style(l);
    bc_font *f = bc_lay_font_for(l, BC_FONT_SERIF);
    if (!f) return;
    char widest[16];
    int wn = snprintf(widest, sizeof widest, "%d", n);
    double gap = st.size * 0.5;
    double hang = bc_font_width(f, widest, (size_t)wn, st.size) + gap;
    double base = bc_lay_baseline_offset(l, &st);
    l->note_line0 = bc_xmalloc((size_t)n * sizeof *l->note_line0);
    l->note_nlines = bc_xmalloc((size_t)n * sizeof *l->note_nlines);
    l->note_queued = bc_xcalloc((size_t)n, 1);
    int cap = 0;
    for (int i = 0; i < n && !l->failed; i++) {
        char *num = bc_arena_printf(l->a, "%d", i + 1);
        size_t len = strlen(num);
        int num_op = l->pool.n; /* the number opens the note's first line */
        /* a right-to-left note hangs its number in the right margin */
        int rtl = l->doc->notes[i] && bc_lay_text_rtl(l, l->doc->notes[i]);
        bc_ops_text(&l->pool, BC_FONT_SERIF, st.size, st.color,
                    rtl ? l->measure - hang + gap
                        : hang - gap - bc_font_width(f, num, len, st.size),
                    base, num, len);
        bc_font_use(f, num, len);
        tline *lines = NULL;
        int k = l->doc->notes[i]
                    ? bc_lay_set_text(l, l->doc->notes[i], &st, l->measure - hang, &lines)
                    : 0;
        if (k == 0) { /* an empty note still shows its number */
            free(lines);
            lines = bc_xmalloc(sizeof *lines);
            lines[0].op0 = l->pool.n;
            lines[0].nop = 0;
            k = 1;
        }
        l->note_line0[i] = l->nfl;
        l->note_nlines[i] = k;
        for (int j = 0; j < k; j++) {
            BC_GROW(l->fl, l->nfl, cap, 64);
            if (!rtl) bc_lay_shift_ops(l, lines[j].op0, lines[j].nop, hang, 0);
            fline *fl = &l->fl[l->nfl++];
            fl->op0 = j == 0 ? num_op : lines[j].op0;
            fl->nop = j == 0 ? lines[j].op0 + lines[j].nop - num_op : lines[j].nop;
            fl->h = st.leading;
            fl->note = i + 1;
        }
        int note_se = bc_tags_add(&l->out->tags, 1, "Note");
        l->out->tags.v[note_se].note = i + 1; /* its Reference finds it by number */
        bc_tags_stamp(&l->pool, num_op, note_se);
        free(lines);
    }
}

static void foot_push(int **v, int *n, int *cap, int x)
{
    BC_GROW(*v, *n, *cap, 32);
    (*v)[(*n)++] = x;
}

/* Height of the footnotes first referenced in pieces [i, j] that no page holds yet. */
double bc_lay_notes_needed(L *l, int i, int j)
{
    double h = 0;
    for (int k = i; k <= j; k++) {
        const piece *p = &l->pieces[k];
        for (int o = p->op0; o < p->op0 + p->nop; o++) {
            const bc_op *op = &l->pool.v[o];
            if (op->kind != BC_OP_NOTE) continue;
            int n = (int)op->len;
            if (n >= 1 && n <= l->doc->nnotes && l->note_line0 && !l->note_queued[n - 1])
                h += bc_lay_note_height(l, n);
        }
    }
    return h;
}

/* Queues the new footnotes of piece p for this page's foot, in numeric order (a piece such
   as a table row draws its cells' markers column by column). */
static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void bc_lay_foot_add_notes(L *l, foot *f, const piece *p)
{
    int nn = 0, *ns = NULL;
    for (int o = p->op0; o < p->op0 + p->nop; o++) nn += l->pool.v[o].kind == BC_OP_NOTE;
    if (nn == 0 || !l->note_line0) return;
    ns = bc_xmalloc((size_t)nn * sizeof *ns);
    nn = 0;
    for (int o = p->op0; o < p->op0 + p->nop; o++)
        if (l->pool.v[o].kind == BC_OP_NOTE) ns[nn++] = (int)l->pool.v[o].len - 1;
    qsort(ns, (size_t)nn, sizeof *ns, cmp_int);
    for (int i = 0; i < nn; i++) {
        int n = ns[i];
        if (n < 0 || n >= l->doc->nnotes || l->note_queued[n]) continue;
        l->note_queued[n] = 1;
        if (f->n == 0) f->h = FOOT_RULE;
        for (int k = 0; k < l->note_nlines[n]; k++) {
            foot_push(&f->q, &f->n, &f->cap, l->note_line0[n] + k);
            f->h += l->fl[l->note_line0[n] + k].h;
        }
    }
    free(ns);
}

/* Moves lines from the end of the foot to the carry-over until body and foot fit. */
void bc_lay_foot_fit(L *l, foot *f, double y, double bottom)
{
    while (f->n > 0 && y + f->h > bottom + LAY_FIT) {
        int line = f->q[--f->n];
        f->h -= l->fl[line].h;
        foot_push(&f->carry, &f->ncarry, &f->capcarry, 0);
        memmove(f->carry + 1, f->carry, (size_t)(f->ncarry - 1) * sizeof *f->carry);
        f->carry[0] = line;
    }
    if (f->n == 0) f->h = 0;
}

/* A new page's foot starts with the lines carried over, up to half the text area. */
void bc_lay_foot_take_carry(L *l, foot *f, double room)
{
    if (f->ncarry == 0) return;
    int k = 0;
    while (k < f->ncarry && (f->n == 0 ? FOOT_RULE : f->h) + l->fl[f->carry[k]].h <= room / 2) {
        if (f->n == 0) f->h = FOOT_RULE;
        foot_push(&f->q, &f->n, &f->cap, f->carry[k]);
        f->h += l->fl[f->carry[k]].h;
        k++;
    }
    if (k == 0 && f->ncarry) { /* a line taller than half the page: place it anyway */
        f->h = FOOT_RULE + l->fl[f->carry[0]].h;
        foot_push(&f->q, &f->n, &f->cap, f->carry[0]);
        k = 1;
    }
    memmove(f->carry, f->carry + k, (size_t)(f->ncarry - k) * sizeof *f->carry);
    f->ncarry -= k;
}

/* Draws the foot at the bottom of the text area: a short rule, then the lines. */
void bc_lay_foot_draw(L *l, bc_ops *pg, foot *f, double x, double bottom)
{
    if (f->n == 0) return;
    double y = bottom - f->h;
    double rule = l->full * LAY_FOOT_RULE_SHARE < LAY_FOOT_RULE_MAX ? l->full * LAY_FOOT_RULE_SHARE
                                                                    : LAY_FOOT_RULE_MAX;
    double rx = l->meta && bc_bidi_rtl_language(l->meta->language) ? x + l->full - rule : x;
    bc_ops_line(pg, rx, y + FOOT_RULE / 2, rx + rule, y + FOOT_RULE / 2, l->th->rule, LAY_HAIRLINE,
                0); /* at the start of the lines: the right in a right-to-left brief */
    y += FOOT_RULE;
    bc_layout *o = l->out;
    for (int i = 0; i < f->n; i++) {
        const fline *fl = &l->fl[f->q[i]];
        for (int k = fl->op0; k < fl->op0 + fl->nop; k++) {
            bc_op *op = bc_ops_push(pg);
            *op = l->pool.v[k];
            op->x += (float)x;
            op->y += (float)y;
        }
        if (f->q[i] == l->note_line0[fl->note - 1]) { /* the note's first line: its link target */
            o->dests = bc_xrealloc(o->dests, (size_t)(o->ndests + 1) * sizeof *o->dests);
            o->dests[o->ndests].name = bc_arena_printf(l->a, "fn-%d", fl->note);
            o->dests[o->ndests].page = o->npages - 1;
            o->dests[o->ndests].y = y;
            o->ndests++;
        }
        y += fl->h;
    }
    f->n = 0;
    f->h = 0;
}
