/*
** svg_int.h — what the SVG files (svg*.c) share: libxml2 opened on first need, the walk's
** state (S), matrices, paints and styles, and the functions one part defines for the others.
** Included only by layout/svg*.c.
*/
#ifndef BC_SVG_INT_H
#define BC_SVG_INT_H

#include <stdint.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "layout/svg.h"
#include "layout/vec.h"

/*
** libxml2 is opened on the first SVG (base/dl.h), not linked: it brings ICU and libstdc++ into
** every process, and most builds have no SVG. Below the table, the library's names call
** through it.
*/
#define XML_LIBRARY BC_SVG_LIBRARY
#define XML_FUNCS(X)        \
    X(xmlInitParser)        \
    X(xmlNewParserCtxt)     \
    X(xmlCtxtReadMemory)    \
    X(xmlCtxtGetLastError)  \
    X(xmlFreeParserCtxt)    \
    X(xmlDocGetRootElement) \
    X(xmlFreeDoc)           \
    X(xmlGetProp)           \
    X(xmlHasProp)           \
    X(xmlGetNsProp)         \
    X(xmlGetLineNo)         \
    X(xmlNodeGetContent)    \
    X(xmlStrdup)            \
    X(xmlFree)

struct bc_svg_xml {
    int tried;
    void *lib;
    char why[256];
#define X(name) __typeof__(&name) name;
    XML_FUNCS(X)
#undef X
};
extern struct bc_svg_xml bc_svg_xl; /* defined in svg_xml.c */

/* svg_xml.c: opens libxml2 once; 0 with bc_svg_xl.why set when it cannot */
int bc_svg_xml_load(void);

/* The library's names call through the table (but not in svg_xml.c, which fills it). */
#ifndef BC_SVG_XML_LOADER
#define xmlInitParser bc_svg_xl.xmlInitParser
#define xmlNewParserCtxt bc_svg_xl.xmlNewParserCtxt
#define xmlCtxtReadMemory bc_svg_xl.xmlCtxtReadMemory
#define xmlCtxtGetLastError bc_svg_xl.xmlCtxtGetLastError
#define xmlFreeParserCtxt bc_svg_xl.xmlFreeParserCtxt
#define xmlDocGetRootElement bc_svg_xl.xmlDocGetRootElement
#define xmlFreeDoc bc_svg_xl.xmlFreeDoc
#define xmlGetProp bc_svg_xl.xmlGetProp
#define xmlHasProp bc_svg_xl.xmlHasProp
#define xmlGetNsProp bc_svg_xl.xmlGetNsProp
#define xmlGetLineNo bc_svg_xl.xmlGetLineNo
#define xmlNodeGetContent bc_svg_xl.xmlNodeGetContent
#define xmlStrdup bc_svg_xl.xmlStrdup
#define xmlFree (*bc_svg_xl.xmlFree) /* a variable of libxml2's: the slot holds its address */
#endif

#define PI 3.14159265358979323846
#define SQRT2 1.41421356237309504880
#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

typedef struct mat {
    double a, b, c, d, e, f;
} mat; /* x' = a x + c y + e, y' = b x + d y + f */

static const mat ID = {1, 0, 0, 1, 0, 0};

typedef enum { P_NONE, P_COLOR, P_URL, P_CURRENT } pkind;
typedef struct paint {
    pkind kind;
    uint32_t rgb;
    char ref[64];      /* url(#ref) */
    uint32_t fallback; /* a url's fallback colour, NOCOL when none */
} paint;
#define NOCOL 0xFFFFFFFFu

typedef struct style {
    paint fill, stroke;
    uint32_t color;
    double fill_op, stroke_op, opacity; /* opacity: the product down the tree */
    double sw, miter, dash[16], dashoff;
    int ndash, cap, join, evenodd, hidden, none;
    double font_size;                /* px */
    int bold, italic, serif, anchor; /* anchor: 0 start, 1 middle, 2 end */
} style;

typedef struct rule {
    int spec, order;
    char sel_tag[32], sel_class[64], sel_id[64];
    char *decls;
} rule;

typedef struct idnode {
    const char *id;
    xmlNodePtr n;
} idnode;

typedef struct S {
    const char *shown;
    bc_error *err;
    int failed;
    bc_vec_builder vb;
    bc_buf path;               /* the shape being built */
    double bx0, by0, bx1, by1; /* its bounding box (user units, control points included) */
    long segs;
    int drawn, depth, use_depth;
    double vw, vh; /* viewport, CSS px */
    mat base;      /* viewport -> unit square */
    rule *rules;
    int nrules;
    idnode *ids; /* open addressing, cap a power of two */
    size_t idcap;
    char warned[64][24]; /* element names warned about already */
    int nwarned;
} S;

/* svg.c: errors, warnings, matrices, transforms */
int bc_svg_fail(S *s, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int bc_svg_line_of(xmlNodePtr n);
void bc_svg_warn_once(S *s, xmlNodePtr n, const char *what, const char *why);
mat bc_svg_mul(mat p, mat q);
int bc_svg_parse_transform(S *s, xmlNodePtr n, const char *p, mat *out);

/* svg_style.c: numbers, lengths, colours, styles, ids */
const char *bc_svg_skip_ws(const char *p);
const char *bc_svg_skip_sep(const char *p);
const char *bc_svg_number(const char *p, double *v);
int bc_svg_length(const char *p, double pct, double em, double *v);
double bc_svg_attr_len(xmlNodePtr n, const char *name, double pct, double dflt);
int bc_svg_color(const char *p, uint32_t *rgb);
double bc_svg_opacity_val(const char *v);
style bc_svg_resolve(S *s, xmlNodePtr n, const style *parent);
void bc_svg_parse_css(S *s, xmlNodePtr n, const char *css);
int bc_svg_rule_cmp(const void *x, const void *y);
xmlNodePtr bc_svg_next_node(xmlNodePtr n, xmlNodePtr root);
void bc_svg_index_ids(S *s, xmlNodePtr root, int count);
xmlNodePtr bc_svg_by_id(S *s, const char *id);
xmlNodePtr bc_svg_href(S *s, xmlNodePtr n, int *bad);

/* svg_paint.c: paths, painting */
void bc_svg_move_to(S *s, double x, double y);
void bc_svg_line_to(S *s, double x, double y);
void bc_svg_path_data(S *s, xmlNodePtr n, const char *d);
void bc_svg_ellipse_path(S *s, double cx, double cy, double rx, double ry);
void bc_svg_points(S *s, const char *p, int close);
void bc_svg_rect_path(S *s, xmlNodePtr n);
void bc_svg_put_mat(bc_vec_builder *b, mat m);
void bc_svg_paint_shape(S *s, xmlNodePtr n, const style *st, mat ctm, int fillable);

/* svg_textpath.c: the <path> a <textPath> tp refers to, through ctm, as a path record's ASCII
   (vec.h; malloc'd, *nbytes long) and its length in viewport px; NULL (warned) when none */
char *bc_svg_text_path(S *s, xmlNodePtr tp, mat ctm, double *len, size_t *nbytes);

#endif
