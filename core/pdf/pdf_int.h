/*
** pdf_int.h — what the parts of the PDF back end share (pdf.c drives, pdf_text.c draws the
** runs of text, pdf_fonts.c maps and embeds the fonts): the writer's state (W), the text
** state of a page's content, the glyph map of shaped text, and the functions they call across
** files (prefix bc_pdf_). Not for use outside core/pdf/.
*/
#ifndef BC_PDF_INT_H
#define BC_PDF_INT_H

#include <math.h>
#include <stdint.h>

#include <hpdf.h>

#include "pdf/pdf.h"
#include "pdf/embed.h"
#include "pdf/image_pdf.h"
#include "pdf/pdf_tags.h"
#include "text/shape.h"

/* What each glyph of a shaped op stands for and the order to draw them in. */
typedef struct gmap {
    uint32_t *ts, *te; /* glyph i stands for text bytes [ts[i], te[i]); empty when equal */
    uint32_t *starts;  /* the clusters' starts, ascending, each once (nstarts) */
    int nstarts;
    int multi; /* some cluster has several glyphs (the op gets /ActualText) */
    int cap;
    /* word: every glyph drawn stands for nothing, the text is said by blank glyphs (carrier,
       the font's space) drawn first, one per piece [pcs[3q], pcs[3q+1]) of vis, the op's text
       in visual order; pcs[3q+2]: pdf.js's text item is to end before piece q (pdf_fonts.c) */
    int word, npcs, cap_pcs;
    uint32_t carrier, *pcs, *dp; /* dp: scratch for cutting the pieces */
    /* left to right: glyph i is followed by blank, a glyph of no width and no ink, standing
       for text bytes [te[i], ce[i]) when ce[i] > te[i] (pdf_fonts.c, split_lead) */
    uint32_t blank, *ce;
    char *vis;
    size_t cap_vis;
    /* sp: the op carries the space before it (bc_pdf_carries_space); sp_glyph: the glyph drawn
       whose text gets that space, or -1 (in a word, the last piece in visual order does) */
    int sp, sp_glyph;
    int sp_quiet; /* the op's first piece has a mark: pdf.js is to forget the space before */
    int lead_cut, lead_ok; /* cut the word's letters without a mark before its first piece with
                              one (BC_PDF_LEAD_CUT); and so it was: pdf.js compares that piece */
    const bc_op **lcut;    /* w->gm only: right-to-left words so cut (pdf_gaps.c leads_word) */
    int nlcut, cap_lcut;
    const bc_op **carry; /* w->gm only: the ops that carry the space before them, sorted */
    int ncarry, cap_carry;
    const bc_op **drop; /* w->gm only: spaces drawn with no glyph: the op before says them */
    int ndrop, cap_drop;
    const bc_op **lead; /* w->gm only: runs pdf.js is to read a space before (lead_space) */
    int nlead, cap_lead;
    const bc_op **quiet; /* w->gm only: spaces pdf.js is to forget (two more, off the page) */
    int nquiet, cap_quiet;
    const bc_op **jsp; /* w->gm only: runs pdf.js is to read a space before, where it has no
                          place to compare them with (its own after a space glyph) */
    int njsp, cap_jsp;
    const bc_op **mu; /* w->gm only: cells with a space drawn before them for MuPDF (starts_cell) */
    int nmu, cap_mu;
    const bc_op **muq; /* w->gm only: of those, the ones pdf.js is to forget that space before */
    int nmuq, cap_muq;
    int **order; /* w->gm only: per page, the order its ops are drawn in, or NULL: as laid out */
    int norder;  /* pages in order */
} gmap;

typedef struct W {
    HPDF_Doc pdf;
    HPDF_STATUS code; /* first libharu error, 0 when none */
    HPDF_STATUS detail;
    HPDF_Dict font[BC_FONT_SLOTS];      /* embedded Type0 fonts */
    bc_subset sub[BC_FONT_SLOTS];       /* their subsets: code point -> glyph id */
    uint16_t ascii[BC_FONT_SLOTS][128]; /* the same for ASCII, looked up once */
    bc_buf zbuf;                        /* reused deflate output */
    int zmemo_pages; /* page contents go through zmemo.h (a short document: see pdf.c) */
    struct ilink {
        int page, se;
        HPDF_Rect r;
        const char *name;
    } * links; /* links inside the doc */
    int nlinks;
    int cur_page;
    bc_fontset *fs;
    bc_error *err;
    int own_error;         /* err already says what failed (code is then set too) */
    bc_image_xobjs images; /* one XObject per distinct image (image_pdf.h) */
    bc_pdftags *tags;      /* marked content and structure, or NULL (--pdf-standard none) */
    const char *lang;      /* the document's language: shaped text is drawn as layout set it */
    struct gmap gm;        /* scratch for shaped text: what each glyph stands for */
    int space_after;       /* the text op drawn now ends a line drawn in visual order */
    const bc_ops *page;    /* the page being drawn … */
    int page_ltr;          /* … whether poppler reads it left to right: -1 not known yet */
    int new_run;           /* … and cannot join the TJ of the op drawn before it */
    double *pen;           /* … and where it goes */
    int cap_pen;
    struct bc_pdf_emoji *emoji; /* colour emoji (pdf_emoji.c), NULL when the text has none */
    /* per font, the blank glyph a joined op's gap is crossed with, 0: none (pdf_joint.c) */
    uint32_t joint[BC_FONT_SLOTS];
} W;

/* Shortest decimal form with at most 2 decimals ("12", "12.5", "-0.25"), then a space. */
static inline void bc_pdf_num(bc_buf *b, double v)
{
    char tmp[32], *q = tmp + sizeof tmp;
    long long c = llround(v * 100);
    int neg = c < 0;
    if (neg) c = -c;
    *--q = ' ';
    int frac = (int)(c % 100);
    if (frac) {
        if (frac % 10) *--q = (char)('0' + frac % 10);
        *--q = (char)('0' + frac / 10);
        *--q = '.';
    }
    long long i = c / 100;
    do {
        *--q = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    if (neg) *--q = '-';
    bc_buf_add(b, q, (size_t)(tmp + sizeof tmp - q));
}

static inline void bc_pdf_color(bc_buf *b, uint32_t c, const char *op)
{
    bc_pdf_num(b, ((c >> 16) & 255) / 255.0);
    bc_pdf_num(b, ((c >> 8) & 255) / 255.0);
    bc_pdf_num(b, (c & 255) / 255.0);
    bc_buf_adds(b, op);
    bc_buf_addc(b, '\n');
}
/* Text state while a page's content is written: runs of text on one baseline in one font
   become a single TJ array, with the gaps between words as real spaces plus adjustments. */
typedef struct tstate {
    int in_text, font, open_run, open_str, rotated;
    int mc_inner; /* the open marked-content sequence began inside this text object */
    float size;
    uint32_t fill;
    double tlm_x, tlm_y;   /* start of the current text line (Td is relative to it) */
    double run_y, run_end; /* baseline and end of the open TJ run */
    int joint_end; /* a joined op (pdf_text.c) drew on this line: the pen is at run_end, pdf.js's
                      behind it; Td would show pdf.js the difference as a gap */
    /* the Td moves (npend pairs in pend) a line with joined ops did without (pdf_text.c):
       made before the next Td, from the line start pend_x, pend_y, so that it sums as ever
       (to v_x, v_y) and every later glyph lands on the same bits */
    int npend;
    double pend[2 * 24], pend_x, pend_y, v_x, v_y;
    int jclosed;             /* joined ops closed the TJ run that would have been open (open_run) */
    int pen_end;             /* a shaped op left the pen at run_end (a joined op may follow it) */
    double at_x, at_y;       /* the line start when joint_end or pen_end was set: an emoji op's Td
                          (pdf_emoji.c) moves the pen and the line start, never run_end */
    double line_y, line_end; /* the baseline text was drawn on last and its rightmost end */
    double line_x0;          /* … and its leftmost start */
    double last_x;           /* where the text op drawn last starts (pdf_pen.c, trail_space) … */
    int last_rtl;            /* … whether it is right-to-left … */
    int last_word;           /* … and a word said in pieces (gmap.word) */
    double js_lag; /* where pdf.js was shown the op drawn last to end, less its end (trail_space) */
    double js_lead;          /* a lead_space shift pdf.js's pen still has: the next word takes it */
    double js_far, js_far_y; /* where pdf.js was shown a cut word's first piece (leads_word) end,
                                on baseline js_far_y */
    const bc_op *js_op;      /* an op whose first glyph alone pdf.js was shown past the line's end
                                (a cut word, a run of one glyph), while it has compared no glyph
                                drawn since (bc_pdf_note_js) … */
    double js_op_end, js_op_y; /* … where that glyph ends (an em at most), on baseline js_op_y, */
    int js_op_silent;          /* … and how many words said in pieces with marks came since */
    double page_w;             /* the page's width: pdf.js drops text shown past it */
} tstate;

/* pdf.c */
bc_status bc_pdf_check(W *w, const char *what);

/* pdf_pen.c: how far pdf.js's pen is moved before op's first glyph (0: not at all), the
   lead_space, trail_space and lead_on shifts; *opens (when asked): opens_rtl's, which moves
   the whole op; bc_pdf_shift_pen moves it by d (rise: the text rise to go back to); a space
   drawn where op starts for MuPDF (bc_pdf_mu_space); bc_pdf_note_line keeps the line's extent;
   whether a word follows op after a word gap on its line. */
double bc_pdf_lead(W *w, tstate *t, const bc_op *op, double y, double *opens);
void bc_pdf_shift_pen(W *w, bc_buf *b, const bc_op *op, double d, double rise);
void bc_pdf_draw_mu_space(W *w, bc_buf *b, const bc_op *op);
void bc_pdf_note_line(tstate *t, const bc_op *op, double y);
/* After op is drawn: whether pdf.js compared the place of one of its glyphs (m: op mapped as
   a word said in pieces, or NULL; pdf_fonts.c bc_pdf_js_compares), for past_far. */
void bc_pdf_note_js(tstate *t, const bc_op *op, const gmap *m);
int bc_pdf_word_follows(const W *w, const bc_op *op);

/* pdf_text.c */
void bc_pdf_glyph_bytes(bc_buf *b, uint16_t g); /* a glyph id as two bytes of a PDF string */
int bc_pdf_js_strong_rtl(uint32_t u);           /* pdf.js's bidi.js counts u as R, AL or AN */
/* pdf.js's bidi.js on text s[0, n): adds its UTF-16 units to *units and returns how many of
   them it counts as R, AL or AN (not marks, Arabic commas, Extended Arabic-Indic digits). */
size_t bc_pdf_js_rtl_units(const char *s, size_t n, size_t *units);
void bc_pdf_close_run(bc_buf *b, tstate *t);
void bc_pdf_begin_text(bc_buf *b, tstate *t);
void bc_pdf_text_op(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, tstate *t,
                    const char **names);
void bc_pdf_shaped_text_op(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, tstate *t,
                           const char **names);
/* Sets the order page's ops are drawn in (w->gm.order: stretches of a line that mixes right-to-
   left and left-to-right text in visual order, for pdf.js) and flags the ops of those. */
void bc_pdf_line_order(W *w, const bc_ops *ops, int page, int npages);
enum { BC_PDF_VISUAL = 1, BC_PDF_LINE_END = 2 };
/* The op draw_page draws i-th on the current page (ops); w->space_after says whether a space
   is to follow it (BC_PDF_LINE_END). */
static inline const bc_op *bc_pdf_draw_op(W *w, const bc_ops *ops, int i)
{
    const int *o = w->gm.order ? w->gm.order[w->cur_page] : NULL;
    int k = o ? o[i] : i;
    w->space_after = o && (o[ops->n + k] & BC_PDF_LINE_END);
    /* an op joins the TJ of the op drawn before only where that is the one laid out before:
       every glyph is then placed by the same sums as in layout's order, to the last bit */
    w->new_run = o && (o[ops->n + k] & BC_PDF_VISUAL) && (i == 0 || o[i - 1] != k - 1);
    return &ops->v[k];
}
/* BC_PDF_VISUAL when op i of page (of n) is in a stretch drawn in visual order, else 0. */
static inline int bc_pdf_op_flags(const W *w, int page, int n, int i)
{
    const int *o = w->gm.order ? w->gm.order[page] : NULL;
    return o ? o[n + i] : 0;
}

/* pdf_fonts.c */
const bc_glyph *bc_pdf_shape_op(W *w, const bc_op *op, bc_shaped *sh);
void bc_pdf_reverse_chars(const char *s, size_t n, char *out);
void bc_pdf_gmap_free(gmap *m);
/* sp: 1 when op carries the space drawn before it (bc_pdf_carries_space); BC_PDF_LEAD_CUT when
   it is a right-to-left word pdf.js is shown a space before by its first piece (leads_word) */
#define BC_PDF_LEAD_CUT 2
void bc_pdf_map_glyphs(bc_font *f, const bc_op *op, const bc_shaped *sh, int sp, gmap *m);
int bc_pdf_lead_cut(const W *w, const bc_op *op); /* pdf_gaps.c: op is one of gm.lcut */
/* Whether the op mapped into m is a word said in pieces whose first holds a mark, which pdf.js
   reads without comparing its place (asked by pdf_gaps.c). */
int bc_pdf_opens_marked(const gmap *m);
/* How many glyphs of text s[0, n) as drawn pdf.js compares the place of: 0, 1, or 2 for more
   (m: mapped as a word said in pieces, or NULL). It compares a piece or glyph whose text holds
   no mark, at its start no white space, at its end no format character (evaluator.js
   compareWithLastPosition). */
int bc_pdf_js_compares(const char *s, size_t n, const gmap *m);
/* How many ARABIC LETTER MARKs (U+061C, invisible, right to left to pdf.js) a word said in
   pieces, s[0, n) with sp spaces (0 or 1), needs for pdf.js to read its item right to left:
   30 % of its UTF-16 units R, AL or AN, or any in 4 units or fewer (bidi.js). None for most: a
   short vowelled word with a comma and a stop that carries a space ("رَبِّ،.", 2 of 8 units)
   needs one, which pdf.js then reads between the space and the word; poppler reads the span's
   /ActualText, which has none. More than BC_PDF_MAX_ALMS are never given (pdf_gaps.c). */
size_t bc_pdf_alms_wanted(const char *s, size_t n, int sp);
#define BC_PDF_MAX_ALMS 4
/* What pdf.js reads (shared with pdf_gaps.c): cp as white space (a JavaScript \s),
   as an invisible format character (\p{Cf}), as a mark (\p{Mn}); [p, end) white space alone;
   the text glyph k of op stands for, into buf when it is not op's text as it is. */
int bc_pdf_js_space(uint32_t cp);
int bc_pdf_js_format(uint32_t cp);
int bc_pdf_js_mark(uint32_t cp);
int bc_pdf_rest_blank(const char *p, const char *end);
const char *bc_pdf_glyph_text(const bc_op *op, const gmap *m, int k, char buf[34], size_t *n);
/* The code glyph k of shaped op is drawn with, after bc_pdf_map_glyphs into w->gm. */
uint16_t bc_pdf_glyph_code(W *w, const bc_op *op, const bc_shaped *sh, int k);
/* The code of the blank glyph drawn after glyph k for the rest of its cluster (gmap.ce). */
uint16_t bc_pdf_rest_code(W *w, const bc_op *op, int k);
/* The code of the blank glyph that says piece q of a word (gmap.word). */
uint16_t bc_pdf_piece_code(W *w, const bc_op *op, int q);
bc_status bc_pdf_load_fonts(W *w);

/* pdf_gaps.c: which op says which word space to which reader (its lists in w->gm) */
/* Whether op, a right-to-left word, carries the space drawn before it (the op before it on its
   line, to its right): the glyph it draws last (rightmost) stands for its text and the space,
   so that pdf.js, which ends its text item at every word of such a line, reads the space. */
int bc_pdf_carries_space(const W *w, const bc_op *op);
/* Whether op is the space after an op that carries it: drawn with no glyph. */
int bc_pdf_space_dropped(const W *w, const bc_op *op);
/* Whether op is the space before a word whose first piece has a mark (gmap.sp_quiet): two spaces
   follow it, below the page, so that pdf.js reads two spaces and adds none. */
int bc_pdf_space_quiet(const W *w, const bc_op *op);
int bc_pdf_js_space_before(const W *w, const bc_op *op); /* op is one of gm.jsp */
/* Whether a space is drawn before op for MuPDF, which reads no gap where the pen moves back
   (a cell of a row drawn right to left, starts_cell): 0 no, 1 yes, 2 yes and two
   more below the page for pdf.js, which is to add none before a word it reads on (say_word). */
int bc_pdf_mu_space(const W *w, const bc_op *op);
/* Whether pdf.js is to read a space before op, a left-to-right run after a right-to-left word:
   its first glyph is shown to pdf.js past the line's end (pdf_text.c). */
int bc_pdf_leads_space(const W *w, const bc_op *op);
/* Maps every shaped op's glyphs (bc_pdf_map_glyphs) and marks them used in their fonts, and
   makes w->gm's lists; before the fonts are embedded. */
bc_status bc_pdf_use_shaped_glyphs(W *w, const bc_layout *lay);

/* pdf_joint.c: the blank glyph that crosses the gap before a joined op (bc_op.joined) */
/* Picks each font's (w->joint) and marks it used, standing for nothing (U+2060). */
void bc_pdf_use_joint_glyphs(W *w, const bc_layout *lay);
/* The code to draw the font's joint glyph with, and its width (1/1000 em): 0 when it has none. */
uint16_t bc_pdf_joint_code(const W *w, int font, double *width);

/* pdf_emoji.c: colour emoji as images over invisible text (BC_FONT_EMOJI ops) */
/* Whether poppler reads page ops left to right: as it decides, by counting the page's
   left-to-right letters against its right-to-left ones. */
int bc_pdf_page_reads_ltr(const bc_ops *ops);
typedef struct bc_pdf_emoji bc_pdf_emoji;
/* Gives the characters of emoji op i of a page (shaped into sh, mapped by m) their codes, in
   reading order, and notes how poppler is to read it; then bc_pdf_emoji_font makes the fonts
   that hold them. */
void bc_pdf_emoji_collect(W *w, const bc_ops *ops, int i, const bc_shaped *sh, const gmap *m);
bc_status bc_pdf_emoji_font(W *w);
/* Inside a text object: op's text, invisible; its pictures queued for the page's end (the text
   line matrix is left at op's origin: *tlm_x, *tlm_y). */
void bc_pdf_emoji_text(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, double *tlm_x,
                       double *tlm_y);
/* Outside any text object, at the page's end: the queued pictures, as artifacts. */
void bc_pdf_emoji_flush(W *w, HPDF_Page pg, double H, bc_buf *b);
void bc_pdf_emoji_free(W *w);

#endif
