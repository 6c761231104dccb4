/*
** pdf_gaps.c — which op says which word space to which reader, for shaped and mixed lines
** (pdf_int.h): pdf.js 3.11 ends its text item where the pen moves back or the font changes and
** reads no space there, MuPDF reads every space glyph as drawn, poppler reads the gaps. From
** each page's ops it lists the words that carry the space beside them (gm.carry), the spaces
** then drawn with no glyph (gm.drop), the runs pdf.js is shown a space before (gm.lead), and
** MuPDF's own (gm.mu, gm.muq, gm.quiet); pdf_text.c draws by them. It also maps every shaped
** op's glyphs (bc_pdf_use_shaped_glyphs) before the fonts are embedded. Part of the back end
** pdf.c drives; pdf_fonts.c says what each glyph stands for.
*/
#include "pdf/pdf_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "text/shape.h"

/* An op of white space alone: between two words of a right-to-left line, the space
   (layout/setline.c draws it as an op of its own). */
static int blank_op(const bc_op *op)
{
    return op->kind == BC_OP_TEXT && op->len && bc_pdf_rest_blank(op->text, op->text + op->len);
}

/* Whether pdf.js reads text s[0, n) followed by sp spaces (0 or 1) as right-to-left (its
   bidi.js: 30 % of its UTF-16 units R, AL or AN, or any in 4 units or fewer), so that the
   space, at the right end, reads first. Marks, Arabic commas and Extended Arabic-Indic digits
   count as units but not as right-to-left ("رَبِّ،" is right-to-left alone, not with a space). */
static int js_rtl_sp(const char *s, size_t n, int sp)
{
    size_t units = (size_t)sp, rtl = bc_pdf_js_rtl_units(s, n, &units);
    return rtl && (units <= 4 || rtl * 10 >= units * 3);
}

/* js_rtl_sp with the space a word would carry. */
static int js_rtl(const char *s, size_t n) { return js_rtl_sp(s, n, 1); }

/* Whether op, a word pdf.js reads left to right with the space it would carry, is turned right
   to left by ALMs (pdf_fonts.c bc_pdf_alms_wanted): a word with a mark, which is said in
   pieces, that needs few enough ("رَبِّ،."; not "ب!!!!", which is read as it was). */
static int alms_turn(const bc_op *op)
{
    int mark = 0;
    for (const char *p = op->text; p < op->text + op->len && !mark;)
        mark = bc_pdf_js_mark(bc_utf8_next(&p));
    size_t k = bc_pdf_alms_wanted(op->text, op->len, 1);
    return mark && k > 0 && k <= BC_PDF_MAX_ALMS;
}

/* Whether op, drawn right after the space sp on its line, is a right-to-left word to its
   left: pdf.js ends its text item where the pen moves back, forgetting the space, so op
   carries it. A left-to-right run (a number) cannot: pdf.js reads a space at its right end
   after it, and one at its left end (drawn first) as no text. */
static int carries_after(const bc_op *sp, const bc_op *op)
{
    if (!blank_op(sp) || op->kind != BC_OP_TEXT || op->dir != BC_TEXT_RTL || !op->len ||
        sp->angle != 0 || op->angle != 0 || fabsf(sp->y - op->y) > 0.01f || op->x >= sp->x)
        return 0;
    const char *p = op->text;
    if (bc_pdf_js_space(bc_utf8_next(&p))) return 0;
    /* a word pdf.js reads right to left alone but not with the space is cut instead
       (leads_word); one it reads left to right even alone ("رَبِّ،."), said in pieces,
       gets the marks that turn it (pdf_fonts.c alms_wanted) */
    return js_rtl(op->text, op->len) || (!js_rtl_sp(op->text, op->len, 0) && alms_turn(op));
}

/* Whether op i of ops (page p), read left to right by pdf.js, carries the space after it: the
   op after it is the space and then text to its left that does not carry that space itself
   (a left-to-right run, a word in a stretch drawn in visual order), where pdf.js's pen moves
   back and, at a change of font, its item ends: pdf.js would read no space between. So the
   glyph op draws last (rightmost) stands for its text and the space, which pdf.js, not
   reversing the item, reads at its end (")کا" in Noto Sans and Naskh: ") کا"). */
static int carries_before_run(const W *w, int p, const bc_ops *ops, int i)
{
    if (i + 2 >= ops->n) return 0;
    const bc_op *op = &ops->v[i], *sp = &ops->v[i + 1], *next = &ops->v[i + 2];
    if (op->kind != BC_OP_TEXT || op->dir == BC_TEXT_PLAIN || !op->len || op->angle != 0 ||
        op->font == BC_FONT_EMOJI || bc_pdf_op_flags(w, p, ops->n, i) || !blank_op(sp) ||
        op->se <= 0 || op->frame || /* an artifact (tagged: no /ActualText span there) */
        sp->angle != 0 || fabsf(sp->y - op->y) > 0.01f || sp->x >= op->x ||
        next->kind != BC_OP_TEXT || !next->len || next->angle != 0 ||
        fabsf(next->y - op->y) > 0.01f || next->x >= sp->x)
        return 0;
    if (!bc_pdf_op_flags(w, p, ops->n, i + 2) && carries_after(sp, next)) return 0;
    const char *q = op->text;
    /* a right-to-left word that the space would turn left to right to pdf.js: carries none
       (the run to its left is led by it: leads_after_rtl) */
    return !bc_pdf_js_space(bc_utf8_next(&q)) && !js_rtl(op->text, op->len) &&
           !(op->dir == BC_TEXT_RTL && js_rtl_sp(op->text, op->len, 0));
}

/* Whether op i of ops (page p), text pdf.js reads left to right, says the space after it: the
   op after is that space, then comes a right-to-left word to its right (the first drawn of a
   phrase in a left-to-right line, drawn from its right end) whose first piece has a mark.
   pdf.js reads such a piece without comparing its place, so the space it had pending opened
   the word's item, and its reversal put the space after the word ("marks:بِسْمِ  ٱللَّهِ").
   The glyph op draws last stands for its text and the space, read at the end of op's own item
   (a plain op is drawn as shaped text then: pdf.c); the space is drawn as a gap, which poppler
   reads, op's span saying its text without it. m: scratch. */
static int says_space_before_marked(W *w, int p, const bc_ops *ops, int i, gmap *m)
{
    if (i + 2 >= ops->n) return 0;
    const bc_op *op = &ops->v[i], *sp = &ops->v[i + 1], *next = &ops->v[i + 2];
    if (op->kind != BC_OP_TEXT || op->dir == BC_TEXT_RTL || !op->len || op->angle != 0 ||
        op->font == BC_FONT_EMOJI || op->se <= 0 || op->frame || /* as carries_before_run */
        bc_pdf_op_flags(w, p, ops->n, i) || bc_pdf_op_flags(w, p, ops->n, i + 2) || !blank_op(sp) ||
        sp->angle != 0 || fabsf(sp->y - op->y) > 0.01f || sp->x <= op->x ||
        next->kind != BC_OP_TEXT || next->dir != BC_TEXT_RTL || !next->len || next->angle != 0 ||
        next->font == BC_FONT_EMOJI || fabsf(next->y - op->y) > 0.01f || next->x <= sp->x ||
        js_rtl(op->text, op->len) || op->text[op->len - 1] == ' ')
        return 0;
    bc_shaped sh;
    if (!bc_pdf_shape_op(w, next, &sh)) return 0;
    bc_pdf_map_glyphs(bc_fontset_peek(w->fs, next->font), next, &sh, 0, m);
    return bc_pdf_opens_marked(m);
}

/* Whether op i of ops (page p) is a run pdf.js reads left to right after the space and text
   to its right that does not carry that space (carries_before_run): a word pdf.js reads right
   to left, whose item it reverses alone, or a plain run. No glyph can say the space to pdf.js
   there (it drops a glyph text that begins with white space), and the run, to the left, is a
   move back ("نہیں۔Coalition", "نامہ·", "sheet ·"). See lead_space in pdf_pen.c. */
static int leads_after_rtl(const W *w, int p, const bc_ops *ops, int i)
{
    if (i < 2) return 0;
    const bc_op *op = &ops->v[i], *sp = &ops->v[i - 1], *prev = &ops->v[i - 2];
    if (op->kind != BC_OP_TEXT || !op->len || op->angle != 0 || op->font == BC_FONT_EMOJI ||
        op->se <= 0 || op->frame || /* an artifact: as carries_before_run */
        bc_pdf_op_flags(w, p, ops->n, i) || !blank_op(sp) || sp->angle != 0 ||
        fabsf(sp->y - op->y) > 0.01f || op->x >= sp->x || prev->kind != BC_OP_TEXT || !prev->len ||
        prev->angle != 0 || prev->font == BC_FONT_EMOJI || fabsf(prev->y - op->y) > 0.01f ||
        prev->x <= sp->x)
        return 0;
    if (carries_after(sp, op)) return 0; /* a right-to-left word: it says the space itself */
    if (carries_before_run(w, p, ops, i - 2)) return 0; /* the op before says it */
    const char *q = op->text;
    uint32_t c = bc_utf8_next(&q);
    return !bc_pdf_js_space(c) && !bc_pdf_js_format(c) && !bc_pdf_js_mark(c) &&
           !js_rtl(op->text, op->len);
}

/* Whether op i of ops (page p), a right-to-left word, begins a line after text on another: a
   word whose first piece has a mark (say_word) goes on in pdf.js's item before, the last of the
   line before, with no space and no line's end between ("ٱلرَّحِيمِمُحَمَّدٌ"). */
static int starts_line(const W *w, int p, const bc_ops *ops, int i)
{
    if (i < 1) return 0;
    const bc_op *op = &ops->v[i], *prev = &ops->v[i - 1];
    return op->kind == BC_OP_TEXT && op->dir == BC_TEXT_RTL && op->len && op->angle == 0 &&
           op->font != BC_FONT_EMOJI && op->se > 0 && !op->frame && /* as carries_before_run */
           !bc_pdf_op_flags(w, p, ops->n, i) && prev->kind == BC_OP_TEXT && prev->len &&
           prev->angle == 0 && fabsf(prev->y - op->y) > 0.01f;
}

/* Whether op i of ops (page p), a right-to-left word pdf.js reads right to left alone but left
   to right with a space ("رَبِّ،": 2 of its 6 units R or AL, 30 % wanted), is to be cut so that
   its first piece has no mark (BC_PDF_LEAD_CUT): pdf.js then compares that piece's place. 1: a
   word after the space and a word to its right that carries no space for it: that piece is
   shown past the line's end, a jump pdf.js reads as the space (bc_pdf_leads_space); 2: the
   first word of a line, where pdf.js then sees the line's end. 0: neither. */
static int leads_word(const W *w, int p, const bc_ops *ops, int i)
{
    const bc_op *op = &ops->v[i];
    if (op->kind != BC_OP_TEXT || op->dir != BC_TEXT_RTL || !op->len || op->angle != 0 ||
        op->font == BC_FONT_EMOJI || op->se <= 0 || op->frame || bc_pdf_op_flags(w, p, ops->n, i) ||
        js_rtl(op->text, op->len) || !js_rtl_sp(op->text, op->len, 0))
        return 0;
    if (starts_line(w, p, ops, i)) return 2;
    if (i < 2) return 0;
    const bc_op *sp = &ops->v[i - 1];
    if (!blank_op(sp) || sp->angle != 0 || fabsf(sp->y - op->y) > 0.01f || op->x >= sp->x ||
        carries_before_run(w, p, ops, i - 2))
        return 0;
    return 1;
}

/* The text op before op i (past up to three shapes: a legend's swatch), or -1; d = 1: after. */
static int text_near(const bc_ops *ops, int i, int d)
{
    for (int j = i + d; j >= 0 && j < ops->n && abs(j - i) <= 4; j += d)
        if (ops->v[j].kind == BC_OP_TEXT) return j;
    return -1;
}

/* Whether text op j lies an em or more to the left of text op k on its baseline (its width the
   font's unshaped one: near enough to tell a cell's gap from a font change in a phrase). */
static int left_of(const W *w, const bc_ops *ops, int k, int j)
{
    if (j < 0 || k < 0) return 0;
    const bc_op *a = &ops->v[k], *b = &ops->v[j];
    if (!a->len || !b->len || a->angle != 0 || b->angle != 0 || blank_op(a) || blank_op(b) ||
        fabsf(a->y - b->y) > 0.01f || b->x >= a->x || b->font == BC_FONT_EMOJI)
        return 0;
    bc_font *f = bc_fontset_peek(w->fs, b->font);
    return f && b->x + bc_font_width(f, b->text, b->len, b->size) <= a->x - b->size;
}

/* Whether text op i ends where other text on its baseline begins (a full stop or comma at the
   left end of a right-to-left line, after a left-to-right run that ends it: "2010 phrase,"),
   which is no cell: pdf.js reads no space at the step back there, and is to read none. */
static int abuts(const W *w, const bc_ops *ops, int i)
{
    const bc_op *op = &ops->v[i];
    bc_font *f = bc_fontset_peek(w->fs, op->font);
    if (!f) return 0;
    size_t n = op->len;
    while (n > 0 && op->text[n - 1] == ' ') n--; /* "US$ " then "m": a word gap, no abutting */
    float end = op->x + (float)bc_font_width(f, op->text, n, op->size);
    for (int d = -1; d <= 1; d += 2)
        for (int k = i + d; k >= 0 && k < ops->n && abs(k - i) <= 64; k += d) {
            const bc_op *o = &ops->v[k];
            if (o->kind != BC_OP_TEXT || fabsf(o->y - op->y) > 0.01f) break;
            if (o->len && !blank_op(o) && fabsf(o->x - end) < 0.05f * op->size) return 1;
        }
    return 0;
}

/* Whether op i of ops (page p) begins a cell of a row drawn right to left: text an em or more
   to the left of the text drawn before it on its baseline, no space op between (a table's
   columns; a chart's legend, its swatches between; a mirrored chart's axis). pdf.js ends its
   item where the pen moves back and reads no space there ("مدملین ڈالرUS$ mItem"): a
   right-to-left word carries one, a run pdf.js reads left to right is led by one (lead_space
   in pdf_pen.c). Only in a row of three texts or more drawn so, or one that holds
   right-to-left text. */
static int starts_cell(const W *w, int p, const bc_ops *ops, int i)
{
    const bc_op *op = &ops->v[i];
    int j = text_near(ops, i, -1);
    if (op->kind != BC_OP_TEXT || !op->len || op->se <= 0 || op->frame ||
        bc_pdf_op_flags(w, p, ops->n, i) || !left_of(w, ops, j, i))
        return 0;
    const char *q = op->text;
    uint32_t c = bc_utf8_next(&q);
    if (bc_pdf_js_space(c) || bc_pdf_js_format(c) || bc_pdf_js_mark(c) || abuts(w, ops, i))
        return 0;
    /* a row drawn right to left, three texts or more (a chart's axis), or one with right-to-left
       text: a list's label, drawn after its item, is no cell */
    if (left_of(w, ops, i, text_near(ops, i, 1)) || left_of(w, ops, text_near(ops, j, -1), j))
        return 1;
    for (int d = -1; d <= 1; d += 2)
        for (int k = i + (d > 0); k >= 0 && k < ops->n && abs(k - i) <= 64; k += d) {
            const bc_op *o = &ops->v[k];
            if (o->kind != BC_OP_TEXT || fabsf(o->y - op->y) > 0.01f) break;
            if (o->dir == BC_TEXT_RTL && js_rtl(o->text, o->len)) return 1;
        }
    return 0;
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const bc_op *const *)a, y = (uintptr_t) * (const bc_op *const *)b;
    return (x > y) - (x < y);
}

/* Adds op to list *v of *n (room for *cap): w->gm.carry or w->gm.drop. */
static void add_op(const bc_op ***v, int *n, int *cap, const bc_op *op)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *v = bc_xrealloc(*v, (size_t)*cap * sizeof **v);
    }
    (*v)[(*n)++] = op;
}

int bc_pdf_carries_space(const W *w, const bc_op *op)
{
    const gmap *m = &w->gm;
    return m->ncarry && bsearch(&op, m->carry, (size_t)m->ncarry, sizeof *m->carry, cmp_ptr);
}

int bc_pdf_lead_cut(const W *w, const bc_op *op)
{
    const gmap *m = &w->gm;
    return m->nlcut && bsearch(&op, m->lcut, (size_t)m->nlcut, sizeof *m->lcut, cmp_ptr);
}

int bc_pdf_leads_space(const W *w, const bc_op *op)
{
    const gmap *m = &w->gm;
    return m->nlead && bsearch(&op, m->lead, (size_t)m->nlead, sizeof *m->lead, cmp_ptr);
}

int bc_pdf_space_quiet(const W *w, const bc_op *op)
{
    const gmap *m = &w->gm;
    return m->nquiet && bsearch(&op, m->quiet, (size_t)m->nquiet, sizeof *m->quiet, cmp_ptr);
}

int bc_pdf_js_space_before(const W *w, const bc_op *op)
{
    const gmap *m = &w->gm;
    return m->njsp && bsearch(&op, m->jsp, (size_t)m->njsp, sizeof *m->jsp, cmp_ptr);
}

int bc_pdf_mu_space(const W *w, const bc_op *op)
{
    const gmap *m = &w->gm;
    if (!m->nmu || !bsearch(&op, m->mu, (size_t)m->nmu, sizeof *m->mu, cmp_ptr)) return 0;
    return m->nmuq && bsearch(&op, m->muq, (size_t)m->nmuq, sizeof *m->muq, cmp_ptr) ? 2 : 1;
}

int bc_pdf_space_dropped(const W *w, const bc_op *op)
{
    const gmap *m = &w->gm;
    return m->ndrop && bsearch(&op, m->drop, (size_t)m->ndrop, sizeof *m->drop, cmp_ptr);
}

/* Maps the glyphs of op i of ops (page p), a shaped op, into m (sh: its glyphs) for the space it
   carries (this_sp: the one before it on its line; cell_sp: before a table's cell) and returns
   whether it carries the one before it as the first word of its line; seen: pdf.js has compared
   the place of a glyph drawn before on the page. */
static int map_word(W *w, int p, const bc_ops *ops, int i, const bc_shaped *sh, gmap *m,
                    int this_sp, int cell_sp, int seen)
{
    const bc_op *op = &ops->v[i];
    bc_font *f = bc_fontset_peek(w->fs, op->font);
    /* the first word of a line carries a space where pdf.js would run it on; a word the
       space would turn left to right is cut instead (leads_word) */
    int wlead = this_sp || cell_sp ? 0 : leads_word(w, p, ops, i);
    int line_sp = !this_sp && !wlead && (cell_sp || starts_line(w, p, ops, i));
    /* pdf.js has no place to compare its first piece with, past the line or at its start: it
       carries the space, turned right to left by marks (alms_turn), shown where it is */
    if (wlead && !seen && alms_turn(op)) {
        if (w->gm.nlead && w->gm.lead[w->gm.nlead - 1] == op) w->gm.nlead--; /* leads_after_rtl */
        if (wlead == 1) /* the space before, which pdf.js would read again before the word */
            add_op(&w->gm.quiet, &w->gm.nquiet, &w->gm.cap_quiet, &ops->v[i - 1]);
        wlead = 0;
        line_sp = 1;
    }
    bc_pdf_map_glyphs(f, op, sh, this_sp || line_sp ? 1 : wlead ? BC_PDF_LEAD_CUT : 0, m);
    if (wlead && m->lead_ok) {
        add_op(&w->gm.lcut, &w->gm.nlcut, &w->gm.cap_lcut, op);
        if (wlead == 1) add_op(&w->gm.lead, &w->gm.nlead, &w->gm.cap_lead, op);
    } else if (wlead) { /* no cut to make: as ever (a line's first word carries one) */
        line_sp = !this_sp && starts_line(w, p, ops, i);
        bc_pdf_map_glyphs(f, op, sh, line_sp, m);
    }
    if (line_sp && !cell_sp && !m->sp_quiet && seen) { /* pdf.js ends the line before */
        bc_pdf_map_glyphs(f, op, sh, 0, m);
        /* unless the word without the space is one piece that holds a mark, which
           pdf.js would run on after the line before ("السلام۔كِتَابٌ،": the space
           had cut off the comma, a piece it compares). Nor where it has compared no
           glyph on the page yet (every word before had a mark in its one piece), and
           so has no place to compare this one with ("مُحَمَّدٌالسلام") */
        if (bc_pdf_opens_marked(m))
            bc_pdf_map_glyphs(f, op, sh, 1, m);
        else
            line_sp = 0;
    }
    return line_sp;
}

/* Whether pdf.js compares the place of a glyph of op, drawn plain (not shaped), the first on
   its page to be so: after words read without comparing (silent: every word so far had a mark
   in each piece) it has no place before to compare with, and would run on after the last word
   (a running head after a page of vowelled Arabic, "ٱلرَّحِيمِ،t"): gm.jsp then. */
static int plain_seen(W *w, const bc_op *op, int silent)
{
    if (op->kind != BC_OP_TEXT || !bc_pdf_js_compares(op->text, op->len, NULL)) return 0;
    const char *c = op->text;
    if (silent && !bc_pdf_js_space(bc_utf8_next(&c)))
        add_op(&w->gm.jsp, &w->gm.njsp, &w->gm.cap_jsp, op);
    return 1;
}

/* Marks the glyphs shaped op draws as used in font f, each with the text it stands for (m: the
   op mapped), and the blank glyphs that say the rests of clusters and a word's pieces. */
static void use_glyphs(bc_font *f, const bc_op *op, const bc_shaped *sh, const gmap *m)
{
    for (int g = 0; g < sh->n; g++) {
        char buf[34];
        size_t n;
        const char *s = bc_pdf_glyph_text(op, m, g, buf, &n);
        bc_font_use_glyph(f, sh->g[g].gid, s, n);
    }
    for (int g = 0; g < sh->n; g++) /* the rests of clusters split (split_lead) */
        if (m->ce[g] > m->te[g])
            bc_font_use_glyph(f, m->blank, op->text + m->te[g], m->ce[g] - m->te[g]);
    for (int q = 0; q < m->npcs && m->word; q++) /* the blank glyphs' texts */
        bc_font_use_glyph(f, m->carrier, m->vis + m->pcs[3 * q], m->pcs[3 * q + 1] - m->pcs[3 * q]);
}

/* Marks the glyphs every shaped text op draws as used in its font, each with the text it
   stands for (bc_pdf_map_glyphs) for ToUnicode; right-to-left text in visual order, as readers
   reverse it. */
bc_status bc_pdf_use_shaped_glyphs(W *w, const bc_layout *lay)
{
    gmap m = {0};
    w->gm.ncarry = w->gm.ndrop = w->gm.nlead = w->gm.nquiet = w->gm.nmu = w->gm.nmuq = 0;
    w->gm.njsp = 0;
    w->gm.nlcut = 0;
    for (int p = 0; p < lay->npages; p++) {
        const bc_ops *ops = &lay->pages[p];
        /* a stretch drawn in visual order is one pdf.js item, which reads the spaces drawn */
        bc_pdf_line_order(w, ops, p, lay->npages);
        int sp = 0;                 /* this op carries the space before it */
        const bc_op *end_sp = NULL; /* the op before, when MuPDF reads its space at its end */
        int run_end = -1; /* the space dropped after an op that carries it (carries_before_run) */
        int seen = 0;     /* pdf.js has compared the place of a glyph drawn on this page */
        int silent = 0;   /* … and read a word before without comparing its place */
        const int *ord = w->gm.order ? w->gm.order[p] : NULL;
        for (int i = 0; i < ops->n; i++) {
            const bc_op *op = &ops->v[i];
            int run_sp = carries_before_run(w, p, ops, i), after_sp = sp;
            int tail_sp = !sp && !run_sp && says_space_before_marked(w, p, ops, i, &m);
            int this_sp = sp || run_sp || tail_sp;
            if (ord && i > 0 && run_end == i - 1 && (ord[ops->n + i] & BC_PDF_VISUAL)) {
                /* a stretch drawn in visual order right after an op whose carried space MuPDF
                   reads at its end ("— " in "جدول 1 — اعداد … ۲۰۱۰ / Figures"): the stretch's
                   leftmost op, drawn first, is the space after it ("۲۰۱۰ /"), which MuPDF read
                   right after the carried one, two spaces; poppler reads the gap, pdf.js the
                   space the run after it is led by (leads_after_rtl: only then) */
                const bc_op *first = &ops->v[ord[i]];
                if (blank_op(first) && fabsf(first->y - ops->v[i - 1].y) <= 0.01f &&
                    ord[i] + 1 < ops->n && leads_after_rtl(w, p, ops, ord[i] + 1))
                    add_op(&w->gm.drop, &w->gm.ndrop, &w->gm.cap_drop, first);
            }
            sp = 0;
            if (i + 1 < ops->n && !bc_pdf_op_flags(w, p, ops->n, i + 1) &&
                carries_after(op, &ops->v[i + 1]))
                sp = 1;
            int cell = starts_cell(w, p, ops, i);
            /* MuPDF reads no gap where the pen moves back: a space before the cell, unless the
               text before carries one it reads at its end (end_sp) */
            int mu = cell && end_sp != &ops->v[text_near(ops, i, -1)]; /* cell: there is one */
            int cell_sp = cell && op->dir == BC_TEXT_RTL && js_rtl(op->text, op->len);
            if (cell && !cell_sp) {
                add_op(&w->gm.lead, &w->gm.nlead, &w->gm.cap_lead, op);
                if (mu) add_op(&w->gm.mu, &w->gm.nmu, &w->gm.cap_mu, op);
            }
            if (leads_after_rtl(w, p, ops, i)) {
                add_op(&w->gm.lead, &w->gm.nlead, &w->gm.cap_lead, op);
                /* the space before: MuPDF reads the one the word before carries (end_sp) */
                if (end_sp == &ops->v[i - 2])
                    add_op(&w->gm.drop, &w->gm.ndrop, &w->gm.cap_drop, &ops->v[i - 1]);
            }
            if (op->kind != BC_OP_TEXT || (op->dir == BC_TEXT_PLAIN && !tail_sp) || !op->len) {
                if (!seen) seen = plain_seen(w, op, silent);
                continue;
            }
            bc_shaped sh;
            if (!bc_pdf_shape_op(w, op, &sh)) {
                bc_pdf_gmap_free(&m);
                return BC_ERR;
            }
            bc_font *f = bc_fontset_peek(w->fs, op->font);
            if (op->font == BC_FONT_EMOJI) {          /* codes of pdf_emoji.c, in reading order */
                bc_pdf_map_glyphs(f, op, &sh, 0, &m); /* as bc_pdf_emoji_text maps them */
                bc_pdf_emoji_collect(w, ops, i, &sh, &m);
                seen = 1;
                continue;
            }
            int line_sp = map_word(w, p, ops, i, &sh, &m, this_sp, cell_sp, seen);
            if ((this_sp || line_sp) && m.sp) { /* say_word may decline it */
                add_op(&w->gm.carry, &w->gm.ncarry, &w->gm.cap_carry, op);
                if (cell_sp && mu) { /* MuPDF reads the space it carries at its end */
                    add_op(&w->gm.mu, &w->gm.nmu, &w->gm.cap_mu, op);
                    if (m.sp_quiet) add_op(&w->gm.muq, &w->gm.nmuq, &w->gm.cap_muq, op);
                }
                /* the space after: said by op's glyph alone (to readers that honour
                   /ActualText, by the gap): MuPDF, which reads both, read it twice */
                if ((run_sp || tail_sp) && !sp) {
                    add_op(&w->gm.drop, &w->gm.ndrop, &w->gm.cap_drop, &ops->v[i + 1]);
                    run_end = i + 1;
                }
                /* the space before, when the word before it carries a space too: MuPDF,
                   which reads glyphs as drawn, reads that one at the end of that word, where
                   this one would double it; poppler reads the gap, pdf.js moves back */
                if (after_sp && i >= 2 && end_sp == &ops->v[i - 2])
                    add_op(&w->gm.drop, &w->gm.ndrop, &w->gm.cap_drop, &ops->v[i - 1]);
                if (m.sp_quiet && after_sp) /* say_word */
                    add_op(&w->gm.quiet, &w->gm.nquiet, &w->gm.cap_quiet, &ops->v[i - 1]);
            }
            /* op's carried space ends what MuPDF reads of it: not a word said in groups */
            end_sp = NULL;
            if ((this_sp || line_sp) && m.sp && (after_sp || line_sp)) {
                int groups = 0;
                for (int q = 0; q < m.npcs && m.word; q++) groups |= m.pcs[3 * q + 2] != 0;
                if (!groups) end_sp = op;
            }
            if (op->dir != BC_TEXT_PLAIN || m.sp) use_glyphs(f, op, &sh, &m); /* drawn shaped */
            int cmp = seen || bc_pdf_js_compares(op->text, op->len, &m);
            seen |= cmp;
            silent |= !cmp && !bc_pdf_rest_blank(op->text, op->text + op->len);
        }
    }
    bc_pdf_gmap_free(&m);
    bc_pdf_use_joint_glyphs(w, lay); /* after every other use of the fonts' glyphs */
    if (w->gm.ncarry > 1) qsort(w->gm.carry, (size_t)w->gm.ncarry, sizeof *w->gm.carry, cmp_ptr);
    if (w->gm.ndrop > 1) qsort(w->gm.drop, (size_t)w->gm.ndrop, sizeof *w->gm.drop, cmp_ptr);
    if (w->gm.nlead > 1) qsort(w->gm.lead, (size_t)w->gm.nlead, sizeof *w->gm.lead, cmp_ptr);
    if (w->gm.nquiet > 1) qsort(w->gm.quiet, (size_t)w->gm.nquiet, sizeof *w->gm.quiet, cmp_ptr);
    if (w->gm.nmu > 1) qsort(w->gm.mu, (size_t)w->gm.nmu, sizeof *w->gm.mu, cmp_ptr);
    if (w->gm.njsp > 1) qsort(w->gm.jsp, (size_t)w->gm.njsp, sizeof *w->gm.jsp, cmp_ptr);
    if (w->gm.nmuq > 1) qsort(w->gm.muq, (size_t)w->gm.nmuq, sizeof *w->gm.muq, cmp_ptr);
    if (w->gm.nlcut > 1) qsort(w->gm.lcut, (size_t)w->gm.nlcut, sizeof *w->gm.lcut, cmp_ptr);
    return BC_OK;
}
