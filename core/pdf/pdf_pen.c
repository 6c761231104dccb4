/*
** pdf_pen.c — where pdf.js is shown text apart from where it is drawn (pdf_int.h). pdf.js 3.11
** (evaluator.js getTextContent) reads a space wherever its pen jumps forward past a glyph it
** read, none where it steps back, and ends its text item at a step back or a change of font;
** in mixed lines (a right-to-left phrase drawn from its right end, a left-to-right run in an
** Urdu line) that puts spaces where the text has none and drops ones it has. A space glyph
** under word spacing (Tw), set far below the page, moves pdf.js's pen alone: renderers, poppler
** and MuPDF place every glyph as before. pdf_text.c asks here how far to move it for each op;
** pdf_gaps.c decides which ops carry or lead a space. Part of the back end pdf.c drives.
*/
#include "pdf/pdf_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/*
** A left-to-right run after a right-to-left word and the space (pdf_gaps.c, bc_pdf_leads_space):
** pdf.js reads a space before a glyph only where it lies past the end of the glyph it read last
** (evaluator.js compareWithLastPosition), and the word, to the right, ended there. Its first
** glyph is shown to pdf.js past the line's end drawn so far, and the rest where it is: a space
** glyph between under word spacing (Tw) d, its width taken back by the TJ. Tw applies to the
** one-byte code 32 alone (ISO 32000-1 9.3.3), so renderers, poppler and MuPDF place every glyph
** as before; pdf.js's text pass adds it to any glyph it reads as white space. Never past the
** page's width (t->page_w), where pdf.js drops the glyph; a glyph so shown moves the next
** lead on its line further (js_far). Returns d, or 0.
*/
static double lead_space(W *w, tstate *t, const bc_op *op, double y)
{
    if (!bc_pdf_leads_space(w, op) || !w->ascii[op->font][' '] || fabs(y - t->line_y) > 0.01)
        return 0;
    double at = t->line_end + 0.8 * op->size; /* past pdf.js's widest gap in flow */
    /* past the glyph shown past the line before, which pdf.js may have read last there
       ("مِنْ رَبِّ، … رَبِّ،", bc_pdf_lead_cut), by more than its narrowest space */
    if (fabs(y - t->js_far_y) <= 0.01 && t->js_far + 0.3 * op->size > at)
        at = t->js_far + 0.3 * op->size;
    /* past a run's one glyph shown there, if pdf.js read it last, by more than its widest gap
       in flow ("— … وَ in;", the dash led past the line's end: "وَin;") */
    if (t->js_op && t->js_op_silent && fabs(y - t->js_op_y) <= 0.01 &&
        t->js_op_end + 0.8 * op->size > at)
        at = t->js_op_end + 0.8 * op->size;
    double d = at - op->x;
    /* pdf.js drops a glyph that starts past the page's edge (evaluator.js, the view box) */
    if (d <= 0 || at + 0.1 * op->size > t->page_w) return 0;
    int cut = bc_pdf_lead_cut(w, op);
    if (cut) {
        t->js_far = at + 0.5 * op->size; /* the piece: a space glyph */
        t->js_far_y = y;
    }
    if (cut || bc_pdf_js_compares(op->text, op->len, NULL) == 1) { /* past_far */
        t->js_op = op;
        t->js_op_end = at + (cut ? 0.5 : 1.0) * op->size;
        t->js_op_y = y;
        t->js_op_silent = 0;
    }
    return d;
}

/* The lead_space shift op takes from the one-letter word before it ("a" in "a (quoted)"),
   whose shift pdf.js's pen still has: the rest of that word, at its place, would be a step back
   and the space between forgotten. A word gap keeps it for the word after (pend: the shift). */
static double lead_on(W *w, tstate *t, const bc_op *op, double y, double pend)
{
    if (pend <= 0 || fabs(y - t->line_y) > 0.01 || op->x < t->run_end - 0.01 || op->angle != 0)
        return 0;
    if (!bc_pdf_rest_blank(op->text, op->text + op->len)) /* the word: never off the page */
        return op->x + pend + 0.1 * op->size <= t->page_w && w->ascii[op->font][' '] ? pend : 0;
    t->js_lead = pend;
    return 0;
}

/* Whether a word follows op on its line after a word gap (lead_on). */
int bc_pdf_word_follows(const W *w, const bc_op *op)
{
    if (!w->page || op < w->page->v || op - w->page->v + 2 >= w->page->n) return 0;
    const int *o = w->gm.order ? w->gm.order[w->cur_page] : NULL;
    if (o && (o[w->page->n + (op - w->page->v)] & BC_PDF_VISUAL)) return 0; /* drawn out of order */
    const bc_op *sp = op + 1, *next = op + 2;
    return sp->kind == BC_OP_TEXT && sp->len && bc_pdf_rest_blank(sp->text, sp->text + sp->len) &&
           fabsf(sp->y - op->y) <= 0.01f && next->kind == BC_OP_TEXT && next->len &&
           next->dir != BC_TEXT_RTL && fabsf(next->y - op->y) <= 0.01f && next->x > op->x;
}

/* Moves pdf.js's pen by d (lead_space), no other reader's: a TJ of the space under Tw d, its
   width taken back, set far below the page (text rise) where poppler and MuPDF, which read a
   space glyph as a word's end wherever it is drawn, drop it; rise: the text rise to go back to
   (points). */
void bc_pdf_shift_pen(W *w, bc_buf *b, const bc_op *op, double d, double rise)
{
    uint16_t sp = w->ascii[op->font][' '];
    const bc_subset *sub = &w->sub[op->font];
    /* back: two spaces of half the shift, after which pdf.js adds no space of its own before
       the next glyph it reads (evaluator.js saveLastChar: one after a space and a letter) */
    int n = d < 0 ? 2 : 1;
    bc_pdf_num(b, d / n);
    bc_buf_adds(b, "Tw -30000 Ts [");
    for (int k = 0; k < n; k++) {
        bc_buf_addc(b, '(');
        bc_pdf_glyph_bytes(b, sp);
        bc_buf_addc(b, ')');
        bc_pdf_num(b, sp < sub->nglyphs ? sub->widths[sp] : 0);
    }
    bc_buf_adds(b, "] TJ ");
    bc_pdf_num(b, rise);
    bc_buf_adds(b, "Ts 0 Tw ");
}

/* A space drawn where op starts, its width taken back, for MuPDF (bc_pdf_mu_space), with the
   text placed at op's start; and two more below the page for pdf.js when it asks them. */
void bc_pdf_draw_mu_space(W *w, bc_buf *b, const bc_op *op)
{
    int q = bc_pdf_mu_space(w, op);
    uint16_t sp = w->ascii[op->font][' '];
    if (!q || !sp) return;
    const bc_subset *sub = &w->sub[op->font];
    for (int k = 0; k < (q == 2 ? 2 : 0) + 1; k++) {
        if (k == 1) bc_buf_adds(b, "-30000 Ts ");
        bc_buf_adds(b, "[(");
        bc_pdf_glyph_bytes(b, sp);
        bc_buf_addc(b, ')');
        bc_pdf_num(b, sp < sub->nglyphs ? sub->widths[sp] : 0);
        bc_buf_adds(b, "] TJ ");
    }
    if (q == 2) bc_buf_adds(b, "0 Ts ");
}

/*
** A run that starts where a right-to-left phrase in a left-to-right line ends, with no space
** between ("… پاکستان زندہ باد."): the phrase's words were drawn from its right end, so pdf.js's
** pen stands at its left end and it read the jump back to the right as a space ("باد .").
** The run is shown to pdf.js left of the word drawn last, a step back it reads as no space
** (and the end of its item), up to its first space or whole (pdf_text.c), and a run right after
** one shown whole is stepped back from there too (js_lag): lead_space's pen shift, the other
** way. Never left of the page, where pdf.js drops the glyph. Returns the (negative) shift, or 0.
*/
static double trail_space(W *w, const tstate *t, const bc_op *op, double y)
{
    /* right after a trailing run pdf.js was shown whole further left (js_lag): a step back
       from there too, or it reads the gap as a space ("،," read "، ,") */
    if (t->js_lag < 0 && w->ascii[op->font][' '] && op->angle == 0 && fabs(y - t->line_y) <= 0.01 &&
        fabs(op->x - t->run_end) <= 0.01 && op->text[0] != ' ' && !bc_pdf_space_dropped(w, op))
        return op->x + t->js_lag - 0.3 * op->size >= 0 ? t->js_lag - 0.3 * op->size : 0;
    /* in the font of the word drawn last, right at its end, pdf.js would read the run on in
       the word's item, which it reverses ("عليكم،" read "،عليكم"); after a word said in pieces
       its last place is not the word's end (last_word) */
    int goes_on = op->font == t->font && op->size == t->size && op->dir != BC_TEXT_RTL;
    /* a step forward to the line's end: the op drawn last was left of it, in a right-to-left
       run (a number that ends it: "مُحَمَّدٌ، 2010.") */
    int step = op->x - t->run_end >= 0.12 * op->size;
    if (!(step || (t->last_rtl && (goes_on || t->last_word))) || !w->ascii[op->font][' '] ||
        op->angle != 0 || fabs(y - t->line_y) > 0.01 || fabs(op->x - t->line_end) > 0.01 ||
        op->text[0] == ' ' || bc_pdf_space_dropped(w, op))
        return 0;
    /* a word said in pieces that all hold marks left pdf.js's last place where the item
       before ended, maybe left of the word: shown left of the line's start ("ٱللَّهِ .") */
    double at = t->last_word && t->line_x0 < t->last_x ? t->line_x0 : t->last_x;
    return at - 0.3 * op->size >= 0 ? at - 0.3 * op->size - op->x : 0;
}

/*
** A run that ends where a right-to-left phrase of several words begins, with no space between
** ("(" in "(پاکستان زندہ باد)"): the phrase is drawn from its right end, and pdf.js read the
** jump there as a space ("( پاکستان"). The run is shown to pdf.js ending where the word drawn
** next begins, whole (the next op's Td puts pdf.js's pen back). Returns the shift, or 0.
*/
static double opens_rtl(W *w, const bc_op *op)
{
    if (!w->page || op < w->page->v || op - w->page->v + 1 >= w->page->n) return 0;
    const bc_op *next = op + 1;
    if (!w->ascii[op->font][' '] || op->angle != 0 || op->dir == BC_TEXT_RTL ||
        next->kind != BC_OP_TEXT || next->dir != BC_TEXT_RTL || !next->len || next->angle != 0 ||
        fabsf(next->y - op->y) > 0.01f || op->text[op->len - 1] == ' ')
        return 0;
    const int *o = w->gm.order ? w->gm.order[w->cur_page] : NULL;
    if (o && (o[w->page->n + (next - w->page->v)] & BC_PDF_VISUAL)) return 0; /* one item */
    bc_font *f = bc_fontset_peek(w->fs, op->font);
    if (!f) return 0;
    double end = op->x + bc_font_width(f, op->text, op->len, op->size);
    /* the phrase, drawn from its right end, begins right where op ends: its leftmost word does
       (a table's next cell, with a gap between, is no phrase) */
    float left = next->x;
    for (const bc_op *q = next + 1; q < w->page->v + w->page->n; q++) {
        if (q->kind != BC_OP_TEXT || fabsf(q->y - op->y) > 0.01f) break;
        if (q->dir != BC_TEXT_RTL && !bc_pdf_rest_blank(q->text, q->text + q->len)) break;
        if (q->x < left) left = q->x;
    }
    double d = next->x - end;
    return d >= 0.12 * op->size && fabs(left - end) < 0.05 * op->size ? d : 0;
}

/*
** A left-to-right run after a right-to-left phrase and the space, in a left-to-right line, where
** the last glyph pdf.js compared is a cut word's first piece shown past the line's end (js_far:
** "فِي Pakistan" with "رَبِّ،" earlier in the phrase, every word after it said in pieces that
** hold marks): the run, left of that piece, would be a step back, read as no space
** ("فِيPakistan"). Its first glyph is shown past that piece too, by more than pdf.js's widest
** gap in flow, so that the space is read and a new item begun. Returns the shift, or 0.
*/
static double past_far(W *w, const tstate *t, const bc_op *op, double y)
{
    /* right of the op drawn last: a run in a left-to-right line (one in a right-to-left line,
       left of the word before it, has lead_space's) */
    if (!t->js_op || !t->js_op_silent || fabs(y - t->js_op_y) > 0.01 || op->dir == BC_TEXT_RTL ||
        op->x <= t->last_x || op->angle != 0 || !w->ascii[op->font][' '] || op->x >= t->js_op_end ||
        !op->len || op->text[0] == ' ' || !w->page || op <= w->page->v ||
        op >= w->page->v + w->page->n)
        return 0;
    const bc_op *sp = op - 1; /* the space before: none, and the run goes on the phrase */
    if (sp->kind != BC_OP_TEXT || !sp->len || !bc_pdf_rest_blank(sp->text, sp->text + sp->len) ||
        fabsf(sp->y - op->y) > 0.01f)
        return 0;
    double at = t->js_op_end + 0.8 * op->size;
    return at + 0.1 * op->size <= t->page_w ? at - op->x : 0;
}

void bc_pdf_note_js(tstate *t, const bc_op *op, const gmap *m)
{
    if (!t->js_op || t->js_op == op) return;
    if (bc_pdf_js_compares(op->text, op->len, m))
        t->js_op = NULL;
    else if (m && m->word)
        t->js_op_silent++;
}

/* After op, drawn on baseline y: the line's extent drawn so far (its rightmost end, its
   leftmost start; a new line forgets the cut words' js_far) and the op drawn last (trail_space);
   last_word is the caller's to set. */
void bc_pdf_note_line(tstate *t, const bc_op *op, double y)
{
    if (op->angle != 0) return;
    t->last_x = op->x;
    t->last_rtl = op->dir == BC_TEXT_RTL;
    t->last_word = 0;
    if (fabs(y - t->line_y) > 0.01) {
        t->line_y = y;
        t->line_end = t->run_end;
        t->line_x0 = op->x;
        t->js_far = 0;
        t->js_op = NULL;
    } else {
        if (t->run_end > t->line_end) t->line_end = t->run_end;
        if (op->x < t->line_x0) t->line_x0 = op->x;
    }
}

/* How far pdf.js's pen is moved before op's first glyph: lead_space, trail_space or lead_on;
   with opens, opens_rtl's (all of op) when none of those: see pdf_int.h. */
double bc_pdf_lead(W *w, tstate *t, const bc_op *op, double y, double *opens)
{
    double pend = t->js_lead;
    t->js_lead = 0;
    double lead = lead_space(w, t, op, y);
    if (lead == 0) lead = trail_space(w, t, op, y);
    if (lead == 0) lead = lead_on(w, t, op, y, pend);
    if (lead == 0) lead = past_far(w, t, op, y);
    t->js_lag = 0; /* the drawing sets it */
    if (opens) *opens = lead == 0 ? opens_rtl(w, op) : 0;
    return opens && *opens != 0 ? *opens : lead;
}
