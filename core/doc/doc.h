/*
** doc.h — the document model: what sections build, before any layout.
**
** Pipeline: brief -> plugins (luahost.c) -> bc_doc (here) -> layout.c -> pdf.c.
** Everything in a bc_doc lives in its arena; bc_doc_free releases it all at once, so a plugin
** that fails half-way through building a section leaks nothing.
*/
#ifndef BC_DOC_H
#define BC_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Inline style bits of a run. */
enum {
    BC_STYLE_BOLD = 1,
    BC_STYLE_ITALIC = 2,
    BC_STYLE_CODE = 4,
    BC_STYLE_SUP = 8,
    BC_STYLE_SUB = 16,  /* ~subscript~ */
    BC_STYLE_SMALL = 32 /* [small caps]{.smallcaps}: a lowercase letter set as a smaller capital */
};

/* What a run stands for, beyond its text. */
enum {
    BC_RUN_TEXT = 0,
    BC_RUN_CITE,      /* [@key...]: text is the citation spec until resolved */
    BC_RUN_XREF,      /* [#label]: "Table 2", resolved after all sections */
    BC_RUN_XREF_PAGE, /* [#label:page]: its page number, resolved after layout */
    BC_RUN_NOTE       /* ^[a footnote]: text is its number (superscript), note its body */
};

typedef struct bc_run {
    const char *text; /* valid UTF-8, not NUL-terminated */
    size_t len;
    unsigned style;         /* BC_STYLE_* bits */
    const char *link;       /* URL, "#name" for a place in the document, or NULL */
    unsigned char kind;     /* BC_RUN_* */
    const char *ref;        /* xrefs: the label; NUL-terminated */
    const char *where;      /* xrefs: "file:line" of the call that wrote it, for errors */
    struct bc_inline *note; /* footnotes: the note's text */
    int note_no;            /* footnotes: its number, 1-based in document order */
    const char *lang;       /* the language of this run's text when it differs from the
                              document's: a BCP 47 tag (syntax checked by doc/lang.h),
                              NUL-terminated, from markup "[text]{lang=ur}"; NULL = the
                              document's language (bc_meta.language). Read by tagged PDF
                              (a Span with /Lang) and meant for shaping and line breaking. */
} bc_run;

typedef struct bc_inline {
    bc_run *runs;
    int n;
} bc_inline;

typedef enum {
    BC_BLOCK_TITLE,
    BC_BLOCK_HEADING,
    BC_BLOCK_PARA,
    BC_BLOCK_LIST,
    BC_BLOCK_TABLE,
    BC_BLOCK_CALLOUT,
    BC_BLOCK_CHART,
    BC_BLOCK_SPACE,
    BC_BLOCK_PAGEBREAK,
    BC_BLOCK_TOC,     /* table of contents */
    BC_BLOCK_BIB,     /* the reference list of cited entries */
    BC_BLOCK_IMAGE,   /* s:image: a PNG or JPEG (image.h) */
    BC_BLOCK_DEFLIST, /* s:definitions: terms and what they mean */
    BC_BLOCK_BACK,    /* s:back_page: contact details at the foot of the last, even page */
    BC_BLOCK_ORIENT   /* s:landscape: what follows in the section on landscape pages */
} bc_block_kind;
/* The name of each kind as plugins know it (the s: call that makes it; briefc test's tables),
   in enum order, NULL-terminated. BC_BLOCK_ORIENT is "landscape" (s:portrait ends it). */
extern const char *const bc_block_kind_names[];

typedef enum {
    BC_PARA_BODY,
    BC_PARA_LEAD,
    BC_PARA_NOTE,
    BC_PARA_QUOTE,       /* a block quote's paragraph */
    BC_PARA_ATTRIBUTION, /* "— who said it", under a block quote */
    BC_PARA_PULL         /* s:pull_quote: a sentence drawn out large between rules */
} bc_para_style;
/* The name a plugin writes for each style (s:paragraph's style =, briefc test's tables), in
   enum order; NULL-terminated, for tables of names. Defined in doc.c, one entry per value. */
extern const char *const bc_para_style_names[];

typedef struct bc_table {
    int ncols, nrows;          /* nrows counts body rows, not the header */
    bc_inline *header;         /* ncols */
    bc_inline *cells;          /* nrows * ncols, row-major */
    char *align;               /* per column: 'l', 'c', 'r' or 'd' (on the decimal point) */
    double *weights;           /* per column relative width, 0 = from content */
    unsigned char *row_strong; /* per row: 1 = emphasised (totals) */
    bc_inline caption;
    bc_inline source;
    int number; /* "Table N" */
    /* Richer tables (all optional: zero/NULL is the plain table above). The grid is the
       nhead header rows above `header`, `header`, then the body rows: g = 0 .. nhead + nrows. */
    int nhead;       /* column-header rows above `header` (multi-level headers) */
    bc_inline *head; /* nhead * ncols, row-major; slots a span covers are empty */
    struct bc_span {
        unsigned char cols, rows;
    } * spans;
    /* (nhead + 1 + nrows) * ncols: a cell's span, {0, 0} where another
                           cell's span covers the slot; NULL: every cell is 1 x 1 */
    unsigned char *row_kind; /* per body row: BC_ROW_*; NULL: all plain */
    char style;              /* 0: the theme's; 'r' ruled (default look), 'b' booktabs */
    unsigned char full;      /* width = "full": the measure even when the content is narrower */
} bc_table;

typedef struct bc_span bc_span;

/* Body row kinds: a group heading (its text in cell 0, across the table) or a subtotal. */
enum { BC_ROW_PLAIN = 0, BC_ROW_GROUP, BC_ROW_SUBTOTAL };

typedef enum {
    BC_CHART_BAR,  /* vertical bars */
    BC_CHART_HBAR, /* horizontal bars */
    BC_CHART_LINE,
    BC_CHART_AREA, /* stacked areas */
    BC_CHART_DONUT,
    BC_CHART_DOT,     /* dot plot: one row per category, a dot per series */
    BC_CHART_MAP,     /* choropleth: categories are regions of geo, one series their values */
    BC_CHART_SCATTER, /* points: categories their labels, values y, more->x their x */
    BC_CHART_RANGE,   /* a bar per category from series 1 to series 2 */
    BC_CHART_DUMBBELL /* two dots per category, series 1 and 2, joined */
} bc_chart_kind;

typedef enum { BC_STACK_NONE, BC_STACK_NORMAL, BC_STACK_PERCENT } bc_chart_stack;
typedef enum { BC_FMT_NUMBER, BC_FMT_MONEY_M, BC_FMT_PERCENT } bc_chart_format_kind;
typedef enum {
    BC_LEGEND_AUTO,
    BC_LEGEND_TOP,
    BC_LEGEND_RIGHT,
    BC_LEGEND_BOTTOM,
    BC_LEGEND_NONE,
    BC_LEGEND_DIRECT /* labels at the ends of lines */
} bc_chart_legend;
/* The names s:chart reads and briefc test prints for kind, format and legend, in enum order,
   each NULL-terminated (bc_api_enum_field's tables). Defined in doc.c, one per value. */
extern const char *const bc_chart_kind_names[];
extern const char *const bc_chart_format_names[];
extern const char *const bc_chart_legend_names[];

typedef struct bc_chart_event {
    double at; /* position on the category axis (category index, fractional) */
    const char *label;
} bc_chart_event;

typedef struct bc_chart_refline {
    double value; /* on the value axis */
    const char *label;
} bc_chart_refline;

typedef struct bc_chart {
    bc_chart_kind kind;
    bc_chart_stack stack; /* bars and areas */
    bc_chart_format_kind format;
    bc_chart_legend legend;
    int markers;      /* lines: a marker at each point */
    int value_labels; /* bars: the value on or beside each bar */
    int decimals;     /* value and reference labels; -1 = what the values need */
    int log;          /* logarithmic value axis */
    int mono;         /* black-and-white print: grays and hatch patterns */
    int ncat, nser;
    const char **categories;  /* ncat labels */
    const char **series;      /* nser names */
    double *values;           /* nser * ncat, series-major; NAN = missing */
    unsigned char *highlight; /* per category: 1 = highlighted */
    const char *x_title, *y_title;
    const char *alt; /* description for screen readers, or NULL: made from the data */
    double aspect;   /* height / width */
    int label_every; /* category label step, 0 = automatic */
    bc_chart_event *events;
    int nevents;
    bc_chart_refline *refs;
    int nrefs;
    bc_inline caption;
    bc_inline source;
    int number;                 /* "Figure N" */
    const struct bc_geo *geo;   /* kind map: the regions (layout/geo.h) */
    struct bc_chart_more *more; /* scatter, right axis, annotations, facets (layout/chart.h) */
} bc_chart;

struct bc_image;

/* An s:image block: its image (layout/image.h decodes and places it) and how to show it. */
typedef struct bc_image_block {
    const struct bc_image *img;
    double width;    /* points; 0: from share */
    double share;    /* of the measure, 0..1; 0 with width 0: the measure, or from height */
    double height;   /* points; 0: from the aspect ratio */
    char fit;        /* width and height both set: 'n' contain (whole image inside the
                                  box), 'v' cover (the box filled, the overflow clipped) */
    char align;      /* 'l', 'c', 'r' */
    int span;        /* two-column body: across both columns */
    int decorative;  /* no alt text: an artifact in a tagged PDF */
    const char *alt; /* alternative text, or NULL when decorative */
    bc_inline caption, source;
    int number; /* "Figure N" when captioned, else 0 */
} bc_image_block;

typedef struct bc_block {
    bc_block_kind kind;
    int section;       /* index into bc_doc.sections, for diagnostics */
    const char *label; /* cross-reference label (headings, tables, charts), or NULL */
    union {
        struct {
            bc_inline title, subtitle, meta;
            struct bc_image_block *logo;
        } title;
        struct {
            int level;
            bc_inline text;
            char number[32];
        } heading;
        struct {
            bc_inline text;
            bc_para_style style;
        } para;
        struct {
            int numbered, n;
            bc_inline *items;
            unsigned char *depth; /* per item, 0 to 2 (nested lists), or NULL: all 0 */
            int *marks;           /* per item: its number (1., a., i. by depth), 0 a bullet,
                                     -1 none (a second paragraph); NULL: from numbered */
        } list;
        struct {
            bc_inline title;
            int n;
            bc_inline *items;
            unsigned char numbered, boxed; /* s:recommendations: 1. 2. … in a ruled box */
        } callout;
        struct {
            int n;
            bc_inline *terms, *defs;
        } deflist;
        struct {
            bc_inline title;
            int n;
            bc_inline *lines;
        } back;
        int landscape; /* BC_BLOCK_ORIENT: 1 landscape pages from here, 0 portrait */
        bc_table *table;
        bc_chart *chart;
        double space; /* points */
        struct {
            bc_inline title;
            int depth;
        } toc;
        struct {
            bc_inline title;
        } bib;
        struct bc_image_block *image;
    } u;
    struct bc_block *next;
} bc_block;

typedef struct bc_doc_section {
    const char *name; /* plugin name */
    const char *file; /* where the section is declared (brief.lua) */
    int line;
    const char *lang; /* section "x" { language = "fr" }: a BCP 47 tag, or NULL (the
                                  brief's); its elements' /Lang and its hyphenation */
} bc_doc_section;

/* A cross-reference target. */
typedef struct bc_label {
    const char *name;
    const char *text; /* "Table 2", "Figure 1", "Section 3.1" */
} bc_label;

struct bc_bib;

typedef struct bc_doc {
    bc_arena *arena;
    bc_label *labels;
    int nlabels, cap_labels;
    int *label_slots; /* hash index of labels: index + 1, 0 for none (cap_slots: 2^k) */
    int cap_slots;
    int page_refs;      /* [#label:page] runs or a table of contents: lay out twice */
    struct bc_bib *bib; /* the brief's bibliography (owned by the host), or NULL */
    const char *lang;   /* the brief's language (bc_meta.language, not owned), or NULL */
    bc_block *first, *last;
    bc_doc_section *sections;
    int nsections, cap_sections;
    int counters[3];               /* heading numbers per level */
    char heading_style;            /* theme.heading_numbers: 0 "1.1", 'n' none, 'r' "I.A.1" */
    const char *const *unnumbered; /* theme.unnumbered: heading texts never numbered */
    int nunnumbered;
    int ntables, nfigures;
    bc_inline **notes; /* footnote bodies by number - 1 */
    int nnotes, cap_notes;
    int page_limit;  /* layout stops past this many pages (limits.pages); 0: none */
    bc_buf *lenient; /* set (--keep-going): unknown labels warn here, shown as ?? */
    size_t charged;  /* bytes already charged to the brief's memory budget (api.c) */
} bc_doc;

bc_doc *bc_doc_new(void);
/* The language of the section being written: its own, else the brief's (NULL: none given);
   what the words briefc writes itself are in (terms.h). */
const char *bc_doc_lang(const bc_doc *d);
/* The terms of that language (terms.h). */
const struct bc_terms *bc_doc_terms(const bc_doc *d);
void bc_doc_free(bc_doc *d);

/* Bytes the document holds (its arena and arrays): what the brief's memory budget is charged
   for the document its plugins built. */
size_t bc_doc_bytes(const bc_doc *d);

/* Starts a new section; blocks added afterwards belong to it. Returns its index. */
int bc_doc_section_begin(bc_doc *d, const char *name, const char *file, int line);

/* Appends a zeroed block of the kind to the current section. */
bc_block *bc_doc_add(bc_doc *d, bc_block_kind kind);

/* Appends a block made elsewhere (markdown.c) to the current section. */
void bc_doc_append(bc_doc *d, bc_block *b);

/* Numbers a heading ("2.1", "II.A", or "" when the theme numbers none) and resets deeper
   counters. level is 1..3. */
void bc_doc_number_heading(bc_doc *d, bc_block *b);

/* Registers a label for b with its reference text. Returns 0 if the name is taken. */
int bc_doc_label(bc_doc *d, bc_block *b, const char *name, const char *text);
bc_label *bc_doc_find_label(bc_doc *d, const char *name);

/* What a cross-reference to heading b reads: "Section 2.1", or its title when unnumbered. */
const char *bc_doc_heading_ref(bc_doc *d, const bc_block *b);

/* Numbers a footnote run (the next number in document order) and records its body. */
void bc_doc_add_note(bc_doc *d, bc_run *run);

/* Calls fn for every inline text of the document (paragraphs, items, cells, captions …),
   each footnote's text right after the text that holds it. */
void bc_doc_each_inline(bc_doc *d, void (*fn)(bc_inline *in, void *ud), void *ud);

/*
** Resolves cross-references: [#label] to the label's text, [#label:page] to its page.
** label_pages gives each label's page by its index in d->labels (1-based, 0 unknown), from
** the last layout's page map; NULL before any layout ("?"). Unknown labels set err with the
** writer's file:line.
*/
bc_status bc_doc_resolve(bc_doc *d, const int *label_pages, bc_error *err);
/*
** As bc_doc_resolve, but an unknown label is shown as "??" with a warning in warnings (once
** per reference), never an error: --keep-going, where the section holding the label may have
** failed. A document with `lenient` set resolves this way whoever calls.
*/
bc_status bc_doc_resolve_lenient(bc_doc *d, const int *label_pages, bc_buf *warnings);

#endif
