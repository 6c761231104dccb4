/*
** theme.h — what a brief says about its look (page, fonts, sizes, colours) and about itself
** (metadata). Filled with defaults by bc_theme_default, then overridden by brief.lua.
**
** Every number here is finite and inside the range brief.c checks it against (num.c) before
** it is stored, so the layout can divide and cast without checking again:
**   page.margins     5 to 60 mm         theme.body_size   6 to 16 pt (headings scale with it)
**   theme.leading    1 to 2.5           theme.columns     1 or 2 (whole)
**   theme.column_gap 2 to 30 mm         page sizes come from bc_theme_paper's names only
*/
#ifndef BC_THEME_H
#define BC_THEME_H

#include <stdint.h>

/* Font slots: family (serif body, sans headings) x bold x italic. */
enum {
    BC_FONT_SERIF = 0,
    BC_FONT_SERIF_B,
    BC_FONT_SERIF_I,
    BC_FONT_SERIF_BI,
    BC_FONT_SANS,
    BC_FONT_SANS_B,
    BC_FONT_SANS_I,
    BC_FONT_SANS_BI,
    BC_FONT_MONO,     /* code: regular only */
    BC_FONT_FALLBACK, /* characters the other fonts lack (DejaVu Sans) */
    /* the fallback chain per script (layout/fontset.h), opened only when text needs them */
    BC_FONT_ARABIC,
    BC_FONT_ARABIC_B, /* Noto Naskh Arabic */
    BC_FONT_URDU,
    BC_FONT_URDU_B, /* Noto Nastaliq Urdu */
    BC_FONT_DEVA,
    BC_FONT_DEVA_B, /* Noto Sans Devanagari */
    BC_FONT_CJK,
    BC_FONT_CJK_B, /* Noto Sans CJK SC, through fontconfig */
    BC_FONT_LATIN, /* 4 styles: Latin for a serif (body) font without it (Noto Serif) */
    BC_FONT_LATIN_SANS = BC_FONT_LATIN + 4, /* 4 styles: … for other fonts (Noto Sans) */
    BC_FONT_SYS = BC_FONT_LATIN_SANS + 4,   /* 2 slots: any font fontconfig finds, last resort */
    BC_FONT_EMOJI = BC_FONT_SYS + 2,        /* colour emoji (Noto Color Emoji), drawn as images */
    BC_FONT_SLOTS = BC_FONT_EMOJI + 1       /* at most 31: parcache keeps the slots used as bits */
};

#define BC_PALETTE_MAX 8

typedef struct bc_theme {
    double page_w, page_h;                         /* points */
    double margin_t, margin_r, margin_b, margin_l; /* points, from 5 to 60 mm */
    char body_font[64];                            /* family file prefix, e.g. "NotoSerif" */
    char heading_font[64];                         /* e.g. "NotoSans" */
    double body_size, leading;                     /* leading as a multiple of size */
    double h_size[3];                              /* heading sizes, levels 1..3 */
    double small_size;                             /* tables, captions, notes */
    double title_size;
    int justify;
    uint32_t text, accent, muted, rule, fill; /* 0xRRGGBB */
    uint32_t palette[BC_PALETTE_MAX];
    int npalette;
    int chart_mono;                     /* charts in grays and hatch patterns */
    int chart_legend;                   /* theme.charts.legend (bc_chart_legend), 0: each chart's */
    char chart_labels;                  /* theme.charts.value_labels: 0 each chart's; 'n' none,
                                              'a' all, 'i' last, 'm' max, 'e' ends, 'h' highlighted */
    int table_zebra;                    /* shade every other table row */
    char table_style;                   /* 0 or 'r': ruled tables; 'b': booktabs rules */
    char heading_numbers;               /* 0: "1.1"; 'n': none; 'r': "I.A.1" */
    int mirror;                         /* even pages swap the left and right margins
                                              (page.margins inner/outer: margin_l is inner) */
    double first_margin_t;              /* the first page's top margin; 0: margin_t */
    int header_first;                   /* the running header on the first page too */
    int columns;                        /* 1, or 2: a two-column body */
    double column_gap;                  /* points between the columns */
    char code_font[64];                 /* e.g. "NotoSansMono" */
    const struct bc_image *header_logo; /* theme.header.logo (layout/image.h), or NULL */
    double header_logo_w;               /* its width, points */
    /* The house style (lua/brief_style.c): running header and footer slots, left, centre,
       right, as templates with {title}, {subtitle}, {date}, {series}, {authors}, {page},
       {pages} (params are filled in when the brief loads); "": nothing. The default: the
       title left, the date right, "{page} / {pages}" in the footer's centre. */
    const char *head[3], *foot[3];
    int footer_first;              /* the footer on the first page (default 1) */
    int header_rule;               /* the hairline under the header (default 1) */
    char caption_pos;              /* 0: captions above; 'b': below */
    int caption_numbers;           /* "Table 1 — " before a caption (default 1) */
    char table_font;               /* 0 or 's': table cells in the body (serif) font;
                                              'h': in the heading (sans) font */
    double table_size;             /* cell size, points; 0: small_size */
    uint32_t table_header_fill;    /* header rows' shading, or BC_THEME_NONE */
    uint32_t table_header_text;    /* header rows' text colour, or BC_THEME_NONE */
    uint32_t heading_colour;       /* headings' colour, or BC_THEME_NONE: accent */
    const char *const *unnumbered; /* heading texts never numbered (theme.unnumbered) */
    int nunnumbered;
    const char *const *nocite; /* keys listed though uncited; "*": all */
    int nnocite;
} bc_theme;

#define BC_THEME_NONE 0xff000000u /* an unset colour (colours are 0xRRGGBB) */

typedef struct bc_meta {
    const char *title, *subtitle, *series, *date, *authors, *keywords, *language, *subject;
    unsigned pdf_standard; /* BC_STD_* bits (pdf_std.h); 0: the default */
} bc_meta;

void bc_theme_default(bc_theme *t);

/* Named paper sizes: "A4", "Letter", "A5". Returns 0 when unknown. */
int bc_theme_paper(const char *name, double *w, double *h);

#endif
