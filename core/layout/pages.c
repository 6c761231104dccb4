/*
** pages.c — one-column pagination: pieces placed top to bottom, following the rules at a
** break both paginators share (breaks.c: chains moved whole, widows and orphans counted, a
** table's header repeated, footnotes at the foot); new pages within the brief's page limit;
** placing a piece on a page; the running header and the page numbers. Part of layout
** (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <string.h>

#include "doc/markup.h"
#include "layout/image.h"
#include "layout/vec_text.h"
#include "text/bidi.h"

/* A new page, or past the brief's page limit an error and the last page again (cleared), so
   that pagination winds down without growing. */
bc_ops *bc_lay_new_page(L *l)
{
    bc_layout *o = l->out;
    int limit = l->doc->page_limit;
    if (limit > 0 && o->npages >= limit) {
        if (!l->failed) {
            const bc_doc_section *s = l->section >= 0 && l->section < l->doc->nsections
                                          ? &l->doc->sections[l->section]
                                          : NULL;
            bc_error_set(l->err, s ? s->file : NULL, s ? s->line : 0,
                         "the brief has more than %d pages%s%s%s; raise limits.pages in "
                         "brief.lua",
                         limit, s ? " (section '" : "", s ? s->name : "",
                         s ? "' was being laid out)" : "");
            l->failed = 1;
        }
        bc_ops *pg = &o->pages[o->npages - 1];
        bc_ops_free(pg);
        memset(pg, 0, sizeof *pg);
        return pg;
    }
    if (o->npages) bc_ops_trim(&o->pages[o->npages - 1], 16); /* room for header and footer */
    o->pages = bc_xrealloc(o->pages, (size_t)(o->npages + 1) * sizeof *o->pages);
    o->page_land = bc_xrealloc(o->page_land, (size_t)(o->npages + 1));
    o->page_land[o->npages] = 0;
    bc_ops *pg = &o->pages[o->npages++];
    memset(pg, 0, sizeof *pg);
    return pg;
}

/* Ends the page (its footnotes drawn at the foot) and starts the next, whose foot begins
   with the note lines carried over. */
bc_ops *bc_lay_turn_page(L *l, bc_ops *pg, foot *f, double x, double top, double bottom)
{
    bc_lay_foot_draw(l, pg, f, x, bottom);
    pg = bc_lay_new_page(l);
    bc_lay_foot_take_carry(l, f, bottom - top);
    return pg;
}

void bc_lay_place(L *l, bc_ops *pg, const piece *p, double x, double y)
{
    l->section = p->section;
    int note = 0; /* a footnote's marker is the text after its note op: a Reference */
    for (int i = p->op0; i < p->op0 + p->nop; i++) {
        if (l->pool.v[i].kind == BC_OP_NOTE) { /* pagination's, not the page's */
            note = (int)l->pool.v[i].len;
            continue;
        }
        bc_op *op = bc_ops_push(pg);
        *op = l->pool.v[i];
        op->x += (float)x;
        op->y += (float)y;
        if (note && op->kind == BC_OP_TEXT) {
            if (op->se > 0) op->se = bc_tags_add_reference(&l->out->tags, op->se, note);
            note = 0;
        }
    }
    for (int k = 0; k < 2; k++) {
        if (!p->dest[k]) continue;
        bc_layout *o = l->out;
        o->dests = bc_xrealloc(o->dests, (size_t)(o->ndests + 1) * sizeof *o->dests);
        o->dests[o->ndests].name = p->dest[k];
        o->dests[o->ndests].page = o->npages - 1;
        o->dests[o->ndests].y = y;
        o->ndests++;
    }
    if (p->outline_level) {
        bc_layout *o = l->out;
        o->outline = bc_xrealloc(o->outline, (size_t)(o->noutline + 1) * sizeof *o->outline);
        bc_outline_entry *e = &o->outline[o->noutline++];
        e->level = p->outline_level;
        e->title = p->outline_title;
        e->page = o->npages - 1;
        e->y = y;
    }
}

/* A table's header row again at the top of a page: drawn, but an artifact (its cells are
   in the structure tree once, where the table starts). */
void bc_lay_place_repeat(L *l, bc_ops *pg, const piece *p, double x, double y)
{
    int from = pg->n;
    bc_lay_place(l, pg, p, x, y);
    for (int i = from; i < pg->n; i++) pg->v[i].se = 0;
}

/* A table whose caption goes below: piece i is a row with another row of its table after
   it, so a page break after i puts "(continued)" under it; the room that needs, else 0. */
static double cont_room(const L *l, int i)
{
    const piece *p = &l->pieces[i];
    if (p->header < 0 || i + 1 >= l->np || l->pieces[i + 1].header != p->header) return 0;
    return l->pieces[p->header].cont_nop ? l->pieces[p->header].cont_h : 0;
}

/*
** Places pieces top to bottom. A piece that references footnotes needs room for them too:
** they go to the foot of the page the reference lands on (a rule, then the notes), and lines
** of a note that cannot fit there are carried to the next page's foot.
*/
void bc_lay_paginate(L *l)
{
    const bc_theme *th = l->th;
    double top = th->margin_t, bottom = th->page_h - th->margin_b, x = th->margin_l;
    /* the first page's own top margin (page.first.top); pages after it start at top */
    double y = th->first_margin_t > 0 ? th->first_margin_t : top, page_top = y;
    foot f = {0};
    bc_ops *pg = bc_lay_new_page(l);
    for (int i = 0; i < l->np && !l->failed; i++) {
        const piece *p = &l->pieces[i];
        if (l->out->npages > 1) page_top = top;
        if (p->land != l->out->page_land[l->out->npages - 1]) { /* s:landscape, or its end */
            if (y > page_top) {
                pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
                y = page_top = top;
            }
            l->out->page_land[l->out->npages - 1] = p->land;
            bottom = (p->land ? th->page_w : th->page_h) - th->margin_b;
        }
        if (p->force_break) {
            if (y > page_top) {
                pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
                y = top;
            }
            continue;
        }
        if (p->back) { /* the back page: its own, even, the block at its foot */
            if (y > page_top || l->out->npages % 2 == 1) {
                pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
                if (l->out->npages % 2 == 1) pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
            }
            l->out->back_page = l->out->npages;
            y = bc_lay_put(l, pg, &f, p, x, bottom - f.h - p->h, 0, bottom);
            y = bottom; /* nothing else on it */
            continue;
        }
        double before = y > page_top ? p->before : 0;
        /* the chain of pieces that must share this one's page, and the footnotes they bring */
        int last;
        double chain = bc_lay_chain(l, i, before, 0, &last);
        double own = l->note_line0 ? bc_lay_notes_needed(l, i, i) : 0;
        double all = l->note_line0 && last > i ? bc_lay_notes_needed(l, i, last) : own;
        double avail = bottom - f.h;
        int fits = y + chain + cont_room(l, last) + bc_lay_foot_extra(&f, all) <= avail + LAY_FIT;
        int fits_alone =
            y + before + p->h + cont_room(l, i) + bc_lay_foot_extra(&f, own) <= avail + LAY_FIT;
        if (y > page_top && (!fits || !fits_alone) && (chain <= bottom - top || !fits_alone)) {
            bc_lay_count_break(l, i > 0 ? &l->pieces[i - 1] : NULL, p);
            if (i > 0 && cont_room(l, i - 1) > 0) { /* the table goes on: say so under its rows */
                const piece *hp = &l->pieces[p->header];
                piece cont = {.op0 = hp->cont_op0,
                              .nop = hp->cont_nop,
                              .h = hp->cont_h,
                              .header = -1,
                              .section = hp->section};
                bc_lay_place_repeat(l, pg, &cont, x, y);
            }
            pg = bc_lay_turn_page(l, pg, &f, x, top, bottom);
            y = bc_lay_repeat_header(l, pg, i, x, top);
            before = 0;
        }
        y = bc_lay_put(l, pg, &f, p, x, y, before, bottom);
    }
    bc_lay_foot_finish(l, pg, &f, x, top, bottom);
}

/* A bound brief (page.margins inner/outer): even pages' content moves so that their wide
   margin is on the right, at the binding. Pages are laid out with the odd pages' margins. */
static void mirror_pages(L *l)
{
    const bc_theme *th = l->th;
    float dx = (float)(th->margin_r - th->margin_l);
    for (int i = 1; i < l->out->npages; i += 2) {
        bc_ops *pg = &l->out->pages[i];
        for (int k = 0; k < pg->n; k++) pg->v[k].x += dx;
    }
}

/* A running header or footer slot's text on page `page` of `pages`: {title}, {subtitle},
   {date}, {series}, {authors}, {page} and {pages} filled in (the params were, when the
   brief loaded), with the page's typography ("--" as a dash, curly quotes). */
static const char *fill_slot(L *l, const char *tmpl, int page, int pages)
{
    if (!tmpl || !tmpl[0]) return "";
    const bc_meta *m = l->meta;
    bc_buf o = {0};
    for (const char *p = tmpl; *p;) {
        static const char *const names[] = {"title",   "subtitle", "date", "series",
                                            "authors", "page",     "pages"};
        int k = -1;
        size_t n = 0;
        for (int i = 0; p[0] == '{' && i < 7 && k < 0; i++) {
            n = strlen(names[i]);
            if (!strncmp(p + 1, names[i], n) && p[1 + n] == '}') k = i;
        }
        if (k < 0) {
            bc_buf_add(&o, p, 1);
            p++;
            continue;
        }
        const char *v = k == 0   ? m->title
                        : k == 1 ? m->subtitle
                        : k == 2 ? m->date
                        : k == 3 ? m->series
                        : k == 4 ? m->authors
                                 : NULL;
        if (k == 5)
            bc_buf_printf(&o, "%d", page);
        else if (k == 6)
            bc_buf_printf(&o, "%d", pages);
        else if (v)
            bc_buf_add(&o, v, strlen(v));
        p += n + 2;
    }
    const char *s = o.len ? bc_markup_smarten(l->a, o.data, o.len) : "";
    bc_buf_free(&o);
    return s;
}

/* Draws three slots on one line at y, left, centred and right between left and right; x0 is
   where the left slot starts (after a logo). Returns whether any was drawn. */
static int draw_slots(L *l, bc_ops *pg, const char *const slot[3], double x0, double left,
                      double right, double y)
{
    int drawn = 0;
    for (int k = 0; k < 3; k++) {
        if (!slot[k][0]) continue;
        /* set as body text is: shaped, in the fallback chain (langtext.c) */
        double x = k == 0 ? x0 : k == 1 ? (left + right) / 2 : right;
        bc_lay_frame_text(l, pg, slot[k], BC_FONT_SANS, LAY_RUNNING_SIZE, l->th->muted, x, y,
                          "lcr"[k]);
        drawn = 1;
    }
    return drawn;
}

/* The running header (from page 2, or page 1 with header.first) and footer (on every page,
   or from page 2 without footer.first), each three slots from the theme (by default the
   title left, the date right, "N / M" centred below); on a bound brief's odd pages the left
   and right slots swap, so the left one is at the outer edge. The back page is bare. */
void bc_lay_decorate(L *l)
{
    const bc_theme *th = l->th;
    bc_layout *o = l->out;
    bc_font *f = bc_lay_font_for(l, BC_FONT_SANS);
    if (!f) return;
    if (th->mirror) mirror_pages(l);
    for (int i = 0; i < o->npages; i++) {
        bc_ops *pg = &o->pages[i];
        int even = th->mirror && i % 2 == 1, land = o->page_land && o->page_land[i];
        double pw = land ? th->page_h : th->page_w, ph = land ? th->page_w : th->page_h;
        double left = even ? th->margin_r : th->margin_l;
        double right = pw - (even ? th->margin_l : th->margin_r);
        if (i + 1 == o->back_page) continue; /* bare: no header, no number */
        /* a bound brief's odd pages swap left and right, and so does a right-to-left brief */
        int rtl = l->meta && bc_bidi_rtl_language(l->meta->language);
        int swap = (th->mirror && !even) != rtl, op0 = pg->n;
        if (i > 0 || th->header_first) {
            double y = (i > 0 || th->first_margin_t <= 0 ? th->margin_t : th->first_margin_t) -
                       LAY_RUNNING_RAISE,
                   hx = left;
            if (th->header_logo) { /* left of the title, sitting on the rule, an artifact */
                int im0 = pg->n;
                hx += bc_image_header(pg, th->header_logo, th->header_logo_w, left, y + 3);
                if (bc_vec_texts(pg, im0, l->fs, l->a, l->err) != BC_OK) l->failed = 1;
            }
            const char *slot[3];
            for (int k = 0; k < 3; k++)
                slot[k] = fill_slot(l, th->head[swap && k != 1 ? 2 - k : k], i + 1, o->npages);
            int drawn = draw_slots(l, pg, slot, hx, left, right, y) || th->header_logo;
            if (drawn && th->header_rule)
                bc_ops_line(pg, left, y + 5, right, y + 5, th->rule, LAY_HAIRLINE, 0);
        }
        for (int k = op0; k < pg->n; k++) pg->v[k].frame = BC_FRAME_HEADER;
        op0 = pg->n;
        if (i > 0 || th->footer_first) {
            const char *slot[3];
            for (int k = 0; k < 3; k++)
                slot[k] = fill_slot(l, th->foot[swap && k != 1 ? 2 - k : k], i + 1, o->npages);
            draw_slots(l, pg, slot, left, left, right, ph - th->margin_b + LAY_FOLIO_DROP);
        }
        for (int k = op0; k < pg->n; k++) pg->v[k].frame = BC_FRAME_FOOTER;
    }
}
