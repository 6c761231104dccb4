/*
** svg.c — an SVG file into vector art (see svg.h and vec.h): the entry points, the tree walk and
** text. Numbers, colours, styles and ids are in svg_style.c, paths and painting in svg_paint.c,
** over svg_int.h.
**
**
** The tree libxml2 built is walked once; each drawn shape becomes
**   q <its transform> cm [/Rn gs] <paint> <path> <paint operator> Q
** in the content stream, in user units; one matrix at the start maps the viewport (CSS pixels,
** y down) into the unit square the Form is drawn in. Gradients become shading patterns whose
** matrices take them to that square. Styles are resolved per element: inherited properties from
** the parent, then presentation attributes, <style> rules by specificity and the style
** attribute, as CSS orders them.
*/
#include "layout/svg_int.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* p then q */
mat bc_svg_mul(mat p, mat q)
{
    mat r = {p.a * q.a + p.b * q.c, p.a * q.b + p.b * q.d,       p.c * q.a + p.d * q.c,
             p.c * q.b + p.d * q.d, p.e * q.a + p.f * q.c + q.e, p.e * q.b + p.f * q.d + q.f};
    return r;
}

int bc_svg_fail(S *s, int line, const char *fmt, ...)
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

int bc_svg_line_of(xmlNodePtr n) { return n ? (int)xmlGetLineNo(n) : 0; }

void bc_svg_warn_once(S *s, xmlNodePtr n, const char *what, const char *why)
{
    for (int i = 0; i < s->nwarned; i++)
        if (!strcmp(s->warned[i], what)) return;
    if (s->nwarned < 64) snprintf(s->warned[s->nwarned++], sizeof s->warned[0], "%s", what);
    bc_vec_warn(&s->vb, bc_svg_line_of(n), "%s %s", what, why);
}

/* {====================================================== the tree */

int bc_svg_parse_transform(S *s, xmlNodePtr n, const char *p, mat *out)
{
    mat m = ID;
    p = bc_svg_skip_ws(p);
    while (*p) {
        size_t k = strcspn(p, "( \t\n\r");
        char name[16];
        if (k == 0 || k >= sizeof name) break;
        memcpy(name, p, k);
        name[k] = 0;
        p = bc_svg_skip_ws(p + k);
        if (*p != '(') break;
        p++;
        double v[6];
        int nv = 0;
        for (;;) {
            p = bc_svg_skip_sep(p);
            const char *q = bc_svg_number(p, &v[nv]);
            if (!q) break;
            p = q;
            if (++nv == 6) break;
        }
        p = bc_svg_skip_ws(p);
        if (*p != ')') break;
        p++;
        mat t = ID;
        if (!strcmp(name, "matrix") && nv == 6)
            t = (mat){v[0], v[1], v[2], v[3], v[4], v[5]};
        else if (!strcmp(name, "translate") && (nv == 1 || nv == 2))
            t.e = v[0], t.f = nv == 2 ? v[1] : 0;
        else if (!strcmp(name, "scale") && (nv == 1 || nv == 2))
            t.a = v[0], t.d = nv == 2 ? v[1] : v[0];
        else if (!strcmp(name, "rotate") && (nv == 1 || nv == 3)) {
            double r = v[0] * PI / 180, c = cos(r), sn = sin(r);
            t = (mat){c, sn, -sn, c, 0, 0};
            if (nv == 3) {
                mat a = {1, 0, 0, 1, -v[1], -v[2]}, b = {1, 0, 0, 1, v[1], v[2]};
                t = bc_svg_mul(bc_svg_mul(a, t), b);
            }
        } else if (!strcmp(name, "skewX") && nv == 1)
            t.c = tan(v[0] * PI / 180);
        else if (!strcmp(name, "skewY") && nv == 1)
            t.b = tan(v[0] * PI / 180);
        else {
            bc_svg_warn_once(s, n, "transform", "has an error (the rest of it is ignored)");
            break;
        }
        m = bc_svg_mul(t, m); /* the list applies right to left: the last one first */
        p = bc_svg_skip_sep(p);
    }
    *out = m;
    return 1;
}

static mat own_transform(S *s, xmlNodePtr n, mat ctm)
{
    xmlChar *t = xmlGetProp(n, (const xmlChar *)"transform");
    if (!t) return ctm;
    mat m;
    bc_svg_parse_transform(s, n, (const char *)t, &m);
    xmlFree(t);
    return bc_svg_mul(m, ctm);
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
        p = bc_svg_number(bc_svg_skip_sep(p), &v[nv]);
        if (!p) break;
    }
    xmlFree(vb);
    if (nv < 4 || v[2] <= 0 || v[3] <= 0) return m;
    *has = 1;
    double sx = w / v[2], sy = h / v[3];
    xmlChar *par = xmlGetProp(n, (const xmlChar *)"preserveAspectRatio");
    const char *pa = par ? bc_svg_skip_ws((const char *)par) : "xMidYMid meet";
    if (!strncmp(pa, "defer", 5)) pa = bc_svg_skip_ws(pa + 5);
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
    return n->type == XML_ELEMENT_NODE &&
           (!n->ns || (n->ns->href && !strcmp((const char *)n->ns->href, SVG_NS)));
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

typedef struct run {
    bc_vtext t;
    char *s;
    size_t len;
} run;
typedef struct runs {
    run v[256];
    int n;
    int pending;
    double px, py;
    int have_pos;
    int on_path;     /* inside a <textPath>: runs are laid along the last path record */
    double path_off; /* its startOffset, viewport px along the path */
} runs;

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
        const char *p = bc_svg_skip_ws((const char *)v), *q = bc_svg_number(p, &r);
        if (q) {
            char u[8] = "";
            size_t k = strcspn(q, " ,\t\n");
            if (k < sizeof u) memcpy(u, q, k), u[k] = 0;
            if (!strcmp(u, "%"))
                r *= pct / 100;
            else if (!strcmp(u, "em"))
                r *= em;
            *has = 1;
        }
        xmlFree(v);
    }
    return r;
}

static void text_path(S *s, xmlNodePtr n, const style *st, mat ctm, runs *R);

static void text_children(S *s, xmlNodePtr n, const style *st, mat ctm, runs *R)
{
    double sc = sqrt(fabs(ctm.a * ctm.d - ctm.b * ctm.c));
    int hx, hy, hdx, hdy;
    double x = first_len(n, "x", s->vw, st->font_size, &hx),
           y = first_len(n, "y", s->vh, st->font_size, &hy);
    double dx = first_len(n, "dx", s->vw, st->font_size, &hdx),
           dy = first_len(n, "dy", s->vh, st->font_size, &hdy);
    if ((hx || hy) && !R->on_path) { /* an absolute position starts a new group */
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
            uint32_t rgb = fp.kind == P_COLOR                         ? fp.rgb
                           : fp.kind == P_CURRENT                     ? st->color
                           : fp.kind == P_URL && fp.fallback != NOCOL ? fp.fallback
                                                                      : 0;
            if (!len || fp.kind == P_NONE || st->hidden || R->n == 256) {
                if (R->n == 256)
                    bc_svg_warn_once(s, c, "<text>",
                                     "has more than 256 runs (the rest are left out)");
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
            r->t.bold = (uint8_t)st->bold, r->t.italic = (uint8_t)st->italic,
            r->t.serif = (uint8_t)st->serif;
            r->t.path = R->on_path ? 2 : 0;
            if (R->on_path && R->pending) { /* the first run along the path: its start */
                r->t.x = (float)(R->path_off + pdx * sc);
                r->t.cont = 0;
                R->pending = 0;
            } else if (R->on_path) {
                r->t.x = (float)(pdx * sc);
                r->t.cont = 1;
            } else if (R->pending || R->n == 1) {
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
        } else if (is_svg(c) && (!strcmp((const char *)c->name, "tspan") ||
                                 !strcmp((const char *)c->name, "a"))) {
            style cs = bc_svg_resolve(s, c, st);
            if (!cs.none) text_children(s, c, &cs, ctm, R);
        } else if (is_svg(c) && !strcmp((const char *)c->name, "textPath") && !R->on_path) {
            style cs = bc_svg_resolve(s, c, st);
            if (!cs.none && !cs.hidden) text_path(s, c, &cs, ctm, R);
        } else if (is_svg(c) && !strcmp((const char *)c->name, "textPath")) {
            bc_svg_warn_once(s, c, "<textPath> in <textPath>", "is not supported (left out)");
        } else if (is_svg(c)) {
            char w[40];
            snprintf(w, sizeof w, "<%.30s>", (const char *)c->name);
            bc_svg_warn_once(s, c, w, "inside <text> is not supported (left out)");
        }
    }
}

/* <textPath>: a path record (the referenced path flattened, svg_textpath.c), then its text's
   runs, each marked to go along it from startOffset (a length, or a percentage of the path). */
static void text_path(S *s, xmlNodePtr n, const style *st, mat ctm, runs *R)
{
    double len;
    size_t nb;
    if (R->n >= 255) return; /* no room for the record and a run: warned about below */
    char *pts = bc_svg_text_path(s, n, ctm, &len, &nb);
    if (!pts) return;
    run *r = &R->v[R->n++];
    memset(r, 0, sizeof *r);
    r->s = pts, r->len = nb;
    r->t.size = 1, r->t.path = 1;
    double off = 0, sc = sqrt(fabs(ctm.a * ctm.d - ctm.b * ctm.c));
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"startOffset");
    if (v) {
        const char *q = bc_svg_number(bc_svg_skip_ws((const char *)v), &off);
        if (!q)
            off = 0;
        else if (*q == '%')
            off = len * off / 100;
        else
            off *= sc;
        xmlFree(v);
    }
    if (!isfinite(off) || fabs(off) > 1e6) off = 0;
    R->on_path = 1, R->path_off = off, R->pending = 1;
    text_children(s, n, st, ctm, R);
    R->on_path = 0, R->pending = 1; /* what follows the path starts at the text's x, y */
}

/* The text's ends trimmed, as SVG does: the first and the last run that has text. */
static void trim_ends(runs *R)
{
    for (int i = 0; i < R->n; i++) {
        run *a = &R->v[i];
        if (a->t.path == 1) continue;
        while (a->len && a->s[0] == ' ') memmove(a->s, a->s + 1, a->len--);
        if (a->len) break;
    }
    for (int i = R->n - 1; i >= 0; i--) {
        run *z = &R->v[i];
        if (z->t.path == 1) continue;
        while (z->len && z->s[z->len - 1] == ' ') z->len--;
        if (z->len) break;
    }
}

static void text_element(S *s, xmlNodePtr n, const style *st, mat ctm)
{
    runs *R = bc_xcalloc(1, sizeof *R);
    text_children(s, n, st, ctm, R);
    trim_ends(R);
    for (int i = 0; i < R->n; i++) {
        if (R->v[i].len && !s->failed && !bc_vec_text(&s->vb, &R->v[i].t, R->v[i].s, R->v[i].len))
            bc_svg_fail(s, bc_svg_line_of(n),
                        "svg '%s': more than %d text runs; simplify the drawing", s->shown,
                        BC_VEC_MAX_TEXT);
        free(R->v[i].s);
    }
    free(R);
}

/* }====================================================== */

static void walk(S *s, xmlNodePtr n, const style *parent, mat ctm)
{
    if (!is_svg(n)) return; /* text, comments, other vocabularies (Inkscape's, RDF) */
    const char *name = (const char *)n->name;
    if (++s->drawn > BC_SVG_MAX_DRAWN) {
        bc_svg_fail(s, bc_svg_line_of(n),
                    "svg '%s': more than %d elements to draw (counting each <use>); "
                    "simplify the drawing",
                    s->shown, BC_SVG_MAX_DRAWN);
        return;
    }
    if (!strcmp(name, "defs") || !strcmp(name, "title") || !strcmp(name, "desc") ||
        !strcmp(name, "metadata") || !strcmp(name, "style") || !strcmp(name, "linearGradient") ||
        !strcmp(name, "radialGradient") || !strcmp(name, "symbol") || !strcmp(name, "clipPath") ||
        !strcmp(name, "mask") || !strcmp(name, "filter") || !strcmp(name, "pattern") ||
        !strcmp(name, "marker") || !strcmp(name, "script"))
        return; /* not drawn where they stand (clip paths and the like warn where used) */
    style st = bc_svg_resolve(s, n, parent);
    if (st.none) return;
    if (s->depth >= BC_SVG_MAX_DEPTH) {
        bc_svg_fail(s, bc_svg_line_of(n),
                    "svg '%s': elements nested more than %d deep; flatten the drawing", s->shown,
                    BC_SVG_MAX_DEPTH);
        return;
    }
    s->depth++;
    mat m = own_transform(s, n, ctm);
    shape_start(s);
    int fillable = 1;
    if (!strcmp(name, "g") || !strcmp(name, "a") || !strcmp(name, "switch")) {
        children(s, n, &st, m);
    } else if (!strcmp(name, "svg")) { /* nested: placed at x, y, its viewBox fitted */
        double x = bc_svg_attr_len(n, "x", s->vw, 0), y = bc_svg_attr_len(n, "y", s->vh, 0);
        double w = bc_svg_attr_len(n, "width", s->vw, s->vw),
               h = bc_svg_attr_len(n, "height", s->vh, s->vh);
        int has;
        mat vb = view_box(n, w, h, &has);
        mat t = {1, 0, 0, 1, x, y};
        children(s, n, &st, bc_svg_mul(bc_svg_mul(vb, t), m));
    } else if (!strcmp(name, "use")) {
        int bad;
        xmlNodePtr t = bc_svg_href(s, n, &bad);
        if (t && s->use_depth < 16) {
            for (xmlNodePtr a = n; a; a = a->parent)
                if (a == t) {
                    t = NULL;
                    break;
                } /* a use inside what it uses */
        }
        if (t && s->use_depth < 16) {
            mat tr = {
                1, 0, 0, 1, bc_svg_attr_len(n, "x", s->vw, 0), bc_svg_attr_len(n, "y", s->vh, 0)};
            mat um = bc_svg_mul(tr, m);
            s->use_depth++;
            if (!strcmp((const char *)t->name, "symbol")) {
                style ss = bc_svg_resolve(s, t, &st);
                double w = bc_svg_attr_len(n, "width", s->vw, s->vw),
                       h = bc_svg_attr_len(n, "height", s->vh, s->vh);
                int has;
                mat vb = view_box(t, w, h, &has);
                if (!ss.none) children(s, t, &ss, bc_svg_mul(vb, um));
            } else {
                walk(s, t, &st, um);
            }
            s->use_depth--;
        } else if (!bad && s->use_depth >= 16) {
            bc_svg_fail(s, bc_svg_line_of(n), "svg '%s': <use> nested more than 16 deep", s->shown);
        }
    } else if (!strcmp(name, "path")) {
        xmlChar *d = xmlGetProp(n, (const xmlChar *)"d");
        if (d) bc_svg_path_data(s, n, (const char *)d);
        xmlFree(d);
    } else if (!strcmp(name, "rect")) {
        bc_svg_rect_path(s, n);
    } else if (!strcmp(name, "circle")) {
        double r = bc_svg_attr_len(n, "r", hypot(s->vw, s->vh) / SQRT2, 0);
        if (r > 0)
            bc_svg_ellipse_path(s, bc_svg_attr_len(n, "cx", s->vw, 0),
                                bc_svg_attr_len(n, "cy", s->vh, 0), r, r);
    } else if (!strcmp(name, "ellipse")) {
        double rx = bc_svg_attr_len(n, "rx", s->vw, -1), ry = bc_svg_attr_len(n, "ry", s->vh, -1);
        if (rx < 0) rx = ry;
        if (ry < 0) ry = rx;
        if (rx > 0 && ry > 0)
            bc_svg_ellipse_path(s, bc_svg_attr_len(n, "cx", s->vw, 0),
                                bc_svg_attr_len(n, "cy", s->vh, 0), rx, ry);
    } else if (!strcmp(name, "line")) {
        bc_svg_move_to(s, bc_svg_attr_len(n, "x1", s->vw, 0), bc_svg_attr_len(n, "y1", s->vh, 0));
        bc_svg_line_to(s, bc_svg_attr_len(n, "x2", s->vw, 0), bc_svg_attr_len(n, "y2", s->vh, 0));
        fillable = 0;
    } else if (!strcmp(name, "text")) {
        if (!st.hidden) text_element(s, n, &st, m);
    } else if (!strcmp(name, "polyline") || !strcmp(name, "polygon")) {
        xmlChar *p = xmlGetProp(n, (const xmlChar *)"points");
        if (p) bc_svg_points(s, (const char *)p, name[4] == 'g');
        xmlFree(p);
    } else {
        char w[40];
        snprintf(w, sizeof w, "<%.30s>", name);
        bc_svg_warn_once(s, n, w, "is not supported (left out)");
    }
    if (s->segs > BC_SVG_MAX_SEGMENTS)
        bc_svg_fail(s, bc_svg_line_of(n),
                    "svg '%s': more than %ld path segments; simplify the drawing", s->shown,
                    BC_SVG_MAX_SEGMENTS);
    if (!s->failed) bc_svg_paint_shape(s, n, &st, m, fillable);
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
            if (!(p = bc_svg_number(bc_svg_skip_sep(p), &v[nv]))) break;
        if (nv == 4 && v[2] > 0 && v[3] > 0) vbw = v[2], vbh = v[3];
        xmlFree(vb);
    }
    double w = bc_svg_attr_len(root, "width", 0, 0), h = bc_svg_attr_len(root, "height", 0, 0);
    xmlChar *ws = xmlGetProp(root, (const xmlChar *)"width"),
            *hs = xmlGetProp(root, (const xmlChar *)"height");
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
    for (xmlNodePtr n = root; n; n = bc_svg_next_node(n, root)) {
        if (is_svg(n) && !strcmp((const char *)n->name, "style")) {
            xmlChar *css = xmlNodeGetContent(n);
            if (css) bc_svg_parse_css(s, n, (const char *)css);
            xmlFree(css);
        }
    }
    if (s->nrules) qsort(s->rules, (size_t)s->nrules, sizeof *s->rules, bc_svg_rule_cmp);
}

/* The drawing: the root's viewport clipped, its children drawn from the initial style. */
static void draw_root(S *s, xmlNodePtr root, double w, double h)
{
    int has;
    mat vb = view_box(root, w, h, &has);
    collect_styles(s, root);
    style st0;
    memset(&st0, 0, sizeof st0);
    st0.fill.kind = P_COLOR;
    st0.fill.rgb = 0;
    st0.stroke.kind = P_NONE;
    st0.fill_op = st0.stroke_op = st0.opacity = 1;
    st0.sw = 1;
    st0.miter = 4;
    st0.font_size = 16;
    bc_vec_builder *b = &s->vb;
    bc_buf_adds(&b->content, "q ");
    bc_svg_put_mat(b, s->base);
    bc_buf_adds(&b->content, "cm 0 0 ");
    bc_vec_num(b, w);
    bc_vec_num(b, h);
    bc_buf_adds(&b->content, "re W n\n");
    style rs = bc_svg_resolve(s, root, &st0);
    if (!rs.none) {
        s->depth = 1;
        children(s, root, &rs, vb);
    }
    bc_buf_adds(&b->content, "Q\n");
}

static bc_status decode(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                        bc_image *img, bc_error *err)
{
    if (len > BC_SVG_MAX_BYTES)
        return bc_error_set(err, shown, 0,
                            "svg '%s' is %zu bytes, more than briefc reads "
                            "(%zu MB); simplify it",
                            shown, len, BC_SVG_MAX_BYTES >> 20);
    int el = entity_line(data, len);
    if (el)
        return bc_error_set(err, shown, el,
                            "svg '%s' declares an XML entity; briefc refuses "
                            "entities (they can expand without bound or read other files): "
                            "write the text out",
                            shown);
    if (!bc_svg_xml_load())
        return bc_error_set(err, shown, 0,
                            "svg '%s': briefc reads SVG with libxml2, which could "
                            "not be opened (%s): install libxml2",
                            shown, bc_svg_xl.why);
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
        bc_status st =
            bc_error_set(err, shown, e ? e->line : 0, "svg '%s' is not valid XML: %s", shown, m);
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
        st = bc_error_set(err, shown, bc_svg_line_of(root),
                          "svg '%s' is XML but not SVG (its root "
                          "element is not <svg>)",
                          shown);
        goto out;
    }
    if (doc->intSubset && doc->intSubset->entities) {
        st = bc_error_set(err, shown, 1,
                          "svg '%s' declares an XML entity; briefc refuses "
                          "entities: write the text out",
                          shown);
        goto out;
    }
    int count = count_elements(root);
    if (count > BC_SVG_MAX_ELEMENTS) {
        st = bc_error_set(err, shown, 0,
                          "svg '%s' has %d elements, more than briefc reads (%d); "
                          "simplify the drawing",
                          shown, count, BC_SVG_MAX_ELEMENTS);
        goto out;
    }
    bc_svg_index_ids(&s, root, count);
    double w, h;
    viewport(root, &w, &h);
    if (w > BC_IMAGE_MAX_SIDE || h > BC_IMAGE_MAX_SIDE || w < 0.01 || h < 0.01) {
        st = bc_error_set(err, shown, bc_svg_line_of(root),
                          "svg '%s' is %.0f x %.0f pixels; briefc "
                          "takes 0.01 to %d a side: give the root a sane width and height",
                          shown, w, h, BC_IMAGE_MAX_SIDE);
        goto out;
    }
    s.vw = w, s.vh = h;
    s.vb.vw = (float)w, s.vb.vh = (float)h;
    s.base = (mat){1 / w, 0, 0, -1 / h, 0, 1};
    draw_root(&s, root, w, h);
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
