/*
** svg.c — an SVG file into vector art (see svg.h and vec.h).
**
** The tree libxml2 built is walked once; each drawn shape becomes
**   q <its transform> cm [/Rn gs] <paint> <path> <paint operator> Q
** in the content stream, in user units; one matrix at the start maps the viewport (CSS pixels,
** y down) into the unit square the Form is drawn in. Gradients become shading patterns whose
** matrices take them to that square. Styles are resolved per element: inherited properties from
** the parent, then presentation attributes, <style> rules by specificity and the style
** attribute, as CSS orders them.
*/
#include "layout/svg.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/dl.h"
#include "layout/vec.h"

/*
** libxml2 is opened on the first SVG (base/dl.h), not linked: it brings ICU and libstdc++ into
** every process, and most builds have no SVG. Below the table, the library's names call
** through it.
*/
#define XML_LIBRARY "libxml2.so.2"
#define XML_FUNCS(X)          \
    X(xmlInitParser)          \
    X(xmlNewParserCtxt)       \
    X(xmlCtxtReadMemory)      \
    X(xmlCtxtGetLastError)    \
    X(xmlFreeParserCtxt)      \
    X(xmlDocGetRootElement)   \
    X(xmlFreeDoc)             \
    X(xmlGetProp)             \
    X(xmlHasProp)             \
    X(xmlGetNsProp)           \
    X(xmlGetLineNo)           \
    X(xmlNodeGetContent)      \
    X(xmlStrdup)              \
    X(xmlFree)

static struct {
    int tried;
    void *lib;
    char why[256];
#define X(name) __typeof__(&name) name;
    XML_FUNCS(X)
#undef X
} xl;

static const char *const xml_names[] = {XML_FUNCS(BC_DL_NAME)};
#define XML_SLOT(name) BC_DL_SLOT(xl, name)
static void **const xml_slots[] = {XML_FUNCS(XML_SLOT)};
#undef XML_SLOT

/* Opens libxml2 once; 0 with xl.why set when it cannot. */
static int xml_load(void)
{
    if (!xl.tried) {
        xl.tried = 1;
        xl.lib = bc_dl_open(XML_LIBRARY, xml_names, xml_slots, sizeof xml_names / sizeof *xml_names,
                            xl.why, sizeof xl.why);
    }
    return xl.lib != NULL;
}

#define xmlInitParser xl.xmlInitParser
#define xmlNewParserCtxt xl.xmlNewParserCtxt
#define xmlCtxtReadMemory xl.xmlCtxtReadMemory
#define xmlCtxtGetLastError xl.xmlCtxtGetLastError
#define xmlFreeParserCtxt xl.xmlFreeParserCtxt
#define xmlDocGetRootElement xl.xmlDocGetRootElement
#define xmlFreeDoc xl.xmlFreeDoc
#define xmlGetProp xl.xmlGetProp
#define xmlHasProp xl.xmlHasProp
#define xmlGetNsProp xl.xmlGetNsProp
#define xmlGetLineNo xl.xmlGetLineNo
#define xmlNodeGetContent xl.xmlNodeGetContent
#define xmlStrdup xl.xmlStrdup
#define xmlFree (*xl.xmlFree) /* a variable of libxml2's: the slot holds its address */

#define PI 3.14159265358979323846
#define SQRT2 1.41421356237309504880
#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

typedef struct mat { double a, b, c, d, e, f; } mat; /* x' = a x + c y + e, y' = b x + d y + f */

static const mat ID = {1, 0, 0, 1, 0, 0};

/* p then q */
static mat mul(mat p, mat q)
{
    mat r = {p.a * q.a + p.b * q.c, p.a * q.b + p.b * q.d, p.c * q.a + p.d * q.c,
             p.c * q.b + p.d * q.d, p.e * q.a + p.f * q.c + q.e, p.e * q.b + p.f * q.d + q.f};
    return r;
}

typedef enum { P_NONE, P_COLOR, P_URL, P_CURRENT } pkind;
typedef struct paint {
    pkind kind;
    uint32_t rgb;
    char ref[64];   /* url(#ref) */
    uint32_t fallback; /* a url's fallback colour, NOCOL when none */
} paint;
#define NOCOL 0xFFFFFFFFu

typedef struct style {
    paint fill, stroke;
    uint32_t color;
    double fill_op, stroke_op, opacity; /* opacity: the product down the tree */
    double sw, miter, dash[16], dashoff;
    int ndash, cap, join, evenodd, hidden, none;
    double font_size;                   /* px */
    int bold, italic, serif, anchor;    /* anchor: 0 start, 1 middle, 2 end */
} style;

typedef struct rule { int spec, order; char sel_tag[32], sel_class[64], sel_id[64]; char *decls; } rule;

typedef struct idnode { const char *id; xmlNodePtr n; } idnode;

typedef struct S {
    const char *shown;
    bc_error *err;
    int failed;
    bc_vec_builder vb;
    bc_buf path;        /* the shape being built */
    double bx0, by0, bx1, by1; /* its bounding box (user units, control points included) */
    long segs;
    int drawn, depth, use_depth;
    double vw, vh;      /* viewport, CSS px */
    mat base;           /* viewport -> unit square */
    rule *rules;
    int nrules;
    idnode *ids;        /* open addressing, cap a power of two */
    size_t idcap;
    char warned[64][24]; /* element names warned about already */
    int nwarned;
} S;

static int fail(S *s, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(S *s, int line, const char *fmt, ...)
{
    if (s->failed) return 0;
    char m[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    bc_error_set(s->err, s->shown, line, "%s", m);
    s->failed = 1;
    return 0;
}

static int line_of(xmlNodePtr n) { return n ? (int)xmlGetLineNo(n) : 0; }

static void warn_once(S *s, xmlNodePtr n, const char *what, const char *why)
{
    for (int i = 0; i < s->nwarned; i++)
        if (!strcmp(s->warned[i], what)) return;
    if (s->nwarned < 64) snprintf(s->warned[s->nwarned++], sizeof s->warned[0], "%s", what);
    bc_vec_warn(&s->vb, line_of(n), "%s %s", what, why);
}

/* {====================================================== numbers, lengths, colours */

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

static const char *skip_sep(const char *p)
{
    p = skip_ws(p);
    if (*p == ',') p = skip_ws(p + 1);
    return p;
}

/* An SVG number (no inf, nan or hex, which strtod would take). Returns the end or NULL. */
static const char *number(const char *p, double *v)
{
    const char *q = p;
    char buf[64];
    if (*q == '+' || *q == '-') q++;
    int digits = 0;
    while (isdigit((unsigned char)*q)) q++, digits++;
    if (*q == '.') {
        q++;
        while (isdigit((unsigned char)*q)) q++, digits++;
    }
    if (!digits) return NULL;
    if ((*q == 'e' || *q == 'E') && (isdigit((unsigned char)q[1]) ||
                                     ((q[1] == '+' || q[1] == '-') && isdigit((unsigned char)q[2])))) {
        q += 2;
        while (isdigit((unsigned char)*q)) q++;
    }
    size_t n = (size_t)(q - p);
    if (n >= sizeof buf) return NULL;
    memcpy(buf, p, n);
    buf[n] = 0;
    *v = strtod(buf, NULL);
    if (!isfinite(*v) || fabs(*v) > 1e9) *v = 0;
    return q;
}

/* A length in user units; pct is what 100% means. Returns 0 when not a length. */
static int length(const char *p, double pct, double em, double *v)
{
    if (!p) return 0;
    p = skip_ws(p);
    const char *q = number(p, v);
    if (!q) return 0;
    static const struct { const char *u; double k; } units[] = {
        {"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54},
        {"in", 96}, {"", 1}};
    if (*q == '%') {
        *v *= pct / 100;
        q++;
    } else if (q[0] == 'e' && q[1] == 'm') {
        *v *= em;
        q += 2;
    } else if (q[0] == 'e' && q[1] == 'x') {
        *v *= em / 2;
        q += 2;
    } else {
        for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
            size_t n = strlen(units[i].u);
            if (!strncmp(q, units[i].u, n)) {
                *v *= units[i].k;
                q += n;
                break;
            }
        }
    }
    return *skip_ws(q) == 0;
}

static double attr_len(xmlNodePtr n, const char *name, double pct, double dflt)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    double r = dflt;
    if (v && !length((const char *)v, pct, 16, &r)) r = dflt;
    xmlFree(v);
    return r;
}

static const struct { const char *name; uint32_t rgb; } named[] = {
    {"black", 0x000000}, {"white", 0xFFFFFF}, {"red", 0xFF0000}, {"green", 0x008000},
    {"blue", 0x0000FF}, {"yellow", 0xFFFF00}, {"orange", 0xFFA500}, {"purple", 0x800080},
    {"gray", 0x808080}, {"grey", 0x808080}, {"silver", 0xC0C0C0}, {"maroon", 0x800000},
    {"navy", 0x000080}, {"teal", 0x008080}, {"olive", 0x808000}, {"lime", 0x00FF00},
    {"aqua", 0x00FFFF}, {"cyan", 0x00FFFF}, {"fuchsia", 0xFF00FF}, {"magenta", 0xFF00FF},
    {"pink", 0xFFC0CB}, {"brown", 0xA52A2A}, {"gold", 0xFFD700}, {"darkgreen", 0x006400},
    {"darkblue", 0x00008B}, {"darkred", 0x8B0000}, {"lightgray", 0xD3D3D3},
    {"lightgrey", 0xD3D3D3}, {"darkgray", 0xA9A9A9}, {"darkgrey", 0xA9A9A9},
    {"steelblue", 0x4682B4}, {"skyblue", 0x87CEEB}, {"lightblue", 0xADD8E6},
    {"orangered", 0xFF4500}, {"crimson", 0xDC143C}, {"indigo", 0x4B0082}, {"violet", 0xEE82EE},
    {"tomato", 0xFF6347}, {"coral", 0xFF7F50}, {"salmon", 0xFA8072}, {"khaki", 0xF0E68C},
    {"beige", 0xF5F5DC}, {"ivory", 0xFFFFF0}, {"tan", 0xD2B48C}, {"chocolate", 0xD2691E},
    {"firebrick", 0xB22222}, {"forestgreen", 0x228B22}, {"seagreen", 0x2E8B57},
    {"royalblue", 0x4169E1}, {"slategray", 0x708090}, {"slategrey", 0x708090},
    {"dimgray", 0x696969}, {"dimgrey", 0x696969}, {"whitesmoke", 0xF5F5F5},
    {"gainsboro", 0xDCDCDC}, {"midnightblue", 0x191970}, {"darkorange", 0xFF8C00},
    {"turquoise", 0x40E0D0}, {"lightgreen", 0x90EE90}, {"yellowgreen", 0x9ACD32}};

static int hexv(int c) { return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1; }

/* A colour; 0 when not one (or not one briefc knows). */
static int color(const char *p, uint32_t *rgb)
{
    p = skip_ws(p);
    size_t n = strlen(p);
    while (n && isspace((unsigned char)p[n - 1])) n--;
    if (p[0] == '#') {
        int d[6];
        for (size_t i = 1; i < n; i++)
            if (i > 6 || (d[i - 1] = hexv((unsigned char)p[i])) < 0) return 0;
        if (n == 4) *rgb = (uint32_t)(d[0] * 17 << 16 | d[1] * 17 << 8 | d[2] * 17);
        else if (n == 7) *rgb = (uint32_t)((d[0] * 16 + d[1]) << 16 | (d[2] * 16 + d[3]) << 8 | (d[4] * 16 + d[5]));
        else return 0;
        return 1;
    }
    if (!strncmp(p, "rgb(", 4)) {
        const char *q = p + 4;
        int c[3];
        for (int i = 0; i < 3; i++) {
            double v;
            q = number(skip_sep(q), &v);
            if (!q) return 0;
            if (*q == '%') v = v * 2.55, q++;
            c[i] = (int)lround(fmin(fmax(v, 0), 255));
        }
        if (*skip_ws(q) != ')') return 0;
        *rgb = (uint32_t)(c[0] << 16 | c[1] << 8 | c[2]);
        return 1;
    }
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (strlen(named[i].name) == n && !strncasecmp(p, named[i].name, n)) {
            *rgb = named[i].rgb;
            return 1;
        }
    return 0;
}

/* }====================================================== */

/* {====================================================== styles */

static void set_paint(S *s, xmlNodePtr n, paint *pt, const char *v)
{
    v = skip_ws(v);
    if (!strncmp(v, "none", 4) || !strncmp(v, "transparent", 11)) { pt->kind = P_NONE; return; }
    if (!strncmp(v, "currentColor", 12)) { pt->kind = P_CURRENT; return; }
    if (!strncmp(v, "url(", 4)) {
        const char *q = skip_ws(v + 4);
        if (*q == '\'' || *q == '"') q++;
        if (*q != '#') {
            warn_once(s, n, "url", "to another file is not followed (drawn as none)");
            pt->kind = P_NONE;
            return;
        }
        q++;
        size_t k = strcspn(q, ")'\" ");
        if (k >= sizeof pt->ref) k = sizeof pt->ref - 1;
        memcpy(pt->ref, q, k);
        pt->ref[k] = 0;
        pt->kind = P_URL;
        const char *f = strchr(q, ')');
        pt->fallback = NOCOL;
        uint32_t c;
        if (f && color(f + 1, &c)) pt->fallback = c;
        return;
    }
    uint32_t c;
    if (color(v, &c)) {
        pt->kind = P_COLOR;
        pt->rgb = c;
    } else {
        char w[64];
        snprintf(w, sizeof w, "colour '%.30s'", v);
        warn_once(s, n, w, "is not known to briefc (drawn black)");
        pt->kind = P_COLOR;
        pt->rgb = 0;
    }
}

static double opacity_val(const char *v)
{
    double x;
    const char *q = number(skip_ws(v), &x);
    if (!q) return 1;
    if (*q == '%') x /= 100;
    return fmin(fmax(x, 0), 1);
}

/* One property: name = v (both NUL-terminated, trimmed). */
static void prop(S *s, xmlNodePtr n, style *st, const char *name, const char *v)
{
    double x;
    if (!*v || !strcmp(v, "inherit")) return;
    if (!strcmp(name, "fill")) set_paint(s, n, &st->fill, v);
    else if (!strcmp(name, "stroke")) set_paint(s, n, &st->stroke, v);
    else if (!strcmp(name, "color")) { uint32_t c; if (color(v, &c)) st->color = c; }
    else if (!strcmp(name, "fill-opacity")) st->fill_op = opacity_val(v);
    else if (!strcmp(name, "stroke-opacity")) st->stroke_op = opacity_val(v);
    else if (!strcmp(name, "opacity")) st->opacity = opacity_val(v);
    else if (!strcmp(name, "stroke-width")) { if (length(v, hypot(s->vw, s->vh) / SQRT2, 16, &x) && x >= 0) st->sw = x; }
    else if (!strcmp(name, "stroke-miterlimit")) { if (number(v, &x) && x >= 1) st->miter = x; }
    else if (!strcmp(name, "stroke-linecap")) st->cap = !strcmp(v, "round") ? 1 : !strcmp(v, "square") ? 2 : 0;
    else if (!strcmp(name, "stroke-linejoin")) st->join = !strcmp(v, "round") ? 1 : !strcmp(v, "bevel") ? 2 : 0;
    else if (!strcmp(name, "fill-rule")) st->evenodd = !strcmp(v, "evenodd");
    else if (!strcmp(name, "stroke-dashoffset")) { if (length(v, s->vw, 16, &x)) st->dashoff = x; }
    else if (!strcmp(name, "stroke-dasharray")) {
        st->ndash = 0;
        if (!strcmp(v, "none")) return;
        const char *p = v;
        double sum = 0;
        while (*(p = skip_sep(p)) && st->ndash < 8) {
            const char *q = number(p, &x);
            if (!q || x < 0) { st->ndash = 0; return; }
            if (*q == '%') q++;
            else if (isalpha((unsigned char)*q)) while (isalpha((unsigned char)*q)) q++;
            st->dash[st->ndash++] = x;
            sum += x;
            p = q;
        }
        if (sum <= 0) { st->ndash = 0; return; }
        if (st->ndash % 2) {
            for (int i = 0; i < st->ndash; i++) st->dash[st->ndash + i] = st->dash[i];
            st->ndash *= 2;
        }
    } else if (!strcmp(name, "font-size")) {
        if (length(v, st->font_size, st->font_size, &x) && x > 0 && x < 10000) st->font_size = x;
    } else if (!strcmp(name, "font-weight")) {
        st->bold = !strcmp(v, "bold") || !strcmp(v, "bolder") || (isdigit((unsigned char)v[0]) && atoi(v) >= 600);
    } else if (!strcmp(name, "font-style")) {
        st->italic = !strcmp(v, "italic") || !strcmp(v, "oblique");
    } else if (!strcmp(name, "font-family")) {
        st->serif = (strstr(v, "serif") && !strstr(v, "sans")) || strstr(v, "Times") || strstr(v, "Georgia");
    } else if (!strcmp(name, "text-anchor")) {
        st->anchor = !strcmp(v, "middle") ? 1 : !strcmp(v, "end") ? 2 : 0;
    } else if (!strcmp(name, "display")) st->none = !strcmp(v, "none");
    else if (!strcmp(name, "visibility")) st->hidden = strcmp(v, "visible") != 0;
    else if (!strcmp(name, "clip-path") || !strcmp(name, "mask") || !strcmp(name, "filter")) {
        if (strcmp(v, "none")) {
            char w[48];
            snprintf(w, sizeof w, "%s", name);
            warn_once(s, n, w, "is not supported (the shape is drawn without it)");
        }
    }
}

/* A declaration list "a: b; c: d". */
static void decls(S *s, xmlNodePtr n, style *st, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *end = p + strcspn(p, ";");
        const char *colon = memchr(p, ':', (size_t)(end - p));
        if (colon) {
            char name[48], val[512];
            const char *a = skip_ws(p), *b = colon;
            while (b > a && isspace((unsigned char)b[-1])) b--;
            const char *c = skip_ws(colon + 1), *d = end;
            while (d > c && isspace((unsigned char)d[-1])) d--;
            if (b - a > 0 && (size_t)(b - a) < sizeof name && (size_t)(d - c) < sizeof val) {
                memcpy(name, a, (size_t)(b - a));
                name[b - a] = 0;
                memcpy(val, c, (size_t)(d - c));
                val[d - c] = 0;
                char *imp = strstr(val, "!important");
                if (imp) {
                    *imp = 0;
                    for (size_t k = strlen(val); k && isspace((unsigned char)val[k - 1]); k--) val[k - 1] = 0;
                }
                for (char *q = name; *q; q++) *q = (char)tolower((unsigned char)*q);
                prop(s, n, st, name, val);
            }
        }
        p = *end ? end + 1 : end;
    }
}

static const char *const presentation[] = {
    "fill", "stroke", "color", "fill-opacity", "stroke-opacity", "opacity", "stroke-width",
    "stroke-miterlimit", "stroke-linecap", "stroke-linejoin", "fill-rule", "stroke-dashoffset",
    "stroke-dasharray", "display", "visibility", "clip-path", "mask", "filter", "font-size",
    "font-weight", "font-style", "font-family", "text-anchor", NULL};

static int has_class(const char *classes, const char *c)
{
    size_t n = strlen(c);
    for (const char *p = classes; p && *p;) {
        p = skip_ws(p);
        size_t k = strcspn(p, " \t\n\r");
        if (k == n && !strncmp(p, c, n)) return 1;
        p += k;
    }
    return 0;
}

static int rule_cmp(const void *x, const void *y)
{
    const rule *a = x, *b = y;
    return a->spec != b->spec ? a->spec - b->spec : a->order - b->order;
}

/* The element's own style, from its parent's. */
static style resolve(S *s, xmlNodePtr n, const style *parent)
{
    style st = *parent;
    st.none = 0;
    double inherited_op = parent->opacity;
    st.opacity = 1;
    for (int i = 0; presentation[i]; i++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)presentation[i]);
        if (v) {
            char buf[512];
            snprintf(buf, sizeof buf, "%s", (const char *)v);
            prop(s, n, &st, presentation[i], buf);
            xmlFree(v);
        }
    }
    if (s->nrules) {
        xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class"), *id = xmlGetProp(n, (const xmlChar *)"id");
        for (int i = 0; i < s->nrules; i++) {
            const rule *r = &s->rules[i];
            if (r->sel_tag[0] && strcmp(r->sel_tag, "*") && strcmp(r->sel_tag, (const char *)n->name)) continue;
            if (r->sel_class[0] && !has_class((const char *)cls, r->sel_class)) continue;
            if (r->sel_id[0] && (!id || strcmp(r->sel_id, (const char *)id))) continue;
            decls(s, n, &st, r->decls);
        }
        xmlFree(cls);
        xmlFree(id);
    }
    xmlChar *sa = xmlGetProp(n, (const xmlChar *)"style");
    if (sa) {
        decls(s, n, &st, (const char *)sa);
        xmlFree(sa);
    }
    st.opacity *= inherited_op;
    return st;
}

/* The rules of a <style> element: simple selectors only; others warned about and skipped. */
static void parse_css(S *s, xmlNodePtr n, const char *css)
{
    char *t = bc_xmalloc(strlen(css) + 1), *o = t;
    for (const char *p = css; *p;) { /* comments out */
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else {
            *o++ = *p++;
        }
    }
    *o = 0;
    char *p = t;
    while (*(p = (char *)skip_ws(p))) {
        char *open = strchr(p, '{');
        if (!open) break;
        char *close = strchr(open, '}');
        if (!close) break;
        *open = *close = 0;
        if (*p == '@') {
            warn_once(s, n, "CSS @-rule", "is not supported (skipped)");
            p = close + 1;
            continue;
        }
        char *save = NULL;
        for (char *sel = strtok_r(p, ",", &save); sel; sel = strtok_r(NULL, ",", &save)) {
            while (isspace((unsigned char)*sel)) sel++;
            size_t k = strlen(sel);
            while (k && isspace((unsigned char)sel[k - 1])) sel[--k] = 0;
            rule r;
            memset(&r, 0, sizeof r);
            const char *q = sel;
            size_t tl = strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ*");
            int ok = tl < sizeof r.sel_tag;
            if (ok && tl) { memcpy(r.sel_tag, q, tl); r.spec += 1; }
            q += tl;
            if (ok && (*q == '.' || *q == '#')) {
                char kind = *q++;
                size_t nl = strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
                ok = nl > 0 && nl < 64;
                if (ok) {
                    memcpy(kind == '.' ? r.sel_class : r.sel_id, q, nl);
                    r.spec += kind == '.' ? 10 : 100;
                }
                q += nl;
            }
            if (!ok || *q || (!tl && !r.spec)) {
                char w[64];
                snprintf(w, sizeof w, "CSS selector '%.30s'", sel);
                warn_once(s, n, w, "is not supported (its rule is skipped)");
                continue;
            }
            if (s->nrules >= 1000) break;
            r.order = s->nrules;
            r.decls = bc_xmalloc(strlen(open + 1) + 1);
            strcpy(r.decls, open + 1);
            s->rules = bc_xrealloc(s->rules, (size_t)(s->nrules + 1) * sizeof *s->rules);
            s->rules[s->nrules++] = r;
        }
        p = close + 1;
    }
    free(t);
}

/* }====================================================== */

/* {====================================================== ids */

static size_t hstr(const char *p)
{
    size_t h = 5381;
    while (*p) h = h * 33 + (unsigned char)*p++;
    return h;
}

static void index_ids(S *s, xmlNodePtr root, int count)
{
    s->idcap = 16;
    while (s->idcap < (size_t)count * 2) s->idcap *= 2;
    s->ids = bc_xcalloc(s->idcap, sizeof *s->ids);
    for (xmlNodePtr n = root; n;) {
        if (n->type == XML_ELEMENT_NODE) {
            xmlAttrPtr at = xmlHasProp(n, (const xmlChar *)"id");
            if (at && at->children && at->children->content) {
                const char *id = (const char *)at->children->content;
                size_t i = hstr(id) & (s->idcap - 1);
                while (s->ids[i].id && strcmp(s->ids[i].id, id)) i = (i + 1) & (s->idcap - 1);
                if (!s->ids[i].id) s->ids[i].id = id, s->ids[i].n = n; /* the first wins */
            }
        }
        if (n->children && n->type == XML_ELEMENT_NODE) { n = n->children; continue; }
        while (n && !n->next) { n = n->parent; if (n == root || !n) { n = NULL; break; } }
        if (n) n = n->next;
    }
}

static xmlNodePtr by_id(S *s, const char *id)
{
    if (!s->ids || !id || !*id) return NULL;
    size_t i = hstr(id) & (s->idcap - 1);
    while (s->ids[i].id) {
        if (!strcmp(s->ids[i].id, id)) return s->ids[i].n;
        i = (i + 1) & (s->idcap - 1);
    }
    return NULL;
}

/* An href (SVG 2's href or xlink:href) to "#id" in this file; NULL when none, an error when it
   points elsewhere. */
static xmlNodePtr href(S *s, xmlNodePtr n, int *bad)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"href");
    if (!v) v = xmlGetNsProp(n, (const xmlChar *)"href", (const xmlChar *)XLINK_NS);
    *bad = 0;
    if (!v) return NULL;
    xmlNodePtr t = NULL;
    const char *p = skip_ws((const char *)v);
    if (*p != '#') {
        *bad = 1;
        fail(s, line_of(n), "svg '%s': <%s> refers to '%.60s' outside the file; briefc draws only "
             "what the file holds (use href=\"#id\")", s->shown, (const char *)n->name, p);
    } else {
        t = by_id(s, p + 1);
    }
    xmlFree(v);
    return t;
}

/* }====================================================== */

/* {====================================================== paths */

static void bbox_add(S *s, double x, double y)
{
    if (x < s->bx0) s->bx0 = x;
    if (y < s->by0) s->by0 = y;
    if (x > s->bx1) s->bx1 = x;
    if (y > s->by1) s->by1 = y;
}

static void pnum(S *s, double v)
{
    bc_buf tmp = s->vb.content; /* bc_vec_num writes to the builder's content: borrow it */
    s->vb.content = s->path;
    bc_vec_num(&s->vb, v);
    s->path = s->vb.content;
    s->vb.content = tmp;
}

static void op_pt(S *s, double x, double y)
{
    pnum(s, x);
    pnum(s, y);
    bbox_add(s, x, y);
}

static void move_to(S *s, double x, double y) { op_pt(s, x, y); bc_buf_adds(&s->path, "m\n"); s->segs++; }
static void line_to(S *s, double x, double y) { op_pt(s, x, y); bc_buf_adds(&s->path, "l\n"); s->segs++; }
static void curve_to(S *s, double x1, double y1, double x2, double y2, double x, double y)
{
    op_pt(s, x1, y1);
    op_pt(s, x2, y2);
    op_pt(s, x, y);
    bc_buf_adds(&s->path, "c\n");
    s->segs++;
}
static void close_path(S *s) { bc_buf_adds(&s->path, "h\n"); }

/* An elliptical arc from (x0, y0) to (x, y), SVG's endpoint form, as up to four cubics. */
static void arc_to(S *s, double x0, double y0, double rx, double ry, double phi_deg, int large,
                   int sweep, double x, double y)
{
    if (x0 == x && y0 == y) return;
    rx = fabs(rx), ry = fabs(ry);
    if (rx == 0 || ry == 0) { line_to(s, x, y); return; }
    double phi = phi_deg * PI / 180, cp = cos(phi), sp = sin(phi);
    double dx = (x0 - x) / 2, dy = (y0 - y) / 2;
    double x1 = cp * dx + sp * dy, y1 = -sp * dx + cp * dy;
    double lam = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry);
    if (lam > 1) rx *= sqrt(lam), ry *= sqrt(lam);
    double num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
    double den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
    double co = den > 0 && num > 0 ? sqrt(num / den) : 0;
    if (large == sweep) co = -co;
    double cx1 = co * rx * y1 / ry, cy1 = -co * ry * x1 / rx;
    double cx = cp * cx1 - sp * cy1 + (x0 + x) / 2, cy = sp * cx1 + cp * cy1 + (y0 + y) / 2;
    double t1 = atan2((y1 - cy1) / ry, (x1 - cx1) / rx);
    double t2 = atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx);
    double dt = t2 - t1;
    if (sweep && dt < 0) dt += 2 * PI;
    if (!sweep && dt > 0) dt -= 2 * PI;
    int nseg = (int)ceil(fabs(dt) / (PI / 2) - 1e-9);
    if (nseg < 1) nseg = 1;
    if (nseg > 4) nseg = 4;
    double step = dt / nseg, k = 4.0 / 3 * tan(step / 4);
    for (int i = 0; i < nseg; i++) {
        double a = t1 + i * step, b = a + step;
        double ca = cos(a), sa = sin(a), cb = cos(b), sb = sin(b);
        double p1x = ca - k * sa, p1y = sa + k * ca, p2x = cb + k * sb, p2y = sb - k * cb;
#define TX(u, v) (cp * rx * (u) - sp * ry * (v) + cx)
#define TY(u, v) (sp * rx * (u) + cp * ry * (v) + cy)
        double ex = i == nseg - 1 ? x : TX(cb, sb), ey = i == nseg - 1 ? y : TY(cb, sb);
        curve_to(s, TX(p1x, p1y), TY(p1x, p1y), TX(p2x, p2y), TY(p2x, p2y), ex, ey);
#undef TX
#undef TY
    }
}

/* Path data into s->path. A syntax error ends the path there, as SVG says (with a warning). */
static void path_data(S *s, xmlNodePtr n, const char *d)
{
    double cx = 0, cy = 0, sx = 0, sy = 0, qx = 0, qy = 0, c2x = 0, c2y = 0;
    char cmd = 0, prev = 0;
    int have = 0;
    const char *p = skip_ws(d);
    while (*p) {
        if (isalpha((unsigned char)*p)) {
            cmd = *p++;
            if (!have && cmd != 'M' && cmd != 'm') break;
        } else if (!cmd || cmd == 'z' || cmd == 'Z') {
            break;
        } else if (cmd == 'M') {
            cmd = 'L';
        } else if (cmd == 'm') {
            cmd = 'l';
        }
        int rel = islower((unsigned char)cmd);
        double ox = rel ? cx : 0, oy = rel ? cy : 0, v[7];
        int need;
        switch (tolower((unsigned char)cmd)) {
        case 'm': case 'l': case 't': need = 2; break;
        case 'h': case 'v': need = 1; break;
        case 'c': need = 6; break;
        case 's': case 'q': need = 4; break;
        case 'a': need = 7; break;
        case 'z': need = 0; break;
        default:
            warn_once(s, n, "path command", "is not SVG (the path ends there)");
            return;
        }
        int got = 0;
        for (; got < need; got++) {
            p = skip_sep(p);
            if (tolower((unsigned char)cmd) == 'a' && (got == 3 || got == 4)) {
                if (*p != '0' && *p != '1') break;
                v[got] = *p++ - '0';
                continue;
            }
            const char *q = number(p, &v[got]);
            if (!q) break;
            p = q;
        }
        if (got < need) {
            if (*skip_ws(p)) warn_once(s, n, "path data", "has an error (the path ends there)");
            break;
        }
        if (s->segs > BC_SVG_MAX_SEGMENTS) {
            fail(s, line_of(n), "svg '%s': more than %ld path segments; simplify the drawing",
                 s->shown, BC_SVG_MAX_SEGMENTS);
            return;
        }
        char lc = (char)tolower((unsigned char)cmd);
        switch (lc) {
        case 'm':
            cx = sx = ox + v[0], cy = sy = oy + v[1];
            move_to(s, cx, cy);
            have = 1;
            break;
        case 'l': cx = ox + v[0], cy = oy + v[1]; line_to(s, cx, cy); break;
        case 'h': cx = ox + v[0]; line_to(s, cx, cy); break;
        case 'v': cy = (rel ? cy : 0) + v[0]; line_to(s, cx, cy); break;
        case 'c':
            curve_to(s, ox + v[0], oy + v[1], ox + v[2], oy + v[3], ox + v[4], oy + v[5]);
            c2x = ox + v[2], c2y = oy + v[3], cx = ox + v[4], cy = oy + v[5];
            break;
        case 's': {
            double x1 = cx, y1 = cy;
            if (prev == 'c' || prev == 's') x1 = 2 * cx - c2x, y1 = 2 * cy - c2y;
            curve_to(s, x1, y1, ox + v[0], oy + v[1], ox + v[2], oy + v[3]);
            c2x = ox + v[0], c2y = oy + v[1], cx = ox + v[2], cy = oy + v[3];
            break;
        }
        case 'q': case 't': {
            double x1, y1, x, y;
            if (lc == 'q') x1 = ox + v[0], y1 = oy + v[1], x = ox + v[2], y = oy + v[3];
            else {
                x1 = cx, y1 = cy;
                if (prev == 'q' || prev == 't') x1 = 2 * cx - qx, y1 = 2 * cy - qy;
                x = ox + v[0], y = oy + v[1];
            }
            curve_to(s, cx + 2.0 / 3 * (x1 - cx), cy + 2.0 / 3 * (y1 - cy), x + 2.0 / 3 * (x1 - x),
                     y + 2.0 / 3 * (y1 - y), x, y);
            qx = x1, qy = y1, cx = x, cy = y;
            break;
        }
        case 'a':
            arc_to(s, cx, cy, v[0], v[1], v[2], v[3] != 0, v[4] != 0, ox + v[5], oy + v[6]);
            cx = ox + v[5], cy = oy + v[6];
            break;
        case 'z':
            close_path(s);
            cx = sx, cy = sy;
            break;
        }
        prev = lc;
        p = skip_sep(p);
    }
}

static void ellipse_path(S *s, double cx, double cy, double rx, double ry)
{
    const double k = 0.5522847498;
    move_to(s, cx + rx, cy);
    curve_to(s, cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry);
    curve_to(s, cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy);
    curve_to(s, cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry);
    curve_to(s, cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy);
    close_path(s);
}

static void points(S *s, const char *p, int close)
{
    double x, y;
    int first = 1;
    for (;;) {
        const char *q = number(skip_sep(p), &x);
        if (!q) break;
        q = number(skip_sep(q), &y);
        if (!q) break;
        if (first) move_to(s, x, y);
        else line_to(s, x, y);
        first = 0;
        p = q;
        if (s->segs > BC_SVG_MAX_SEGMENTS) return;
    }
    if (close && !first) close_path(s);
}

/* }====================================================== */

/* {====================================================== painting */

static void put_mat(bc_vec_builder *b, mat m)
{
    bc_vec_num(b, m.a); bc_vec_num(b, m.b); bc_vec_num(b, m.c);
    bc_vec_num(b, m.d); bc_vec_num(b, m.e); bc_vec_num(b, m.f);
}

static void put_rgb(bc_vec_builder *b, uint32_t c, const char *op)
{
    bc_vec_num(b, (c >> 16 & 255) / 255.0);
    bc_vec_num(b, (c >> 8 & 255) / 255.0);
    bc_vec_num(b, (c & 255) / 255.0);
    bc_buf_adds(&b->content, op);
}

static double gattr(S *s, xmlNodePtr chain[], int nchain, const char *name, double pct, int bbox,
                    double dflt)
{
    for (int i = 0; i < nchain; i++) {
        xmlChar *v = xmlGetProp(chain[i], (const xmlChar *)name);
        if (!v) continue;
        double r = dflt;
        const char *p = skip_ws((const char *)v);
        if (bbox) { /* fractions, or percentages of the box */
            const char *q = number(p, &r);
            if (q && *q == '%') r /= 100;
            if (!q) r = dflt;
        } else if (!length(p, pct, 16, &r)) {
            r = dflt;
        }
        xmlFree(v);
        return r;
    }
    (void)s;
    return dflt;
}

static xmlChar *gprop(xmlNodePtr chain[], int nchain, const char *name)
{
    for (int i = 0; i < nchain; i++) {
        xmlChar *v = xmlGetProp(chain[i], (const xmlChar *)name);
        if (v) return v;
    }
    return NULL;
}

static int parse_transform(S *s, xmlNodePtr n, const char *p, mat *out);

/* A stop's colour and opacity: attributes, then its style attribute. */
static void stop_style(S *s, xmlNodePtr st, uint32_t *rgb, double *op)
{
    style tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.opacity = 1;
    *rgb = 0, *op = 1;
    const char *names[2] = {"stop-color", "stop-opacity"};
    char decl[600] = "";
    for (int i = 0; i < 2; i++) {
        xmlChar *v = xmlGetProp(st, (const xmlChar *)names[i]);
        if (v) {
            size_t l = strlen(decl);
            snprintf(decl + l, sizeof decl - l, "%s:%.200s;", names[i], (const char *)v);
            xmlFree(v);
        }
    }
    xmlChar *sa = xmlGetProp(st, (const xmlChar *)"style");
    if (sa) {
        size_t l = strlen(decl);
        snprintf(decl + l, sizeof decl - l, "%.400s", (const char *)sa);
        xmlFree(sa);
    }
    for (char *p = decl; *p;) {
        char *end = p + strcspn(p, ";");
        char *colon = memchr(p, ':', (size_t)(end - p));
        char save = *end;
        *end = 0;
        if (colon) {
            *colon = 0;
            const char *k = skip_ws(p), *v = skip_ws(colon + 1);
            if (!strncmp(k, "stop-color", 10)) {
                uint32_t c;
                if (color(v, &c)) *rgb = c;
            } else if (!strncmp(k, "stop-opacity", 12)) {
                *op = opacity_val(v);
            }
        }
        *end = save;
        p = *end ? end + 1 : end;
    }
    (void)s;
}

/* Sets up a gradient paint (fill when !stroke) for a shape whose bbox is in s. Returns the
   solid colour to use instead when the gradient reduces to one (or NOCOL when nothing is to be
   painted), or 0x1000000 when the pattern was set. */
static uint32_t gradient(S *s, xmlNodePtr shape, const paint *pt, mat ctm, int stroke)
{
    xmlNodePtr g = by_id(s, pt->ref);
    if (!g || g->type != XML_ELEMENT_NODE ||
        (strcmp((const char *)g->name, "linearGradient") && strcmp((const char *)g->name, "radialGradient"))) {
        if (g && !strcmp((const char *)g->name, "pattern"))
            warn_once(s, shape, "<pattern> paint", "is not supported (the fallback colour or none is used)");
        return pt->fallback;
    }
    int radial = g->name[0] == 'r';
    xmlNodePtr chain[8];
    int nchain = 0;
    for (xmlNodePtr c = g; c && nchain < 8;) {
        int dup = 0;
        for (int i = 0; i < nchain; i++) dup |= chain[i] == c;
        if (dup) break;
        chain[nchain++] = c;
        int bad;
        c = href(s, c, &bad);
        if (bad) return NOCOL;
    }
    bc_vres r;
    memset(&r, 0, sizeof r);
    r.kind = radial ? BC_VRES_RADIAL : BC_VRES_AXIAL;
    for (int i = 0; i < nchain && !r.nstops; i++) {
        double last = 0;
        for (xmlNodePtr st = chain[i]->children; st; st = st->next) {
            if (st->type != XML_ELEMENT_NODE || strcmp((const char *)st->name, "stop")) continue;
            if (r.nstops == BC_VEC_STOPS - 2) {
                warn_once(s, st, "gradient", "has more than 14 stops (the rest are left out)");
                break;
            }
            double off = gattr(s, &st, 1, "offset", 1, 1, 0), op;
            off = fmax(fmin(off, 1), last);
            last = off;
            uint32_t rgb;
            stop_style(s, st, &rgb, &op);
            if (op < 1) warn_once(s, st, "stop-opacity", "is not supported (the stop is drawn opaque)");
            r.off[r.nstops] = (float)off;
            r.rgb[r.nstops++] = rgb;
        }
    }
    if (!r.nstops) return NOCOL;
    if (r.nstops == 1) return r.rgb[0];
    if (r.off[0] > 0) { /* first stop at 0, last at 1 */
        memmove(r.off + 1, r.off, r.nstops * sizeof *r.off);
        memmove(r.rgb + 1, r.rgb, r.nstops * sizeof *r.rgb);
        r.off[0] = 0;
        r.nstops++;
    }
    if (r.off[r.nstops - 1] < 1) {
        r.off[r.nstops] = 1;
        r.rgb[r.nstops] = r.rgb[r.nstops - 1];
        r.nstops++;
    }
    xmlChar *units = gprop(chain, nchain, "gradientUnits");
    int bbox = !units || strcmp((const char *)units, "userSpaceOnUse");
    xmlFree(units);
    xmlChar *spread = gprop(chain, nchain, "spreadMethod");
    if (spread && strcmp((const char *)spread, "pad"))
        warn_once(s, g, "spreadMethod", "other than pad is not supported (drawn as pad)");
    xmlFree(spread);
    mat gm = ID;
    xmlChar *gt = gprop(chain, nchain, "gradientTransform");
    if (gt) {
        parse_transform(s, g, (const char *)gt, &gm);
        xmlFree(gt);
    }
    if (bbox) {
        double w = s->bx1 - s->bx0, h = s->by1 - s->by0;
        if (!(w > 0 && h > 0)) return NOCOL;
        mat bm = {w, 0, 0, h, s->bx0, s->by0};
        gm = mul(gm, bm);
    }
    double pw = bbox ? 1 : s->vw, ph = bbox ? 1 : s->vh, pd = bbox ? 1 : hypot(s->vw, s->vh) / SQRT2;
    if (radial) {
        double cx = gattr(s, chain, nchain, "cx", pw, bbox, 0.5 * pw);
        double cy = gattr(s, chain, nchain, "cy", ph, bbox, 0.5 * ph);
        double rr = gattr(s, chain, nchain, "r", pd, bbox, 0.5 * pd);
        double fx = gattr(s, chain, nchain, "fx", pw, bbox, cx);
        double fy = gattr(s, chain, nchain, "fy", ph, bbox, cy);
        if (rr <= 0) return r.rgb[r.nstops - 1];
        float c[6] = {(float)fx, (float)fy, 0, (float)cx, (float)cy, (float)rr};
        memcpy(r.c, c, sizeof c);
    } else {
        float c[6] = {(float)gattr(s, chain, nchain, "x1", pw, bbox, 0),
                      (float)gattr(s, chain, nchain, "y1", ph, bbox, 0),
                      (float)gattr(s, chain, nchain, "x2", pw, bbox, pw),
                      (float)gattr(s, chain, nchain, "y2", ph, bbox, 0), 0, 0};
        memcpy(r.c, c, sizeof c);
    }
    mat pm = mul(mul(gm, ctm), s->base);
    float m[6] = {(float)pm.a, (float)pm.b, (float)pm.c, (float)pm.d, (float)pm.e, (float)pm.f};
    memcpy(r.m, m, sizeof m);
    int idx = bc_vec_shading(&s->vb, &r);
    if (idx < 0) return r.rgb[0];
    bc_buf_printf(&s->vb.content, stroke ? "/Pattern CS /R%d SCN\n" : "/Pattern cs /R%d scn\n", idx);
    return 0x1000000;
}

/* Paints s->path with st under ctm. */
static void paint_shape(S *s, xmlNodePtr n, const style *st, mat ctm, int fillable)
{
    if (!s->path.len || st->hidden) goto done;
    paint fp = st->fill, sp = st->stroke;
    if (fp.kind == P_CURRENT) fp.kind = P_COLOR, fp.rgb = st->color;
    if (sp.kind == P_CURRENT) sp.kind = P_COLOR, sp.rgb = st->color;
    int fill = fillable && fp.kind != P_NONE && st->fill_op * st->opacity > 0;
    int stroke = sp.kind != P_NONE && st->sw > 0 && st->stroke_op * st->opacity > 0;
    if (!fill && !stroke) goto done;
    bc_vec_builder *b = &s->vb;
    bc_buf_adds(&b->content, "q ");
    put_mat(b, ctm);
    bc_buf_adds(&b->content, "cm\n");
    double fa = st->fill_op * st->opacity, sa = st->stroke_op * st->opacity;
    if ((fill && fa < 1) || (stroke && sa < 1)) {
        int g = bc_vec_alpha(b, fill ? fa : 1, stroke ? sa : 1);
        if (g >= 0) bc_buf_printf(&b->content, "/R%d gs\n", g);
    }
    if (fill) {
        uint32_t c = fp.kind == P_URL ? gradient(s, n, &fp, ctm, 0) : fp.rgb;
        if (c == NOCOL) fill = 0;
        else if (c != 0x1000000) put_rgb(b, c, "rg\n");
    }
    if (stroke) {
        uint32_t c = sp.kind == P_URL ? gradient(s, n, &sp, ctm, 1) : sp.rgb;
        if (c == NOCOL) stroke = 0;
        else if (c != 0x1000000) put_rgb(b, c, "RG\n");
        bc_vec_num(b, st->sw);
        bc_buf_printf(&b->content, "w %d J %d j ", st->cap, st->join);
        bc_vec_num(b, st->miter);
        bc_buf_adds(&b->content, "M [");
        for (int i = 0; i < st->ndash; i++) bc_vec_num(b, st->dash[i]);
        bc_buf_adds(&b->content, "] ");
        bc_vec_num(b, st->ndash ? st->dashoff : 0);
        bc_buf_adds(&b->content, "d\n");
    }
    bc_buf_add(&b->content, s->path.data, s->path.len);
    const char *op = fill && stroke ? (st->evenodd ? "B*" : "B") : fill ? (st->evenodd ? "f*" : "f") : stroke ? "S" : "n";
    bc_buf_printf(&b->content, "%s Q\n", op);
    if (b->content.len > ((size_t)64 << 20))
        fail(s, line_of(n), "svg '%s': the drawing is over 64 MB of PDF operators; simplify it", s->shown);
done:
    s->path.len = 0;
}

/* }====================================================== */

/* {====================================================== the tree */

static int parse_transform(S *s, xmlNodePtr n, const char *p, mat *out)
{
    mat m = ID;
    p = skip_ws(p);
    while (*p) {
        size_t k = strcspn(p, "( \t\n\r");
        char name[16];
        if (k == 0 || k >= sizeof name) break;
        memcpy(name, p, k);
        name[k] = 0;
        p = skip_ws(p + k);
        if (*p != '(') break;
        p++;
        double v[6];
        int nv = 0;
        for (;;) {
            p = skip_sep(p);
            const char *q = number(p, &v[nv]);
            if (!q) break;
            p = q;
            if (++nv == 6) break;
        }
        p = skip_ws(p);
        if (*p != ')') break;
        p++;
        mat t = ID;
        if (!strcmp(name, "matrix") && nv == 6) t = (mat){v[0], v[1], v[2], v[3], v[4], v[5]};
        else if (!strcmp(name, "translate") && (nv == 1 || nv == 2)) t.e = v[0], t.f = nv == 2 ? v[1] : 0;
        else if (!strcmp(name, "scale") && (nv == 1 || nv == 2)) t.a = v[0], t.d = nv == 2 ? v[1] : v[0];
        else if (!strcmp(name, "rotate") && (nv == 1 || nv == 3)) {
            double r = v[0] * PI / 180, c = cos(r), sn = sin(r);
            t = (mat){c, sn, -sn, c, 0, 0};
            if (nv == 3) {
                mat a = {1, 0, 0, 1, -v[1], -v[2]}, b = {1, 0, 0, 1, v[1], v[2]};
                t = mul(mul(a, t), b);
            }
        } else if (!strcmp(name, "skewX") && nv == 1) t.c = tan(v[0] * PI / 180);
        else if (!strcmp(name, "skewY") && nv == 1) t.b = tan(v[0] * PI / 180);
        else {
            warn_once(s, n, "transform", "has an error (the rest of it is ignored)");
            break;
        }
        m = mul(t, m); /* the list applies right to left: the last one first */
        p = skip_sep(p);
    }
    *out = m;
    return 1;
}

static mat own_transform(S *s, xmlNodePtr n, mat ctm)
{
    xmlChar *t = xmlGetProp(n, (const xmlChar *)"transform");
    if (!t) return ctm;
    mat m;
    parse_transform(s, n, (const char *)t, &m);
    xmlFree(t);
    return mul(m, ctm);
}

/* viewBox and preserveAspectRatio into a matrix from the box to a w x h viewport. */
static mat view_box(xmlNodePtr n, double w, double h, int *has)
{
    mat m = ID;
    *has = 0;
    xmlChar *vb = xmlGetProp(n, (const xmlChar *)"viewBox");
    if (!vb) return m;
    double v[4];
    const char *p = (const char *)vb;
    int nv = 0;
    for (; nv < 4; nv++) {
        p = number(skip_sep(p), &v[nv]);
        if (!p) break;
    }
    xmlFree(vb);
    if (nv < 4 || v[2] <= 0 || v[3] <= 0) return m;
    *has = 1;
    double sx = w / v[2], sy = h / v[3];
    xmlChar *par = xmlGetProp(n, (const xmlChar *)"preserveAspectRatio");
    const char *pa = par ? skip_ws((const char *)par) : "xMidYMid meet";
    if (!strncmp(pa, "defer", 5)) pa = skip_ws(pa + 5);
    if (strncmp(pa, "none", 4)) {
        int slice = strstr(pa, "slice") != NULL;
        double k = slice ? fmax(sx, sy) : fmin(sx, sy);
        double ax = !strncmp(pa, "xMin", 4) ? 0 : !strncmp(pa, "xMax", 4) ? 1 : 0.5;
        double ay = strstr(pa, "YMin") ? 0 : strstr(pa, "YMax") ? 1 : 0.5;
        m = (mat){k, 0, 0, k, -v[0] * k + (w - v[2] * k) * ax, -v[1] * k + (h - v[3] * k) * ay};
    } else {
        m = (mat){sx, 0, 0, sy, -v[0] * sx, -v[1] * sy};
    }
    xmlFree(par);
    return m;
}

static int is_svg(xmlNodePtr n)
{
    return n->type == XML_ELEMENT_NODE && (!n->ns || (n->ns->href && !strcmp((const char *)n->ns->href, SVG_NS)));
}

static void walk(S *s, xmlNodePtr n, const style *parent, mat ctm);

static void children(S *s, xmlNodePtr n, const style *st, mat ctm)
{
    for (xmlNodePtr c = n->children; c && !s->failed; c = c->next) walk(s, c, st, ctm);
}

static void shape_start(S *s)
{
    s->path.len = 0;
    s->bx0 = s->by0 = HUGE_VAL;
    s->bx1 = s->by1 = -HUGE_VAL;
}

/* {====================================================== text */

typedef struct run { bc_vtext t; char *s; size_t len; } run;
typedef struct runs { run v[256]; int n; int pending; double px, py; int have_pos; } runs;

/* Whitespace as browsers treat it: newlines and tabs are spaces, runs of spaces one. */
static char *collapse(const char *in, size_t *len)
{
    size_t n = strlen(in), o = 0;
    char *out = bc_xmalloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        char c = in[i] == '\n' || in[i] == '\r' || in[i] == '\t' ? ' ' : in[i];
        if (c == ' ' && o && out[o - 1] == ' ') continue;
        out[o++] = c;
    }
    out[o] = 0;
    *len = o;
    return out;
}

static double first_len(xmlNodePtr n, const char *name, double pct, double em, int *has)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    double r = 0;
    *has = 0;
    if (v) {
        const char *p = skip_ws((const char *)v), *q = number(p, &r);
        if (q) {
            char u[8] = "";
            size_t k = strcspn(q, " ,\t\n");
            if (k < sizeof u) memcpy(u, q, k), u[k] = 0;
            if (!strcmp(u, "%")) r *= pct / 100;
            else if (!strcmp(u, "em")) r *= em;
            *has = 1;
        }
        xmlFree(v);
    }
    return r;
}

static void text_children(S *s, xmlNodePtr n, const style *st, mat ctm, runs *R)
{
    double sc = sqrt(fabs(ctm.a * ctm.d - ctm.b * ctm.c));
    int hx, hy, hdx, hdy;
    double x = first_len(n, "x", s->vw, st->font_size, &hx), y = first_len(n, "y", s->vh, st->font_size, &hy);
    double dx = first_len(n, "dx", s->vw, st->font_size, &hdx), dy = first_len(n, "dy", s->vh, st->font_size, &hdy);
    if (hx || hy) { /* an absolute position starts a new group */
        if (!hx) x = R->px;
        if (!hy) y = R->py;
        R->px = x, R->py = y, R->have_pos = 1;
        R->pending = 1;
    }
    double pdx = dx, pdy = dy;
    for (xmlNodePtr c = n->children; c && !s->failed; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t len;
            char *t = collapse((const char *)c->content, &len);
            paint fp = st->fill;
            uint32_t rgb = fp.kind == P_COLOR ? fp.rgb : fp.kind == P_CURRENT ? st->color
                         : fp.kind == P_URL && fp.fallback != NOCOL ? fp.fallback : 0;
            if (!len || fp.kind == P_NONE || st->hidden || R->n == 256) {
                if (R->n == 256) warn_once(s, c, "<text>", "has more than 256 runs (the rest are left out)");
                free(t);
                continue;
            }
            run *r = &R->v[R->n++];
            memset(r, 0, sizeof *r);
            r->s = t, r->len = len;
            r->t.size = (float)(st->font_size * sc);
            r->t.angle = (float)(-atan2(ctm.b, ctm.a) * 180 / PI);
            r->t.rgb = rgb;
            r->t.anchor = (uint8_t)st->anchor;
            r->t.bold = (uint8_t)st->bold, r->t.italic = (uint8_t)st->italic, r->t.serif = (uint8_t)st->serif;
            if (R->pending || R->n == 1) {
                double X = R->px + pdx, Y = R->py + pdy;
                r->t.x = (float)(ctm.a * X + ctm.c * Y + ctm.e);
                r->t.y = (float)(ctm.b * X + ctm.d * Y + ctm.f);
                r->t.cont = 0;
                R->pending = 0;
            } else {
                r->t.x = (float)(pdx * sc), r->t.y = (float)(pdy * sc);
                r->t.cont = 1;
            }
            pdx = pdy = 0;
        } else if (is_svg(c) && (!strcmp((const char *)c->name, "tspan") || !strcmp((const char *)c->name, "a"))) {
            style cs = resolve(s, c, st);
            if (!cs.none) text_children(s, c, &cs, ctm, R);
        } else if (is_svg(c)) {
            char w[40];
            snprintf(w, sizeof w, "<%.30s>", (const char *)c->name);
            warn_once(s, c, w, "inside <text> is not supported (left out)");
        }
    }
}

static void text_element(S *s, xmlNodePtr n, const style *st, mat ctm)
{
    runs *R = bc_xcalloc(1, sizeof *R);
    text_children(s, n, st, ctm, R);
    if (R->n) { /* the text's ends trimmed, as SVG does */
        run *a = &R->v[0], *z = &R->v[R->n - 1];
        while (a->len && a->s[0] == ' ') memmove(a->s, a->s + 1, a->len--);
        while (z->len && z->s[z->len - 1] == ' ') z->len--;
    }
    for (int i = 0; i < R->n; i++) {
        if (R->v[i].len && !s->failed && !bc_vec_text(&s->vb, &R->v[i].t, R->v[i].s, R->v[i].len))
            fail(s, line_of(n), "svg '%s': more than %d text runs; simplify the drawing", s->shown,
                 BC_VEC_MAX_TEXT);
        free(R->v[i].s);
    }
    free(R);
}

/* }====================================================== */

/* A rect's outline, its corners rounded by rx and ry. */
static void rect_path(S *s, xmlNodePtr n)
{
    double x = attr_len(n, "x", s->vw, 0), y = attr_len(n, "y", s->vh, 0);
    double w = attr_len(n, "width", s->vw, 0), h = attr_len(n, "height", s->vh, 0);
    double rx = attr_len(n, "rx", s->vw, -1), ry = attr_len(n, "ry", s->vh, -1);
    if (rx < 0) rx = ry;
    if (ry < 0) ry = rx;
    rx = fmin(fmax(rx, 0), w / 2), ry = fmin(fmax(ry, 0), h / 2);
    if (w > 0 && h > 0) {
        if (rx > 0 && ry > 0) {
            const double k = 0.5522847498;
            move_to(s, x + rx, y);
            line_to(s, x + w - rx, y);
            curve_to(s, x + w - rx + k * rx, y, x + w, y + ry - k * ry, x + w, y + ry);
            line_to(s, x + w, y + h - ry);
            curve_to(s, x + w, y + h - ry + k * ry, x + w - rx + k * rx, y + h, x + w - rx, y + h);
            line_to(s, x + rx, y + h);
            curve_to(s, x + rx - k * rx, y + h, x, y + h - ry + k * ry, x, y + h - ry);
            line_to(s, x, y + ry);
            curve_to(s, x, y + ry - k * ry, x + rx - k * rx, y, x + rx, y);
            close_path(s);
        } else {
            move_to(s, x, y);
            line_to(s, x + w, y);
            line_to(s, x + w, y + h);
            line_to(s, x, y + h);
            close_path(s);
        }
    }
}

static void walk(S *s, xmlNodePtr n, const style *parent, mat ctm)
{
    if (!is_svg(n)) return; /* text, comments, other vocabularies (Inkscape's, RDF) */
    const char *name = (const char *)n->name;
    if (++s->drawn > BC_SVG_MAX_DRAWN) {
        fail(s, line_of(n), "svg '%s': more than %d elements to draw (counting each <use>); "
             "simplify the drawing", s->shown, BC_SVG_MAX_DRAWN);
        return;
    }
    if (!strcmp(name, "defs") || !strcmp(name, "title") || !strcmp(name, "desc") ||
        !strcmp(name, "metadata") || !strcmp(name, "style") || !strcmp(name, "linearGradient") ||
        !strcmp(name, "radialGradient") || !strcmp(name, "symbol") || !strcmp(name, "clipPath") ||
        !strcmp(name, "mask") || !strcmp(name, "filter") || !strcmp(name, "pattern") ||
        !strcmp(name, "marker") || !strcmp(name, "script"))
        return; /* not drawn where they stand (clip paths and the like warn where used) */
    style st = resolve(s, n, parent);
    if (st.none) return;
    if (s->depth >= BC_SVG_MAX_DEPTH) {
        fail(s, line_of(n), "svg '%s': elements nested more than %d deep; flatten the drawing",
             s->shown, BC_SVG_MAX_DEPTH);
        return;
    }
    s->depth++;
    mat m = own_transform(s, n, ctm);
    shape_start(s);
    int fillable = 1;
    if (!strcmp(name, "g") || !strcmp(name, "a") || !strcmp(name, "switch")) {
        children(s, n, &st, m);
    } else if (!strcmp(name, "svg")) { /* nested: placed at x, y, its viewBox fitted */
        double x = attr_len(n, "x", s->vw, 0), y = attr_len(n, "y", s->vh, 0);
        double w = attr_len(n, "width", s->vw, s->vw), h = attr_len(n, "height", s->vh, s->vh);
        int has;
        mat vb = view_box(n, w, h, &has);
        mat t = {1, 0, 0, 1, x, y};
        children(s, n, &st, mul(mul(vb, t), m));
    } else if (!strcmp(name, "use")) {
        int bad;
        xmlNodePtr t = href(s, n, &bad);
        if (t && s->use_depth < 16) {
            for (xmlNodePtr a = n; a; a = a->parent)
                if (a == t) { t = NULL; break; } /* a use inside what it uses */
        }
        if (t && s->use_depth < 16) {
            mat tr = {1, 0, 0, 1, attr_len(n, "x", s->vw, 0), attr_len(n, "y", s->vh, 0)};
            mat um = mul(tr, m);
            s->use_depth++;
            if (!strcmp((const char *)t->name, "symbol")) {
                style ss = resolve(s, t, &st);
                double w = attr_len(n, "width", s->vw, s->vw), h = attr_len(n, "height", s->vh, s->vh);
                int has;
                mat vb = view_box(t, w, h, &has);
                if (!ss.none) children(s, t, &ss, mul(vb, um));
            } else {
                walk(s, t, &st, um);
            }
            s->use_depth--;
        } else if (!bad && s->use_depth >= 16) {
            fail(s, line_of(n), "svg '%s': <use> nested more than 16 deep", s->shown);
        }
    } else if (!strcmp(name, "path")) {
        xmlChar *d = xmlGetProp(n, (const xmlChar *)"d");
        if (d) path_data(s, n, (const char *)d);
        xmlFree(d);
    } else if (!strcmp(name, "rect")) {
        rect_path(s, n);
    } else if (!strcmp(name, "circle")) {
        double r = attr_len(n, "r", hypot(s->vw, s->vh) / SQRT2, 0);
        if (r > 0) ellipse_path(s, attr_len(n, "cx", s->vw, 0), attr_len(n, "cy", s->vh, 0), r, r);
    } else if (!strcmp(name, "ellipse")) {
        double rx = attr_len(n, "rx", s->vw, -1), ry = attr_len(n, "ry", s->vh, -1);
        if (rx < 0) rx = ry;
        if (ry < 0) ry = rx;
        if (rx > 0 && ry > 0) ellipse_path(s, attr_len(n, "cx", s->vw, 0), attr_len(n, "cy", s->vh, 0), rx, ry);
    } else if (!strcmp(name, "line")) {
        move_to(s, attr_len(n, "x1", s->vw, 0), attr_len(n, "y1", s->vh, 0));
        line_to(s, attr_len(n, "x2", s->vw, 0), attr_len(n, "y2", s->vh, 0));
        fillable = 0;
    } else if (!strcmp(name, "text")) {
        if (!st.hidden) text_element(s, n, &st, m);
    } else if (!strcmp(name, "polyline") || !strcmp(name, "polygon")) {
        xmlChar *p = xmlGetProp(n, (const xmlChar *)"points");
        if (p) points(s, (const char *)p, name[4] == 'g');
        xmlFree(p);
    } else {
        char w[40];
        snprintf(w, sizeof w, "<%.30s>", name);
        warn_once(s, n, w, "is not supported (left out)");
    }
    if (s->segs > BC_SVG_MAX_SEGMENTS)
        fail(s, line_of(n), "svg '%s': more than %ld path segments; simplify the drawing",
             s->shown, BC_SVG_MAX_SEGMENTS);
    if (!s->failed) paint_shape(s, n, &st, m, fillable);
    s->path.len = 0;
    s->depth--;
}

/* }====================================================== */

int bc_svg_sniff(const unsigned char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < len && isspace(data[i])) i++;
    if (i >= len || data[i] != '<') return 0;
    size_t n = len - i < 4096 ? len - i : 4096; /* the first element is near the start */
    for (size_t k = i; k + 4 <= i + n; k++)
        if (!memcmp(data + k, "<svg", 4) && (k + 4 == len || !isalnum(data[k + 4]))) return 1;
    return 0;
}

static int count_elements(xmlNodePtr n)
{
    int c = 0;
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE) c += 1 + count_elements(n->children);
    return c;
}

/* Keeps the parser's first error (its message copied). */
static void first_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr px = ctx;
    xmlError *keep = px ? px->_private : NULL;
    if (!keep || keep->code || !e || e->level < XML_ERR_ERROR) return;
    keep->code = e->code ? e->code : 1;
    keep->line = e->line;
    keep->message = e->message ? (char *)xmlStrdup((const xmlChar *)e->message) : NULL;
}

/* The line of the first "<!ENTITY" in the bytes, or 0. */
static int entity_line(const unsigned char *d, size_t len)
{
    int line = 1;
    for (size_t i = 0; i < len; i++) {
        if (d[i] == '\n') line++;
        if (d[i] == '<' && i + 8 <= len && !memcmp(d + i, "<!ENTITY", 8)) return line;
    }
    return 0;
}

/* The root's viewport: width and height, else the viewBox's size, else 300 x 150 as browsers
   do; a percentage counts as not given. */
static void viewport(xmlNodePtr root, double *wo, double *ho)
{
    double vbw = 0, vbh = 0;
    {
        xmlChar *vb = xmlGetProp(root, (const xmlChar *)"viewBox");
        double v[4];
        const char *p = vb ? (const char *)vb : NULL;
        int nv = 0;
        for (; p && nv < 4; nv++)
            if (!(p = number(skip_sep(p), &v[nv]))) break;
        if (nv == 4 && v[2] > 0 && v[3] > 0) vbw = v[2], vbh = v[3];
        xmlFree(vb);
    }
    double w = attr_len(root, "width", 0, 0), h = attr_len(root, "height", 0, 0);
    xmlChar *ws = xmlGetProp(root, (const xmlChar *)"width"), *hs = xmlGetProp(root, (const xmlChar *)"height");
    int wpct = ws && strchr((const char *)ws, '%'), hpct = hs && strchr((const char *)hs, '%');
    xmlFree(ws);
    xmlFree(hs);
    if (w <= 0 || wpct) w = vbw > 0 && h > 0 && !hpct && vbh > 0 ? h * vbw / vbh : vbw;
    if (h <= 0 || hpct) h = vbh > 0 && w > 0 && vbw > 0 ? w * vbh / vbw : vbh;
    if (w <= 0) w = 300;
    if (h <= 0) h = 150;
    *wo = w, *ho = h;
}

/* The rules of every <style>, wherever it stands, in the order CSS applies them. */
static void collect_styles(S *s, xmlNodePtr root)
{
    for (xmlNodePtr n = root; n;) { /* every <style>, wherever it stands */
        if (is_svg(n) && !strcmp((const char *)n->name, "style")) {
            xmlChar *css = xmlNodeGetContent(n);
            if (css) parse_css(s, n, (const char *)css);
            xmlFree(css);
        }
        if (n->children && n->type == XML_ELEMENT_NODE) { n = n->children; continue; }
        while (n && !n->next) { n = n->parent; if (n == root || !n) { n = NULL; break; } }
        if (n) n = n->next;
    }
    if (s->nrules) qsort(s->rules, (size_t)s->nrules, sizeof *s->rules, rule_cmp);
}

static bc_status decode(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                        bc_image *img, bc_error *err)
{
    if (len > BC_SVG_MAX_BYTES)
        return bc_error_set(err, shown, 0, "svg '%s' is %zu bytes, more than briefc reads "
                            "(%zu MB); simplify it", shown, len, BC_SVG_MAX_BYTES >> 20);
    int el = entity_line(data, len);
    if (el)
        return bc_error_set(err, shown, el, "svg '%s' declares an XML entity; briefc refuses "
                            "entities (they can expand without bound or read other files): "
                            "write the text out", shown);
    if (!xml_load())
        return bc_error_set(err, shown, 0, "svg '%s': briefc reads SVG with libxml2, which could "
                            "not be opened (%s): install libxml2", shown, xl.why);
    xmlInitParser(); /* once per process, however often called */
    xmlParserCtxtPtr px = xmlNewParserCtxt();
    if (!px) return bc_error_set(err, shown, 0, "svg '%s': out of memory", shown);
    xmlError first; /* libxml2 keeps its last error; the first says what went wrong */
    memset(&first, 0, sizeof first);
    px->_private = &first;
    px->sax->serror = first_error;
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    xmlDocPtr doc = xmlCtxtReadMemory(px, (const char *)data, (int)len, NULL, NULL, opts);
    if (!doc) {
        xmlErrorPtr e = first.code ? &first : xmlCtxtGetLastError(px);
        char m[300] = "not well-formed XML";
        if (e && e->message) {
            snprintf(m, sizeof m, "%s", e->message);
            size_t k = strlen(m);
            while (k && (m[k - 1] == '\n' || m[k - 1] == '.')) m[--k] = 0;
            if (m[0]) m[0] = (char)tolower((unsigned char)m[0]);
        }
        bc_status st = bc_error_set(err, shown, e ? e->line : 0, "svg '%s' is not valid XML: %s",
                                    shown, m);
        xmlFree(first.message);
        xmlFreeParserCtxt(px);
        return st;
    }
    xmlFree(first.message);
    xmlFreeParserCtxt(px);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    S s;
    memset(&s, 0, sizeof s);
    s.shown = shown;
    s.err = err;
    bc_status st = BC_OK;
    if (!root || strcmp((const char *)root->name, "svg") || !is_svg(root)) {
        st = bc_error_set(err, shown, line_of(root), "svg '%s' is XML but not SVG (its root "
                          "element is not <svg>)", shown);
        goto out;
    }
    if (doc->intSubset && doc->intSubset->entities) {
        st = bc_error_set(err, shown, 1, "svg '%s' declares an XML entity; briefc refuses "
                          "entities: write the text out", shown);
        goto out;
    }
    int count = count_elements(root);
    if (count > BC_SVG_MAX_ELEMENTS) {
        st = bc_error_set(err, shown, 0, "svg '%s' has %d elements, more than briefc reads (%d); "
                          "simplify the drawing", shown, count, BC_SVG_MAX_ELEMENTS);
        goto out;
    }
    index_ids(&s, root, count);
    double w, h;
    viewport(root, &w, &h);
    if (w > BC_IMAGE_MAX_SIDE || h > BC_IMAGE_MAX_SIDE || w < 0.01 || h < 0.01) {
        st = bc_error_set(err, shown, line_of(root), "svg '%s' is %.0f x %.0f pixels; briefc "
                          "takes 0.01 to %d a side: give the root a sane width and height",
                          shown, w, h, BC_IMAGE_MAX_SIDE);
        goto out;
    }
    s.vw = w, s.vh = h;
    s.vb.vw = (float)w, s.vb.vh = (float)h;
    s.base = (mat){1 / w, 0, 0, -1 / h, 0, 1};
    int has;
    mat vb = view_box(root, w, h, &has);
    collect_styles(&s, root);
    style st0;
    memset(&st0, 0, sizeof st0);
    st0.fill.kind = P_COLOR;
    st0.fill.rgb = 0;
    st0.stroke.kind = P_NONE;
    st0.fill_op = st0.stroke_op = st0.opacity = 1;
    st0.sw = 1;
    st0.miter = 4;
    st0.font_size = 16;
    bc_vec_builder *b = &s.vb;
    bc_buf_adds(&b->content, "q ");
    put_mat(b, s.base);
    bc_buf_adds(&b->content, "cm 0 0 ");
    bc_vec_num(b, w);
    bc_vec_num(b, h);
    bc_buf_adds(&b->content, "re W n\n");
    style rs = resolve(&s, root, &st0);
    if (!rs.none) {
        s.depth = 1;
        children(&s, root, &rs, vb);
    }
    bc_buf_adds(&b->content, "Q\n");
    if (s.failed) {
        st = BC_ERR;
        goto out;
    }
    img->w = (int)lround(fmax(w, 1));
    img->h = (int)lround(fmax(h, 1));
    img->ncomp = 3;
    img->enc = BC_IMAGE_VECTOR;
    img->orient = 1;
    img->data = bc_vec_finish(&s.vb, a, &img->len);
out:
    bc_vec_builder_free(&s.vb);
    bc_buf_free(&s.path);
    for (int i = 0; i < s.nrules; i++) free(s.rules[i].decls);
    free(s.rules);
    free(s.ids);
    xmlFreeDoc(doc);
    return st;
}

bc_status bc_svg_decode(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                        bc_image *img, bc_error *err)
{
    bc_status st = decode(data, len, shown, a, img, err);
    if (st == BC_OK || err->line <= 0) return st;
    /* "svg 'x.svg': what" -> "svg 'x.svg' line 12: what": the SVG's own line in the message,
       which is reported at the plugin's line */
    char head[600];
    int hn = snprintf(head, sizeof head, "svg '%s'", shown);
    if (hn > 0 && (size_t)hn < sizeof head && !strncmp(err->msg, head, (size_t)hn)) {
        char m[sizeof err->msg];
        snprintf(m, sizeof m, "%s line %d%s", head, err->line, err->msg + hn);
        snprintf(err->msg, sizeof err->msg, "%s", m);
    }
    return st;
}
