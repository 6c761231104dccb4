/*
** layout_int.h — what the parts of layout share (layout.c lists them): the state of one
** layout run (L), the pieces blocks are cut into, the text style set text is made with, the
** footnote foot the two paginators fill, and the functions the parts call across files
** (prefix bc_lay_). Not for use outside core/layout/.
*/
#ifndef BC_LAYOUT_INT_H
#define BC_LAYOUT_INT_H

#include <stdint.h>

#include "layout/layout.h"
#include "layout/parcache.h"
#include "doc/terms.h"
#include "text/hyph.h"
#include "text/linebreak.h"

typedef struct piece {
    double h, before;        /* height; space wanted above (dropped at the top of a page) */
    int op0, nop;            /* operations in L.pool */
    unsigned char keep_next; /* must sit on the same page as the next piece */
    unsigned char force_break;
    unsigned char span;   /* two-column body: across both columns (title, charts, wide tables) */
    unsigned char back;   /* the back page's block: at the foot of an even page of its own */
    unsigned char land;   /* on a landscape page (s:landscape) */
    int header;           /* piece to repeat at the top of a new page (tables), or -1 */
    int rep_op0, rep_nop; /* a table's header piece: what repeats instead of its own ops */
    double rep_h; /* ("Table 2 — … (continued)" above the header rows), and its height */
    int cont_op0, cont_nop; /* with captions below (one column): "Table 2 — … (continued)" */
    double cont_h;          /* put under the rows of each page the table goes on from */
    int outline_level;      /* > 0 for headings */
    const char *outline_title;
    const char *dest[2]; /* link destinations at the top of this piece */
    int section;         /* the section it belongs to (messages) */
    int para;            /* > 0: the paragraph this line belongs to … */
    short line, nlines;  /* … its index and the paragraph's line count */
} piece;

/* What lasts across the passes of one document (layout.h; made in passes.c). */
struct bc_typesetter {
    struct bc_parcache *cache; /* set text (textcache.c), made on first use */
    char *cache_name;          /* set: the cache is kept on disk under this name */
    struct bc_hyph *hyph;      /* patterns for the document's words, or NULL */
    int hyph_ready;            /* hyph has been looked for */
    int hyph_shared;           /* hyph is the process's full patterns: not freed here */
    int hyph_none;             /* the text has words but its language no patterns (a warning) */
    struct bc_lang_hyph {      /* patterns for the sections in their own language */
        char *lang;
        struct bc_hyph *h;
        int owned; /* made here (else the process's full patterns, or none) */
    } * lang_hyph;
    int nlang_hyph;
};

typedef struct L {
    bc_typesetter *ts;
    const bc_pagemap *pages; /* the previous pass's page map, or NULL */
    const bc_doc *doc;
    const bc_theme *th;
    const bc_meta *meta;
    bc_fontset *fs;
    bc_layout *out;
    bc_arena *a;
    bc_error *err;
    int failed;
    bc_ops pool;
    piece *pieces;
    int np, cap;
    double measure;      /* text width of what is being laid out: the body or a column */
    double full;         /* text width of the page body */
    int section;         /* section of the block being laid out */
    uint32_t warned[64]; /* code points already warned about */
    int nwarned;
    int no_fallback;          /* the fallback font is not installed: do not look again */
    bc_buf key;               /* the paragraph cache key being looked up (reused) */
    int nveto;                /* warnings and missing glyphs so far: text set meanwhile is not
                                kept on disk (a warning is given once, by whoever sets first) */
    bc_hyph *hyph;            /* hyphenation patterns for the brief's language, or NULL */
    const bc_meta *doc_meta;  /* the brief's meta; meta is sec_meta in a section with its own */
    bc_meta sec_meta;         /* language (bc_lay_section_lang) */
    int nheadings;            /* headings laid out so far (their order numbers dests h-N) */
    int nparas;               /* paragraphs laid out (ids for widow and orphan counts) */
    const char *pending_dest; /* a label for the next piece (tables and charts: the caption) */
    struct fline *fl;         /* footnote lines, set once, placed by pagination */
    int nfl;
    int *note_line0; /* per footnote: its first line in fl */
    int *note_nlines;
    unsigned char *note_queued; /* per footnote: already at the foot of a page */
    int se;                     /* structure element of the block being laid out (tags.h) */
    int se_title;               /* the H1 of a contents or references block's title, or 0 */
    int land, land_section; /* laying out for landscape pages, until section land_section ends */
} L;

/* One line of a footnote: ops in L.pool, at x 0 and y from the line's top. */
typedef struct fline {
    int op0, nop;
    double h;
    int note; /* 1-based */
} fline;

typedef struct tstyle {
    int family;     /* BC_FONT_SERIF or BC_FONT_SANS */
    unsigned style; /* base style bits added to each run's */
    double size;
    double leading; /* line height in points */
    uint32_t color;
    int justify;
    char align;    /* 'l', 'c', 'r' when not justified */
    int hyphenate; /* break words at hyphenation points */
} tstyle;

/* {====================================================== typography */

/* The measures more than one part of layout uses, or that say how the page looks as a
   whole: in points, or as a factor of a size. What only one block kind uses (a heading's
   space above it, a callout's padding) stays next to its code in blocks.c and tables.c. */
#define LAY_STRETCH 0.5 /* an interword space may stretch by half its width, */
#define LAY_SHRINK 0.33 /* and shrink by a third */
#define LAY_CJK_STRETCH \
    0.1 /* the gap between two ideographs or kana (no space: CLREQ, JLREQ)
                                  may stretch by a tenth of the text's size, */
#define LAY_CJK_SHRINK \
    0.2                         /* and shrink by a fifth of that; next to full-width punctuation
                                  it does neither */
#define LAY_CJK_LATIN 0.25      /* the gap between an ideograph and Latin, times the size */
#define LAY_FIT 0.01            /* slack allowed when asking whether pieces fit (rounding) */
#define LAY_SANS_LEADING 1.3    /* line height of sans text and footnotes, times its size */
#define LAY_NOTE_SIZE 0.8       /* footnote text, times the body size */
#define FOOT_RULE 9.0           /* space taken by the rule above a page's footnotes; */
#define LAY_FOOT_RULE_SHARE 0.3 /* the rule itself: this share of the page's measure, */
#define LAY_FOOT_RULE_MAX 120   /* and at most this long */
#define LAY_HAIRLINE 0.5        /* rules above footnotes, under the running header, round tables */
#define LAY_RULE_STRONG 0.9     /* a table's top and bottom rules */
#define LAY_RULE_HEAD 0.6       /* the rule under a table's header row */
#define LAY_RULE_ROW 0.4        /* the dotted rule between table rows */
#define LAY_RUNNING_SIZE 7.5    /* the running header and the page numbers */
#define LAY_RUNNING_RAISE 22    /* the running header's baseline, above the top margin */
#define LAY_FOLIO_DROP 30       /* the page number's baseline, below the bottom margin */

/* }====================================================== */

typedef bc_par_line tline; /* a set line: its ops, and its natural width */

/* The foot of the page being filled: footnote lines in order, and lines carried over. */
typedef struct foot {
    int *q, n, cap;
    int *carry, ncarry, capcarry;
    double h; /* height of q with the rule above it; 0 when q is empty */
} foot;

/* layout.c */
void bc_lay_close_piece(L *l, piece *p);
bc_font *bc_lay_font_for(L *l, int slot);
void bc_lay_mark_span(L *l, int from);
piece *bc_lay_new_piece(L *l, double h, double before);
double bc_lay_note_height(const L *l, int n);
void bc_lay_shift_ops(L *l, int op0, int n, double dx, double dy);
void bc_lay_warn(L *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets what the language of section si (bc_doc_section.lang, else the brief's) decides:
   l->meta (shaping, line breaks, spacing) and l->hyph. -1: the brief's. */
void bc_lay_section_lang(L *l, int si);

/* Set text as inline.c builds it and setline.c sets it: a paragraph's words, each of fragments
   of one font, size and bidi level with measured widths. */
typedef struct tfrag {
    const char *text;
    size_t len;
    int font;
    double w;
    const char *link;
    float size;          /* the fragment's font size (superscripts are smaller) */
    float rise;          /* raised above the baseline by this much */
    int note;            /* > 0: this fragment is the marker of that footnote */
    unsigned char level; /* bidi embedding level (0 in a left-to-right paragraph's Latin) */
    unsigned char dir;   /* BC_TEXT_PLAIN, or shaped in that direction (ops.h) */
    unsigned char lig;   /* shaped only for the font's ligatures (plain text otherwise): it may
                            share an op with plain text, which is then shaped as a whole */
    const char *lang;    /* its run's language (bc_run.lang), or NULL */
    float lead, trail;   /* full-width punctuation set half-width (cjkpunct.c): the blank taken
                            off its left (drawn this much left of its place) and its right; w
                            is the width left */
} tfrag;

typedef struct tword {
    int f0, nf; /* fragments */
    double w;
    double space;   /* natural space after the word (0 inside a split word) */
    double hyphen;  /* > 0: a hyphenation point after this piece; the hyphen's width */
    double penalty; /* a line ending after this piece costs this (bc_lb_word.penalty) */
    double glue;    /* > 0: the gap after it lies between two ideographs or kana and may
                        stretch this much (LAY_CJK_STRETCH), and shrink LAY_CJK_SHRINK of it */
    double cjkgap;  /* > 0: the fixed gap after it between an ideograph or kana and a Latin
                       letter or digit with no space in the text (JLREQ 3.2.4, cjkpunct.c) */
    double lead;    /* > 0: starting a line, it is this much narrower (an opening bracket set
                       half-width: its blank half hangs before the line, cjkpunct.c) */
    double tail;    /* > 0: ending a line, it may be this much narrower before the line's gaps
                       shrink (a closing mark's blank half past the measure) */
} tword;

/* What the gap after w may stretch and shrink by in justified text: its word space's share,
   or the inter-character glue of Chinese and Japanese. */
static inline double bc_lay_gap_stretch(const tword *w) { return w->space * LAY_STRETCH + w->glue; }
static inline double bc_lay_gap_shrink(const tword *w)
{
    return w->space * LAY_SHRINK + w->glue * LAY_CJK_SHRINK;
}

typedef struct twords {
    tfrag *f;
    int nf, capf;
    tword *w;
    int nw, capw;
    int rtl;              /* the paragraph is right to left */
    int cjk;              /* it holds a character from U+3000 up (Chinese, Japanese) */
    const bc_inline *par; /* the paragraph, named in warnings */
} twords;

/* inline.c */
double bc_lay_baseline_offset(L *l, const tstyle *st);
/* Width in points of text in f at size, shaped when dir says so (inline.c). */
double bc_lay_text_width(L *l, bc_font *f, const char *s, size_t len, double size, int dir,
                         const char *lang);
/* Whether inline text makes a right-to-left paragraph (inline.c: bidi rules P2, P3, and the
   brief's language for text with no strong letter). */
int bc_lay_text_rtl(L *l, const bc_inline *in);
/* Ideographs and kana, which take inter-character space when justified; and those with
   full-width punctuation, after which a line ends with no space (inline.c). */
int bc_lay_cjk_spaced(uint32_t cp);
int bc_lay_cjk_wide(uint32_t cp);
double bc_lay_decimal_tail(L *l, const bc_inline *in, const tstyle *st);
void bc_lay_measure_inline(L *l, const bc_inline *in, const tstyle *st, double *maxw, double *minw);
int bc_lay_set_text_fresh(L *l, const bc_inline *in, const tstyle *st, double measure,
                          tline **lines);

/* setline.c: one set line of ws as ops in the pool, x from 0 to measure, baseline at baseline */
void bc_lay_emit_line(L *l, const twords *ws, const bc_lb_line *ln, int last, double measure,
                      const tstyle *st, double baseline);

/* langtext.c: break opportunities (malloc'd, one per byte of the runs' text and its end; see
   text/uax14.h), the cost of breaking after text with no space, French spacing (the same
   inline, or a copy in the arena) */
unsigned char *bc_lay_break_opportunities(L *l, const bc_inline *in);
double bc_lay_break_penalty(const char *text, size_t len);
const bc_inline *bc_lay_language_spacing(L *l, const bc_inline *in);
/* One line of a running header or footer, text (NUL-terminated), set as body text is (the
   fallback chain, shaping, bidi order) in family at size and color, appended to pg with its
   start ('l'), end ('r') or middle ('c') at x and its baseline at y. Returns its width.
   (langtext.c) */
double bc_lay_frame_text(L *l, bc_ops *pg, const char *text, int family, double size,
                         uint32_t color, double x, double y, char align);
/* A chart label set as body text (bc_chart_ctx.label, chart.h): u is the L. (langtext.c) */
double bc_lay_chart_label(void *u, bc_ops *ops, const char *s, size_t len, int bold, double size,
                          uint32_t color, double x, double y, double angle);

/* cjkpunct.c: Chinese and Japanese punctuation spacing on a paragraph's words (JLREQ 3.1,
   CLREQ): adjacent full-width punctuation set in 1.5 em, each word's line-start and line-end
   trims, and the quarter em between ideographs and Latin (see cjkpunct.h) */
void bc_lay_cjk_punct(L *l, twords *ws);

/* textcache.c */
int bc_lay_set_text(L *l, const bc_inline *in, const tstyle *st, double measure, tline **lines);
/* Sets ln->above and ln->below: how far its glyphs reach beyond its line box of st->leading
   (0 for lines whose fonts fit; lineheight.c). */
void bc_lay_line_extent(L *l, const tstyle *st, double base, tline *ln);

/* blocks.c */
void bc_lay_block(L *l, const bc_block *b);
tstyle bc_lay_body_style(L *l);
/* "Table 1 — caption": label is the format of the number in the section's language
   (bc_lay_terms(l)->table or ->figure). */
void bc_lay_caption(L *l, const char *label, int number, const bc_inline *caption);
/* The words layout writes itself, in the language of the section being laid out (terms.h). */
const bc_terms *bc_lay_terms(const L *l);
tstyle bc_lay_sans_style(L *l, double size, uint32_t color, unsigned style);
void bc_lay_source(L *l, const bc_inline *source);

/* tables.c */
void bc_lay_table(L *l, const bc_block *b);

/* blocks_more.c */
void bc_lay_back(L *l, const bc_block *b);
void bc_lay_deflist(L *l, const bc_block *b);
void bc_lay_pull(L *l, const bc_block *b);

/* notes.c */
void bc_lay_foot_add_notes(L *l, foot *f, const piece *p);
void bc_lay_foot_draw(L *l, bc_ops *pg, foot *f, double x, double bottom);
void bc_lay_foot_fit(L *l, foot *f, double y, double bottom);
void bc_lay_foot_take_carry(L *l, foot *f, double room);
void bc_lay_notes(L *l);
double bc_lay_notes_needed(L *l, int i, int j);

/* pages.c */
void bc_lay_decorate(L *l);
bc_ops *bc_lay_new_page(L *l);
void bc_lay_paginate(L *l);
void bc_lay_place(L *l, bc_ops *pg, const piece *p, double x, double y);
void bc_lay_place_repeat(L *l, bc_ops *pg, const piece *p, double x, double y);
bc_ops *bc_lay_turn_page(L *l, bc_ops *pg, foot *f, double x, double top, double bottom);

/* breaks.c: the rules both paginators follow at a break */
/* Height of the chain of pieces from i (before above it) that must share its page or column:
   each kept with the next, up to a forced break or, in columns, a spanning piece; *last gets
   the chain's last piece when last is not NULL. */
double bc_lay_chain(const L *l, int i, double before, int in_columns, int *last);
/* Room the given height of new footnotes takes at the foot f: theirs, and the rule when the
   foot is still empty; 0 without notes. */
double bc_lay_foot_extra(const foot *f, double notes);
/* A break between pieces prev (or NULL) and p: an orphan or a widow when it splits a paragraph. */
void bc_lay_count_break(L *l, const piece *prev, const piece *p);
/* Whether piece i belongs to a table whose header repeats above it after a break. */
int bc_lay_has_header(const L *l, int i);
/* What repeats above piece i after a break: its table's header piece, or the caption and
   header rows that piece keeps for repeating (rep_*), as a piece in *view. */
const piece *bc_lay_header_view(const L *l, int i, piece *view);
/* Places the repeated header of piece i's table at (x, y), if it has one; the y below it. */
double bc_lay_repeat_header(L *l, bc_ops *pg, int i, double x, double y);
/* Places piece p across the page at (x, y + before), queues its footnotes at the foot f and
   moves what no longer fits above bottom to the carry-over; the y below the piece. */
double bc_lay_put(L *l, bc_ops *pg, foot *f, const piece *p, double x, double y, double before,
                  double bottom);
/* The end of pagination: the last foot drawn, pages for note lines still carried, f freed. */
void bc_lay_foot_finish(L *l, bc_ops *pg, foot *f, double x, double top, double bottom);

/* columns.c */
void bc_lay_paginate_columns(L *l);

/* passes.c: the page map of a finished pass into l->out->map */
void bc_lay_pagemap(L *l);

#endif
