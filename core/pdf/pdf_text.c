/*
** pdf_text.c — runs of text in a page's content stream (pdf_int.h): the text object and its
** state (BT, Tf, colour, Td or Tm), plain text as glyph ids in TJ arrays that continue across
** ops on one baseline, and shaped text (HarfBuzz's glyphs with their offsets and advances,
** mapped to their characters by pdf_fonts.c) with /ActualText where the glyphs cannot say
** the text. Part of the back end pdf.c drives.
*/
#define _GNU_SOURCE /* M_PI */
#include "pdf/pdf_int.h"
#include "pdf/embed.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <hpdf.h>

#include "base/utf8.h"
#include "text/shape.h"

/* A glyph id as two bytes of a PDF string, escaping the few that need it. */
void bc_pdf_glyph_bytes(bc_buf *b, uint16_t g)
{
    bc_buf_reserve(b, 4);
    char *q = b->data + b->len;
    unsigned char c[2] = {(unsigned char)(g >> 8), (unsigned char)g};
    for (int k = 0; k < 2; k++) {
        switch (c[k]) {
        case '(':
        case ')':
        case '\\':
            *q++ = '\\';
            *q++ = (char)c[k];
            break;
        case '\r':
            *q++ = '\\';
            *q++ = 'r';
            break;
        case '\n':
            *q++ = '\\';
            *q++ = 'n';
            break;
        default: *q++ = (char)c[k];
        }
    }
    b->len = (size_t)(q - b->data);
    *q = 0;
}

void bc_pdf_close_run(bc_buf *b, tstate *t)
{
    if (t->open_str) bc_buf_addc(b, ')');
    if (t->open_run) bc_buf_adds(b, "] TJ\n");
    t->open_run = t->open_str = 0;
    t->jclosed = 0;
}

/* Whether the pen is still where a joined or shaped op left it, at run_end (tstate.at_x). */
static int pen_at_end(const tstate *t)
{
    return (t->joint_end || t->pen_end) && !memcmp(&t->at_x, &t->tlm_x, sizeof t->at_x) &&
           !memcmp(&t->at_y, &t->tlm_y, sizeof t->at_y);
}

/* Closes the run for a joined op (joined_begin) or its line, keeping in mind that it was
   open (tstate.jclosed): where it would have gone on, the op is placed as it would have. */
static void joint_close(bc_buf *b, tstate *t)
{
    int was = t->open_run || t->jclosed;
    bc_pdf_close_run(b, t);
    t->jclosed = was;
}

/* BT, with the text state a new text object starts with. */
void bc_pdf_begin_text(bc_buf *b, tstate *t)
{
    bc_buf_adds(b, "BT\n");
    t->in_text = 1;
    t->tlm_x = t->tlm_y = 0;
    t->rotated = 0;
    t->joint_end = t->pen_end = 0;
    t->npend = 0;
    t->font = -1;
    t->size = 0;
}

/* Closes any open TJ run and places the text cursor at op's start (x, y from the page's
   bottom): BT when outside a text object, Tf and rg when they change, Td or, rotated, Tm. */
static void place_text(bc_buf *b, tstate *t, const bc_op *op, double y, const char **names);

/* Tf and rg for op when they change, the pen left where it is. */
static void text_state(bc_buf *b, tstate *t, const bc_op *op, const char **names)
{
    if (op->font != t->font || op->size != t->size) {
        bc_buf_printf(b, "/%s ", names[op->font]);
        bc_pdf_num(b, op->size);
        bc_buf_adds(b, "Tf\n");
        t->font = op->font;
        t->size = op->size;
    }
    if (op->fill != t->fill) {
        bc_pdf_color(b, op->fill, "rg");
        t->fill = op->fill;
    }
}

/* The Td a line start would have moved by to op (at y) where a joined op or its line went
   on without (joined_begin), kept to be made later (replay_moves); 0 when no more can be. */
static int defer_move(tstate *t, const bc_op *op, double y)
{
    if (t->npend == (int)(sizeof t->pend / sizeof *t->pend / 2)) return 0;
    if (!t->npend) {
        t->pend_x = t->v_x = t->tlm_x;
        t->pend_y = t->v_y = t->tlm_y;
    }
    double dx = llround((op->x - t->v_x) * 100) / 100.0; /* as place_text */
    double dy = llround((y - t->v_y) * 100) / 100.0;
    t->pend[2 * t->npend] = dx;
    t->pend[2 * t->npend + 1] = dy;
    t->npend++;
    t->v_x += dx;
    t->v_y += dy;
    return 1;
}

/* The moves defer_move kept, made one by one as place_text would have made them, unless an
   emoji op (pdf_emoji.c) moved the line start since: then the next Td goes from there. */
static void replay_moves(bc_buf *b, tstate *t)
{
    if (t->npend && !memcmp(&t->tlm_x, &t->pend_x, sizeof t->tlm_x) &&
        !memcmp(&t->tlm_y, &t->pend_y, sizeof t->tlm_y)) {
        for (int i = 0; i < t->npend; i++) {
            bc_pdf_num(b, t->pend[2 * i]);
            bc_pdf_num(b, t->pend[2 * i + 1]);
            bc_buf_adds(b, "Td ");
        }
        t->tlm_x = t->v_x;
        t->tlm_y = t->v_y;
    }
    t->npend = 0;
}

static void place_text(bc_buf *b, tstate *t, const bc_op *op, double y, const char **names)
{
    bc_pdf_close_run(b, t);
    if (!t->in_text) bc_pdf_begin_text(b, t);
    replay_moves(b, t);
    t->joint_end = t->pen_end = 0;
    text_state(b, t, op, names);
    if (op->angle != 0 || t->rotated) {
        double a = op->angle * M_PI / 180.0;
        bc_pdf_num(b, cos(a));
        bc_pdf_num(b, sin(a));
        bc_pdf_num(b, -sin(a));
        bc_pdf_num(b, cos(a));
        bc_pdf_num(b, op->x);
        bc_pdf_num(b, y);
        bc_buf_adds(b, "Tm ");
        t->rotated = op->angle != 0;
    } else { /* the line start moves by what is written, so rounding never adds up */
        double dx = llround((op->x - t->tlm_x) * 100) / 100.0;
        double dy = llround((y - t->tlm_y) * 100) / 100.0;
        bc_pdf_num(b, dx);
        bc_pdf_num(b, dy);
        bc_buf_adds(b, "Td ");
        t->tlm_x += dx;
        t->tlm_y += dy;
        return;
    }
    t->tlm_x = op->x;
    t->tlm_y = y;
}

/* Before a plain op's first glyph: pdf.js's pen moved by lead (bc_pdf_lead), or, where it is to
   read a space it has no place to compare for (bc_pdf_js_space_before), a space glyph off the
   page, after which it adds one of its own. */
static void pen_for_js(W *w, bc_buf *b, const bc_op *op, double lead)
{
    if (lead)
        bc_pdf_shift_pen(w, b, op, lead, 0);
    else if (bc_pdf_js_space_before(w, op) && w->ascii[op->font][' '])
        bc_pdf_shift_pen(w, b, op, 0, 0);
}

/* The start of an op joined to the text before it on its line (bc_op.joined: a quarter em
   between CJK and Latin with no space in the text). pdf.js reads a space where the pen moves
   on over 0.102 em between glyphs, poppler over 0.1 em, MuPDF over 0.15 em. So the pen
   crosses the gap after a blank glyph of the font that stands for nothing (U+2060, no ink:
   pdf_joint.c) with its own width, and a TJ adjustment back to the op's start: pdf.js drops
   the glyph (and its width) and reads the move back as no space, MuPDF reads the op as
   starting inside the blank glyph, and the op says its text as /ActualText from where the
   gap starts, which poppler spreads over the span. The glyphs land where they always did;
   the Td the op would have been placed with (as_run 0) is made later (defer_move). The run
   is left open, its TJ array begun. 0 when the pen is not known to end the run before (a
   shaped op that moved it back, another line, a line drawn in visual order), the font has no
   such glyph or one too narrow for pdf.js to read the move as a step back (a fifth of an
   em): drawn as ever. */
static int joined_begin(W *w, const bc_op *op, double y, int as_run, bc_buf *b, tstate *t,
                        const char **names)
{
    double gap = op->x - t->run_end, jw = 0;
    if (!op->joined || w->new_run || op->angle != 0 || t->rotated || !t->in_text ||
        !(t->open_run || pen_at_end(t)) || fabs(y - t->run_y) >= 0.01 || gap <= 0.005 ||
        gap > op->size)
        return 0;
    uint16_t code = bc_pdf_joint_code(w, op->font, &jw);
    if (!code || jw * op->size / 1000.0 - gap < 0.25 * op->size) return 0;
    if (!as_run && !defer_move(t, op, y)) return 0;
    joint_close(b, t);
    if (w->tags && bc_pdftags_span_begin(w->tags, b))
        bc_buf_adds(b, "/ActualText<FEFF");
    else
        bc_buf_adds(b, "/Span <</ActualText <FEFF");
    bc_embed_utf16_hex(b, op->text, op->len);
    bc_buf_adds(b, ">>> BDC ");
    text_state(b, t, op, names);
    bc_buf_addc(b, '[');
    bc_buf_addc(b, '(');
    bc_pdf_glyph_bytes(b, code);
    bc_buf_addc(b, ')');
    bc_pdf_num(b, jw - gap * 1000.0 / op->size);
    bc_buf_adds(b, "] TJ [(");
    t->open_run = t->open_str = 1;
    t->run_end = op->x;
    return 1;
}

void bc_pdf_text_op(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, tstate *t,
                    const char **names)
{
    if (!w->font[op->font] || !op->len) return;
    if (!names[op->font]) {
        names[op->font] = HPDF_Page_GetLocalFontName(pg, w->font[op->font]);
        if (!names[op->font]) return;
    }
    const bc_subset *sub = &w->sub[op->font];
    double y = H - op->y;
    double opens, lead = bc_pdf_lead(w, t, op, y, &opens);
    int on = !w->new_run && op->angle == 0 && !t->rotated && op->font == t->font &&
             op->size == t->size && op->fill == t->fill && fabs(y - t->run_y) < 0.01 &&
             op->x >= t->run_end - 0.01 && !lead;
    int same_run = t->open_run && on;
    int was_run = (t->open_run || t->jclosed) && on; /* as if no op had been joined */
    int joined = !lead && joined_begin(w, op, y, was_run, b, t, names);
    if (!joined && !same_run && !lead && t->joint_end && pen_at_end(t) && !w->new_run &&
        op->angle == 0 && !t->rotated && fabs(y - t->run_y) < 0.01 && op->x >= t->run_end - 0.01 &&
        (was_run || defer_move(t, op, y))) {
        /* after a joined op pdf.js's pen lags by the gaps it dropped: the line goes on by
           moves in TJ, never Td, so that pdf.js reads no gap the line does not have */
        joint_close(b, t);
        text_state(b, t, op, names);
        bc_buf_adds(b, "[(");
        t->open_run = t->open_str = 1;
        same_run = 1;
    }
    if (joined) {
        /* the run goes on from the op's start */
    } else if (!same_run) {
        place_text(b, t, op, y, names);
        t->run_y = y;
        t->run_end = op->x;
        bc_pdf_draw_mu_space(w, b, op);
        pen_for_js(w, b, op, lead);
        bc_buf_adds(b, "[(");
        t->open_run = t->open_str = 1;
    } else {
        /* The gap from the end of the run: a real space glyph (so text extracts with its
           spaces) and a TJ adjustment for the rest. */
        double gap = op->x - t->run_end;
        uint16_t sp = w->ascii[op->font][' '];
        if (sp && gap > op->size * 0.12) {
            bc_pdf_glyph_bytes(b, sp);
            double sw = sub->widths[sp] * op->size / 1000.0;
            gap -= sw;
            t->run_end += sw;
        }
        if (fabs(gap) > 0.005) {
            bc_buf_addc(b, ')');
            bc_pdf_num(b, -gap * 1000.0 / op->size);
            bc_buf_addc(b, '(');
            t->run_end += gap;
        }
    }
    double adv = 0;
    const char *p = op->text, *end = op->text + op->len;
    if (bc_pdf_space_dropped(w, op)) p = end; /* said by the op before (pdf_gaps.c) */
    bc_font *f = bc_fontset_peek(w->fs, op->font);
    uint32_t prev = 0;
    while (p < end) {
        uint32_t cp = bc_utf8_next(&p);
        double k = prev && f ? bc_font_kern(f, prev, cp) : 0; /* as layout measured it */
        if (k != 0) {
            bc_buf_addc(b, ')');
            bc_pdf_num(b, -k);
            bc_buf_addc(b, '(');
            adv += k;
        }
        uint16_t g = cp < 128 ? w->ascii[op->font][cp] : bc_subset_gid(sub, cp);
        bc_pdf_glyph_bytes(b, g);
        adv += g < sub->nglyphs ? sub->widths[g] : 0;
        prev = cp;
        /* the first glyph shown past the line's end: the rest where it is; a trailing run
           (trail_space) up to its first space, where pdf.js reads the step back on as that
           space, or whole (")," read ") ,") */
        if (lead > 0 && p == end && bc_pdf_word_follows(w, op)) { /* a one-letter word: lead_on */
            t->js_lead = lead;
            lead = 0;
        } else if (lead && !opens && (lead > 0 || p == end || *p == ' ')) {
            bc_buf_adds(b, ")] TJ ");
            bc_pdf_shift_pen(w, b, op, -lead, 0);
            bc_buf_adds(b, "[(");
            t->js_lag = p == end && lead < 0 ? lead : 0; /* a trailing run shown whole */
            lead = 0;
        }
    }
    /* the space before a word pdf.js reads on in the item before (pdf_fonts.c, say_word): two
       more below the page (poppler and MuPDF drop them there), their widths taken back, so that
       the last two characters pdf.js read are spaces and it adds none before the word */
    if (bc_pdf_space_quiet(w, op) && w->ascii[op->font][' ']) {
        uint16_t sp = w->ascii[op->font][' '];
        bc_buf_adds(b, ")] TJ -30000 Ts [(");
        for (int k = 0; k < 2; k++) {
            bc_pdf_glyph_bytes(b, sp);
            bc_buf_addc(b, ')');
            bc_pdf_num(b, sp < sub->nglyphs ? sub->widths[sp] : 0);
            bc_buf_addc(b, '(');
        }
        bc_buf_adds(b, ")] TJ 0 Ts [(");
    }
    if (w->space_after && w->ascii[op->font][' ']) { /* bc_pdf_line_order */
        uint16_t sp = w->ascii[op->font][' '];
        bc_pdf_glyph_bytes(b, sp);
        adv += sp < sub->nglyphs ? sub->widths[sp] : 0;
    }
    t->run_end += adv * op->size / 1000.0;
    bc_pdf_note_line(t, op, y);
    bc_pdf_note_js(t, op, NULL);
    if (op->angle != 0) bc_pdf_close_run(b, t);
    if (joined) { /* the span ends with the op; the pen stays at its end, pdf.js's behind */
        joint_close(b, t);
        bc_buf_adds(b, "EMC\n");
        t->joint_end = 1;
        t->at_x = t->tlm_x;
        t->at_y = t->tlm_y;
    }
}

/* A shaped op on the line of a joined op, after it (tstate.joint_end): like a plain one
   (bc_pdf_text_op), it goes on by moves in TJ, a space glyph for a word space, never Td,
   which would show pdf.js its lagging pen as a gap. The run is left open at the op's start;
   0 when it cannot go on so. */
static int go_on_joint(W *w, const bc_op *op, double y, bc_buf *b, tstate *t, const char **names)
{
    double gap = op->x - t->run_end;
    if (!t->joint_end || !pen_at_end(t) || w->new_run || op->angle != 0 || t->rotated ||
        !t->in_text || fabs(y - t->run_y) >= 0.01 || gap < -0.01 || !defer_move(t, op, y))
        return 0;
    joint_close(b, t);
    text_state(b, t, op, names);
    bc_buf_adds(b, "[(");
    t->open_run = t->open_str = 1;
    uint16_t sp = w->ascii[op->font][' '];
    const bc_subset *sub = &w->sub[op->font];
    if (sp && sp < sub->nglyphs && gap > op->size * 0.12) { /* as bc_pdf_text_op */
        bc_pdf_glyph_bytes(b, sp);
        gap -= sub->widths[sp] * op->size / 1000.0;
    }
    if (fabs(gap) > 0.005) {
        bc_buf_addc(b, ')');
        bc_pdf_num(b, -gap * 1000.0 / op->size);
        bc_buf_addc(b, '(');
    }
    t->run_end = op->x;
    return 1;
}

/* Whether pdf.js 3.11 (its text layer, getTextContent) leaves its pen behind the glyphs of a
   shaped op: it moves by no width for a glyph whose text is nothing (U+2060, a format mark it
   skips) or has a nonspacing mark anywhere in it (its "zero-width diacritic"), however wide the
   glyph. A Devanagari conjunct or a reph does. Its pen then lags the line's, and a Td after the
   op shows it the lag as a gap: "प्रधानमंत्री ." for "प्रधानमंत्री." with the full stop set in
   another font. */
static int pdfjs_lags(const W *w, const bc_op *op, const bc_shaped *sh)
{
    const gmap *m = &w->gm;
    const bc_subset *sub = &w->sub[op->font];
    for (int k = 0; k < sh->n; k++) {
        uint16_t own = bc_subset_glyph_code(sub, sh->g[k].gid);
        if (own >= sub->nglyphs || !sub->widths[own]) continue;
        if (m->ts[k] == m->te[k]) return 1;
        uint32_t cp = 0;
        for (const char *p = op->text + m->ts[k], *end = op->text + m->te[k]; p < end;)
            if (bc_pdf_js_mark(cp = bc_utf8_next(&p))) return 1;
        if (bc_pdf_js_format(cp)) return 1; /* a format character at the end */
    }
    return 0;
}

/* The first character of [p, end), 0 when none. */
static uint32_t first_cp(const char *p, const char *end) { return p < end ? bc_utf8_next(&p) : 0; }

/* Whether op, a right-to-left word, ends its run of right-to-left words on its line: the next
   word drawn is not one, or on another line (the word drawn leftmost, where the run meets
   left-to-right text or the line's start). */
static int ends_rtl_run(const W *w, const bc_op *op)
{
    if (!w->page || op < w->page->v || op >= w->page->v + w->page->n) return 0;
    for (const bc_op *o = op + 1; o < w->page->v + w->page->n; o++) {
        if (o->kind != BC_OP_TEXT || !o->len) continue;
        if (fabsf(o->y - op->y) > 0.01f) return 1;
        if (bc_pdf_rest_blank(o->text, o->text + o->len)) continue;
        return o->dir != BC_TEXT_RTL;
    }
    return 1;
}

/* Whether the page is one poppler reads left to right. There the visual-order /ActualText of a
   right-to-left word whose last letter bears a mark ("ٱلرَّحِيمِ") begins with that mark, and
   where the word ends its run (ends_rtl_run) poppler's bidi gives the mark the left-to-right
   context: it read the kasra before the phrase. A right-to-left mark (U+200F) before it keeps
   it in the word; poppler then reads the RLM at the word's end, invisible. */
static int rtl_on_ltr_page(W *w)
{
    if (w->page_ltr < 0) w->page_ltr = w->page ? bc_pdf_page_reads_ltr(w->page) : 1;
    return w->page_ltr;
}

/* Opens the marked content that gives a shaped op its text as /ActualText, where a TJ could
   not be open, inside BT: the op's text, right-to-left text in visual order (readers reverse
   it, poppler its /ActualText too). */
static void open_actual(W *w, bc_buf *b, tstate *t, const bc_op *op)
{
    bc_pdf_close_run(b, t);
    if (!t->in_text) bc_pdf_begin_text(b, t);
    if (w->tags && bc_pdftags_span_begin(w->tags, b))
        bc_buf_adds(b, "/ActualText<FEFF");
    else
        bc_buf_adds(b, "/Span <</ActualText <FEFF");
    char *rev = NULL;
    const char *p = op->text, *end = op->text + op->len;
    if (op->dir == BC_TEXT_RTL) {
        rev = bc_xmalloc(op->len);
        bc_pdf_reverse_chars(op->text, op->len, rev);
        p = rev;
        end = rev + op->len;
    }
    if (rev && bc_pdf_js_mark(first_cp(p, end)) && ends_rtl_run(w, op) && rtl_on_ltr_page(w))
        bc_buf_adds(b, "200F"); /* see rtl_on_ltr_page */
    bc_embed_utf16_hex(b, p, (size_t)(end - p));
    free(rev);
    bc_buf_adds(b, ">>> BDC ");
}

/* A word said by blank glyphs on the baseline (pdf_fonts.c, word_pieces), then back to the
   op's start: the glyphs drawn after are placed by the same sums as ever, to the last bit. */
static void say_pieces(W *w, bc_buf *b, const bc_op *op)
{
    bc_buf_adds(b, "[(");
    for (int q = 0; q < w->gm.npcs; q++) {
        if (w->gm.pcs[3 * q + 2]) bc_buf_adds(b, ")] TJ /Span BMC EMC [("); /* an item ends */
        bc_pdf_glyph_bytes(b, bc_pdf_piece_code(w, op, q));
    }
    bc_buf_adds(b, ")] TJ 0 0 Td ");
}

/* The space glyph drawn at pen position adv of a shaped op's TJ, the pen at cur before (1/1000
   em): a stretch's word gap (bc_pdf_line_order). Returns the pen after it. */
static double space_at(W *w, bc_buf *b, const bc_op *op, double adv, double cur)
{
    const bc_subset *sub = &w->sub[op->font];
    uint16_t sp = w->ascii[op->font][' '];
    if (fabs(adv - cur) > 0.005) {
        bc_buf_addc(b, ')');
        bc_pdf_num(b, -(adv - cur));
        bc_buf_addc(b, '(');
    }
    bc_pdf_glyph_bytes(b, sp);
    return adv + (sp < sub->nglyphs ? sub->widths[sp] : 0);
}

/* Whether shaped op (sh: its glyphs, mapped in w->gm) is a run of punctuation at a right-to-left
   level, one glyph a character ("!?" ending an Urdu paragraph, drawn "?!"): pdf.js reads an item
   with no right-to-left letter as drawn, so its glyphs are drawn in logical order, from the
   right, each a step back that begins an item of its own and reads as no space. */
static int punct_back(const W *w, const bc_op *op, const bc_shaped *sh)
{
    if (op->dir != BC_TEXT_RTL || sh->n < 2 || w->gm.word || w->gm.multi || w->gm.sp ||
        op->angle != 0)
        return 0;
    for (int k = 0; k < sh->n; k++)
        if (sh->g[k].dy != 0) return 0;
    int n = 0;
    for (const char *p = op->text; p < op->text + op->len; n++) {
        FriBidiCharType c = fribidi_get_bidi_type(bc_utf8_next(&p));
        if (c != FRIBIDI_TYPE_ON && c != FRIBIDI_TYPE_CS && c != FRIBIDI_TYPE_ES &&
            c != FRIBIDI_TYPE_ET)
            return 0;
    }
    return n == sh->n;
}

/* A shaped text op (ops.h): its glyphs, as layout measured them, in a TJ array of their own,
   with x offsets and advances as adjustments and y offsets as text rise; the logical text as
   /ActualText where the glyphs cannot say it, and a right-to-left word pdf.js would read in
   pieces said first by blank glyphs (pdf_fonts.c, word_pieces). */
void bc_pdf_shaped_text_op(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, tstate *t,
                           const char **names)
{
    if (!w->font[op->font] || !op->len) return;
    if (!names[op->font]) {
        names[op->font] = HPDF_Page_GetLocalFontName(pg, w->font[op->font]);
        if (!names[op->font]) return;
    }
    bc_shaped sh;
    if (!bc_pdf_shape_op(w, op, &sh)) return;
    const bc_subset *sub = &w->sub[op->font];
    double y = H - op->y;
    int sp = bc_pdf_carries_space(w, op) ? 1 : bc_pdf_lead_cut(w, op) ? BC_PDF_LEAD_CUT : 0;
    bc_pdf_map_glyphs(bc_fontset_peek(w->fs, op->font), op, &sh, sp, &w->gm);
    /* A cluster of several glyphs (a vowel sign drawn before its consonant, a base with its
       marks) is read right by poppler only from /ActualText. Readers (poppler, pdf.js) take
       right-to-left text as drawn, in visual order, and reverse it themselves, poppler its
       /ActualText too: so right-to-left /ActualText is written in visual order. */
    /* A word that carries the space before it (pdf_gaps.c, bc_pdf_carries_space: for pdf.js)
       says itself without it to readers that honour /ActualText: poppler reads the space
       from the space drawn before the word, as ever. */
    int actual = w->gm.multi || w->gm.sp;
    /* Latin set with ligatures after CJK (bc_op.joined): its glyphs say its text in order */
    int ltr = !actual && !w->gm.word && op->dir == BC_TEXT_LTR;
    double lead = bc_pdf_lead(w, t, op, y, NULL);
    int joined = ltr && !lead && joined_begin(w, op, y, 0, b, t, names);
    int goes_on = ltr && !lead && !joined && go_on_joint(w, op, y, b, t, names);
    if (!joined && !goes_on && bc_pdf_mu_space(w, op)) { /* before the span, which says the
                                                              text without it */
        place_text(b, t, op, y, names);
        bc_pdf_draw_mu_space(w, b, op);
    }
    if (lead) { /* before the span: poppler reads a span's text where its first glyph is */
        place_text(b, t, op, y, names);
        bc_pdf_shift_pen(w, b, op, lead, 0);
    }
    if (actual) open_actual(w, b, t, op);
    if (!joined && !goes_on && !lead) place_text(b, t, op, y, names);
    /* pen: each glyph's origin from the op's start; cur: where the PDF's pen is (1/1000 em) */
    double adv = 0, cur = 0, rise = 0;
    if (w->gm.word) say_pieces(w, b, op);
    if (!joined && !goes_on) bc_buf_adds(b, "[(");
    if (sh.n > w->cap_pen) {
        w->cap_pen = sh.n;
        w->pen = bc_xrealloc(w->pen, (size_t)w->cap_pen * sizeof *w->pen);
    }
    for (int i = 0; i < sh.n; i++) {
        w->pen[i] = adv;
        adv += sh.g[i].adv;
    }
    int back = punct_back(w, op, &sh);
    for (int k0 = 0; k0 < sh.n; k0++) {
        int k = back ? sh.n - 1 - k0 : k0;
        const bc_glyph *g = &sh.g[k];
        if (g->dy != rise) { /* a mark above or below: text rise, in a TJ of its own */
            bc_buf_adds(b, ")] TJ ");
            bc_pdf_num(b, g->dy * op->size / 1000.0);
            bc_buf_adds(b, "Ts [(");
            rise = g->dy;
        }
        double target = w->pen[k] + g->dx;
        if (fabs(target - cur) > 0.005) {
            bc_buf_addc(b, ')');
            bc_pdf_num(b, -(target - cur));
            bc_buf_addc(b, '(');
        }
        uint16_t code = bc_pdf_glyph_code(w, op, &sh, k), own = bc_subset_glyph_code(sub, g->gid);
        bc_pdf_glyph_bytes(b,
                           code); /* the glyph id, CFF's CID, or a code for this cluster's text */
        cur = target + (own < sub->nglyphs ? sub->widths[own] : 0);
        if (w->gm.ce[k] > w->gm.te[k]) { /* the rest of its cluster (pdf_fonts.c) */
            bc_pdf_glyph_bytes(b, bc_pdf_rest_code(w, op, k));
            uint16_t bo = bc_subset_glyph_code(sub, w->gm.blank);
            cur += bo < sub->nglyphs ? sub->widths[bo] : 0; /* none */
        }
        if (lead && !actual && (lead > 0 || k0 == sh.n - 1)) {
            /* the first glyph shown past the line's end, the rest where it is (a trailing run
               whole: bc_pdf_text_op); in a span, after it: poppler reads it where its glyphs
               reach, wherever they are drawn */
            t->js_lag = lead < 0 ? lead : 0;
            bc_buf_adds(b, ")] TJ ");
            bc_pdf_shift_pen(w, b, op, -lead, rise * op->size / 1000.0);
            bc_buf_adds(b, "[(");
            lead = 0;
        }
    }
    if (w->space_after && w->ascii[op->font][' '] && rise == 0) /* bc_pdf_line_order */
        cur = adv = space_at(w, b, op, adv, cur);
    if ((joined || goes_on) && fabs(adv - cur) > 0.005) { /* the pen to run_end */
        bc_buf_addc(b, ')');
        bc_pdf_num(b, -(adv - cur));
        bc_buf_addc(b, '(');
        cur = adv;
    }
    bc_buf_adds(b, ")] TJ");
    if (rise != 0) bc_buf_adds(b, " 0 Ts");
    bc_buf_adds(b, actual || joined ? " EMC\n" : "\n");
    if (lead) { /* after the span, which ended the element's sequence: an artifact */
        t->js_lag = lead < 0 ? lead : 0;
        if (w->tags) bc_buf_adds(b, "/Artifact BMC ");
        bc_pdf_shift_pen(w, b, op, -lead, 0);
        if (w->tags) bc_buf_adds(b, "EMC\n");
    }
    t->open_run = t->open_str = 0;
    t->run_y = y;
    t->run_end = op->x + adv * op->size / 1000.0;
    bc_pdf_note_line(t, op, y);
    bc_pdf_note_js(t, op, &w->gm);
    if (op->angle == 0) t->last_word = w->gm.word; /* as bc_pdf_note_line */
    t->joint_end = joined || goes_on;
    /* the pen where run_end is (to the rounding of the op's Td): a joined op may follow */
    t->pen_end = op->angle == 0 && rise == 0 && fabs(adv - cur) <= 0.005;
    /* pdf.js's pen behind: the line goes on by TJ moves, as after a joined op, until a Td */
    if (!t->joint_end && t->pen_end && op->dir == BC_TEXT_LTR && pdfjs_lags(w, op, &sh))
        t->joint_end = 1;
    t->at_x = t->tlm_x;
    t->at_y = t->tlm_y;
}

/*
** The order a line's ops are drawn in. Layout gives a right-to-left line's ops in logical
** order, one op per word, each placed where it shows: pdf.js (3.11, getTextContent) ends its
** text item wherever the pen moves back, so it reads each word as an item of its own (the space
** between is forgotten: a right-to-left word carries it, bc_pdf_carries_space), and it cannot
** read a space before a left-to-right run (digits, Latin), whose item it does not reverse.
** Where a line holds both, a stretch of its ops in one font and size with no /ActualText
** (whose marked content ends pdf.js's item too) is drawn in visual order, left to right: pdf.js
** then reads the stretch as one item, with the spaces drawn between its words, and its bidi
** pass (a right-to-left paragraph when 30 % of the item's UTF-16 units are R, AL or AN) puts
** the words in logical order. Poppler and MuPDF place text by position, so they read it as
** before; the pixels are the same (every glyph lands where it did).
*/

/* How pdf.js's bidi.js classes UTF-16 unit u: 1 when R, AL or AN (it counts those to choose
   the item's direction), else 0. Its table for U+0600..U+06FF, less the marks (NSM), the
   Extended Arabic-Indic digits (EN) and the separators and terminators (CS, ET, ON). */
int bc_pdf_js_strong_rtl(uint32_t u)
{
    if (u >= 0x0590 && u <= 0x05F4) return 1;
    if (u >= 0x0600 && u <= 0x06FF) {
        if ((u >= 0x06F0 && u <= 0x06F9) || (u >= 0x0610 && u <= 0x061A) ||
            (u >= 0x064B && u <= 0x065F) || u == 0x0670 || (u >= 0x06D6 && u <= 0x06DC) ||
            (u >= 0x06DE && u <= 0x06E4) || u == 0x06E7 || u == 0x06E8 ||
            (u >= 0x06E9 && u <= 0x06ED) || (u >= 0x0606 && u <= 0x060A) || u == 0x060C ||
            u == 0x060E || u == 0x060F || u == 0x066A)
            return 0;
        return 1;
    }
    return (u >= 0x0700 && u <= 0x08AC) || (u >= 0xFB50 && u <= 0xFDFF) ||
           (u >= 0xFE70 && u <= 0xFEFF);
}

size_t bc_pdf_js_rtl_units(const char *s, size_t n, size_t *units)
{
    size_t rtl = 0;
    for (const char *p = s; p < s + n;) {
        uint32_t cp = bc_utf8_next(&p);
        *units += cp > 0xFFFF ? 2 : 1;
        rtl += cp <= 0xFFFF && bc_pdf_js_strong_rtl(cp);
    }
    return rtl;
}

/* Whether op is text that is all white space (a word gap layout draws as an op of its own). */
static int gap_op(const bc_op *op)
{
    for (const char *p = op->text, *end = op->text + op->len; p < end;) {
        uint32_t cp = bc_utf8_next(&p);
        if (cp != ' ' && cp != 0xA0) return 0;
    }
    return 1;
}

/* Whether ops a and b could share one pdf.js item: text on one baseline, unrotated, in one font
   and size (pdf.js ends its item at Tf), of one structure element and language (one marked-
   content sequence in tagged output). */
static int same_stretch(const bc_op *a, const bc_op *b)
{
    return b->kind == BC_OP_TEXT && b->len && b->angle == 0 && b->font == a->font &&
           b->font != BC_FONT_EMOJI && b->size == a->size && fabsf(b->y - a->y) < 0.01f &&
           b->se == a->se && b->frame == a->frame &&
           (a->lang == b->lang || (a->lang && b->lang && !strcmp(a->lang, b->lang)));
}

/* Whether stretch v[i, j) is to be drawn in visual order: it holds a right-to-left word and a
   left-to-right run, pdf.js would read it as right-to-left, no op of it needs /ActualText, and
   no op of its line outside it starts inside it. */
static int visual_stretch(W *w, const bc_ops *ops, int i, int j)
{
    int rtl = 0, ltr = 0;
    size_t units = 0, strong = 0;
    float lo = ops->v[i].x, hi = lo;
    for (int k = i; k < j; k++) {
        const bc_op *op = &ops->v[k];
        if (!gap_op(op)) {
            rtl |= op->dir == BC_TEXT_RTL;
            ltr |= op->dir != BC_TEXT_RTL;
        }
        strong += bc_pdf_js_rtl_units(op->text, op->len, &units);
        lo = op->x < lo ? op->x : lo;
        hi = op->x > hi ? op->x : hi;
    }
    if (!rtl || !ltr || strong * 10 < units * 3) return 0;
    for (int k = i - 1; k >= 0 && ops->v[k].kind == BC_OP_TEXT && ops->v[k].y == ops->v[i].y; k--)
        if (ops->v[k].x > lo && ops->v[k].x < hi) return 0;
    for (int k = j; k < ops->n && ops->v[k].kind == BC_OP_TEXT && ops->v[k].y == ops->v[i].y; k++)
        if (ops->v[k].x > lo && ops->v[k].x < hi) return 0;
    gmap m = {0};
    int plain = 1;
    for (int k = i; k < j && plain; k++) {
        const bc_op *op = &ops->v[k];
        bc_shaped sh;
        if (op->dir == BC_TEXT_PLAIN) continue;
        if (!bc_pdf_shape_op(w, op, &sh)) {
            plain = 0;
            break;
        }
        bc_pdf_map_glyphs(bc_fontset_peek(w->fs, op->font), op, &sh, 0, &m);
        plain = !m.multi && !m.word;
    }
    bc_pdf_gmap_free(&m);
    return plain;
}

/* An op of a stretch by where it starts, then by its place in the layout. */
typedef struct at_x {
    float x;
    int i;
} at_x;

static int cmp_x(const void *a, const void *b)
{
    const at_x *p = a, *q = b;
    return p->x < q->x ? -1 : p->x > q->x ? 1 : (p->i > q->i) - (p->i < q->i);
}

/* Narrows stretch v[*a, *z) to the ops pdf.js, reading it right to left, reads in their
   order: not its first op when it is the leftmost (a left-to-right line's words before a
   right-to-left phrase), nor its last when it is the rightmost (an Arabic comma the phrase
   ends with, at the line's level: "العربية،" read "،العربية"). Those are drawn as ever. */
static void trim_ends(const bc_ops *ops, int *a, int *z)
{
    int rtl = 0;
    for (int k = *a; k < *z && !rtl; k++) rtl = ops->v[k].dir == BC_TEXT_RTL;
    if (!rtl) return; /* no stretch to draw in visual order (visual_stretch) */
    for (int moved = 1; moved && *z - *a >= 2;) {
        moved = 0;
        float first = ops->v[*a].x, last = ops->v[*z - 1].x;
        int left = 1, right = 1;
        for (int k = *a + 1; k < *z; k++) left &= ops->v[k].x > first;
        for (int k = *a; k < *z - 1; k++) right &= ops->v[k].x < last;
        if (right)
            (*z)--, moved = 1;
        else if (left)
            (*a)++, moved = 1;
    }
}

void bc_pdf_line_order(W *w, const bc_ops *ops, int page, int npages)
{
    for (int i = 0; i < ops->n && !w->code;) {
        const bc_op *op = &ops->v[i];
        int j = i + 1;
        if (op->kind == BC_OP_TEXT && op->len && op->angle == 0 && op->font != BC_FONT_EMOJI)
            while (j < ops->n && same_stretch(op, &ops->v[j])) j++;
        int a = i, z = j;
        trim_ends(ops, &a, &z);
        if (z - a < 3 || !visual_stretch(w, ops, a, z)) {
            i = j;
            continue;
        }
        if (!w->gm.order) {
            w->gm.order = bc_xcalloc((size_t)npages, sizeof *w->gm.order);
            w->gm.norder = npages;
        }
        int *o = w->gm.order[page];
        if (!o) { /* the order, then a flag per op */
            o = w->gm.order[page] = bc_xcalloc(2 * (size_t)ops->n, sizeof *o);
            for (int k = 0; k < ops->n; k++) o[k] = k;
        }
        at_x *s = bc_xmalloc((size_t)(z - a) * sizeof *s);
        for (int k = a; k < z; k++) s[k - a] = (at_x){ops->v[k].x, k};
        qsort(s, (size_t)(z - a), sizeof *s, cmp_x);
        for (int k = a; k < z; k++) {
            o[k] = s[k - a].i;
            o[ops->n + k] = BC_PDF_VISUAL;
        }
        /* the line ends with the stretch: a space after its last op drawn (at the right
           margin, no ink), so that readers of the structure tree's text (poppler's struct-text)
           read the line's last word apart from the next line's first */
        int ends = z == ops->n || ops->v[z].kind != BC_OP_TEXT ||
                   fabsf(ops->v[z].y - ops->v[a].y) >= 0.01f;
        if (ends) o[ops->n + s[z - a - 1].i] |= BC_PDF_LINE_END;
        free(s);
        i = j;
    }
}
