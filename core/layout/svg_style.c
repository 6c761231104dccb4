/*
** svg_style.c — the values an SVG spells: numbers, lengths and colours; styles (presentation
** attributes, <style> rules and the style attribute, resolved per element as CSS orders them);
** and the id index that url(#id) and href="#id" look up.
*/
#include "layout/svg_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* {====================================================== numbers, lengths, colours */

const char *bc_svg_skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

const char *bc_svg_skip_sep(const char *p)
{
    p = bc_svg_skip_ws(p);
    if (*p == ',') p = bc_svg_skip_ws(p + 1);
    return p;
}

/* An SVG number (no inf, nan or hex, which strtod would take). Returns the end or NULL. */
const char *bc_svg_number(const char *p, double *v)
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
    if ((*q == 'e' || *q == 'E') &&
        (isdigit((unsigned char)q[1]) ||
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
int bc_svg_length(const char *p, double pct, double em, double *v)
{
    if (!p) return 0;
    p = bc_svg_skip_ws(p);
    const char *q = bc_svg_number(p, v);
    if (!q) return 0;
    static const struct {
        const char *u;
        double k;
    } units[] = {{"px", 1},         {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4},
                 {"cm", 96 / 2.54}, {"in", 96},        {"", 1}};
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
    return *bc_svg_skip_ws(q) == 0;
}

double bc_svg_attr_len(xmlNodePtr n, const char *name, double pct, double dflt)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    double r = dflt;
    if (v && !bc_svg_length((const char *)v, pct, 16, &r)) r = dflt;
    xmlFree(v);
    return r;
}

static const struct {
    const char *name;
    uint32_t rgb;
} named[] = {{"black", 0x000000},     {"white", 0xFFFFFF},        {"red", 0xFF0000},
             {"green", 0x008000},     {"blue", 0x0000FF},         {"yellow", 0xFFFF00},
             {"orange", 0xFFA500},    {"purple", 0x800080},       {"gray", 0x808080},
             {"grey", 0x808080},      {"silver", 0xC0C0C0},       {"maroon", 0x800000},
             {"navy", 0x000080},      {"teal", 0x008080},         {"olive", 0x808000},
             {"lime", 0x00FF00},      {"aqua", 0x00FFFF},         {"cyan", 0x00FFFF},
             {"fuchsia", 0xFF00FF},   {"magenta", 0xFF00FF},      {"pink", 0xFFC0CB},
             {"brown", 0xA52A2A},     {"gold", 0xFFD700},         {"darkgreen", 0x006400},
             {"darkblue", 0x00008B},  {"darkred", 0x8B0000},      {"lightgray", 0xD3D3D3},
             {"lightgrey", 0xD3D3D3}, {"darkgray", 0xA9A9A9},     {"darkgrey", 0xA9A9A9},
             {"steelblue", 0x4682B4}, {"skyblue", 0x87CEEB},      {"lightblue", 0xADD8E6},
             {"orangered", 0xFF4500}, {"crimson", 0xDC143C},      {"indigo", 0x4B0082},
             {"violet", 0xEE82EE},    {"tomato", 0xFF6347},       {"coral", 0xFF7F50},
             {"salmon", 0xFA8072},    {"khaki", 0xF0E68C},        {"beige", 0xF5F5DC},
             {"ivory", 0xFFFFF0},     {"tan", 0xD2B48C},          {"chocolate", 0xD2691E},
             {"firebrick", 0xB22222}, {"forestgreen", 0x228B22},  {"seagreen", 0x2E8B57},
             {"royalblue", 0x4169E1}, {"slategray", 0x708090},    {"slategrey", 0x708090},
             {"dimgray", 0x696969},   {"dimgrey", 0x696969},      {"whitesmoke", 0xF5F5F5},
             {"gainsboro", 0xDCDCDC}, {"midnightblue", 0x191970}, {"darkorange", 0xFF8C00},
             {"turquoise", 0x40E0D0}, {"lightgreen", 0x90EE90},   {"yellowgreen", 0x9ACD32}};

static int hexv(int c) { return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1; }

/* A colour; 0 when not one (or not one briefc knows). */
int bc_svg_color(const char *p, uint32_t *rgb)
{
    p = bc_svg_skip_ws(p);
    size_t n = strlen(p);
    while (n && isspace((unsigned char)p[n - 1])) n--;
    if (p[0] == '#') {
        int d[6];
        for (size_t i = 1; i < n; i++)
            if (i > 6 || (d[i - 1] = hexv((unsigned char)p[i])) < 0) return 0;
        if (n == 4)
            *rgb = (uint32_t)(d[0] * 17 << 16 | d[1] * 17 << 8 | d[2] * 17);
        else if (n == 7)
            *rgb =
                (uint32_t)((d[0] * 16 + d[1]) << 16 | (d[2] * 16 + d[3]) << 8 | (d[4] * 16 + d[5]));
        else
            return 0;
        return 1;
    }
    if (!strncmp(p, "rgb(", 4)) {
        const char *q = p + 4;
        int c[3];
        for (int i = 0; i < 3; i++) {
            double v;
            q = bc_svg_number(bc_svg_skip_sep(q), &v);
            if (!q) return 0;
            if (*q == '%') v = v * 2.55, q++;
            c[i] = (int)lround(fmin(fmax(v, 0), 255));
        }
        if (*bc_svg_skip_ws(q) != ')') return 0;
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
    v = bc_svg_skip_ws(v);
    if (!strncmp(v, "none", 4) || !strncmp(v, "transparent", 11)) {
        pt->kind = P_NONE;
        return;
    }
    if (!strncmp(v, "currentColor", 12)) {
        pt->kind = P_CURRENT;
        return;
    }
    if (!strncmp(v, "url(", 4)) {
        const char *q = bc_svg_skip_ws(v + 4);
        if (*q == '\'' || *q == '"') q++;
        if (*q != '#') {
            bc_svg_warn_once(s, n, "url", "to another file is not followed (drawn as none)");
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
        if (f && bc_svg_color(f + 1, &c)) pt->fallback = c;
        return;
    }
    uint32_t c;
    if (bc_svg_color(v, &c)) {
        pt->kind = P_COLOR;
        pt->rgb = c;
    } else {
        char w[64];
        snprintf(w, sizeof w, "colour '%.30s'", v);
        bc_svg_warn_once(s, n, w, "is not known to briefc (drawn black)");
        pt->kind = P_COLOR;
        pt->rgb = 0;
    }
}

double bc_svg_opacity_val(const char *v)
{
    double x;
    const char *q = bc_svg_number(bc_svg_skip_ws(v), &x);
    if (!q) return 1;
    if (*q == '%') x /= 100;
    return fmin(fmax(x, 0), 1);
}

/* One property: name = v (both NUL-terminated, trimmed). */
static void prop(S *s, xmlNodePtr n, style *st, const char *name, const char *v)
{
    double x;
    if (!*v || !strcmp(v, "inherit")) return;
    if (!strcmp(name, "fill"))
        set_paint(s, n, &st->fill, v);
    else if (!strcmp(name, "stroke"))
        set_paint(s, n, &st->stroke, v);
    else if (!strcmp(name, "color")) {
        uint32_t c;
        if (bc_svg_color(v, &c)) st->color = c;
    } else if (!strcmp(name, "fill-opacity"))
        st->fill_op = bc_svg_opacity_val(v);
    else if (!strcmp(name, "stroke-opacity"))
        st->stroke_op = bc_svg_opacity_val(v);
    else if (!strcmp(name, "opacity"))
        st->opacity = bc_svg_opacity_val(v);
    else if (!strcmp(name, "stroke-width")) {
        if (bc_svg_length(v, hypot(s->vw, s->vh) / SQRT2, 16, &x) && x >= 0) st->sw = x;
    } else if (!strcmp(name, "stroke-miterlimit")) {
        if (bc_svg_number(v, &x) && x >= 1) st->miter = x;
    } else if (!strcmp(name, "stroke-linecap"))
        st->cap = !strcmp(v, "round") ? 1 : !strcmp(v, "square") ? 2 : 0;
    else if (!strcmp(name, "stroke-linejoin"))
        st->join = !strcmp(v, "round") ? 1 : !strcmp(v, "bevel") ? 2 : 0;
    else if (!strcmp(name, "fill-rule"))
        st->evenodd = !strcmp(v, "evenodd");
    else if (!strcmp(name, "stroke-dashoffset")) {
        if (bc_svg_length(v, s->vw, 16, &x)) st->dashoff = x;
    } else if (!strcmp(name, "stroke-dasharray")) {
        st->ndash = 0;
        if (!strcmp(v, "none")) return;
        const char *p = v;
        double sum = 0;
        while (*(p = bc_svg_skip_sep(p)) && st->ndash < 8) {
            const char *q = bc_svg_number(p, &x);
            if (!q || x < 0) {
                st->ndash = 0;
                return;
            }
            if (*q == '%')
                q++;
            else if (isalpha((unsigned char)*q))
                while (isalpha((unsigned char)*q)) q++;
            st->dash[st->ndash++] = x;
            sum += x;
            p = q;
        }
        if (sum <= 0) {
            st->ndash = 0;
            return;
        }
        if (st->ndash % 2) {
            for (int i = 0; i < st->ndash; i++) st->dash[st->ndash + i] = st->dash[i];
            st->ndash *= 2;
        }
    } else if (!strcmp(name, "font-size")) {
        if (bc_svg_length(v, st->font_size, st->font_size, &x) && x > 0 && x < 10000)
            st->font_size = x;
    } else if (!strcmp(name, "font-weight")) {
        st->bold = !strcmp(v, "bold") || !strcmp(v, "bolder") ||
                   (isdigit((unsigned char)v[0]) && atoi(v) >= 600);
    } else if (!strcmp(name, "font-style")) {
        st->italic = !strcmp(v, "italic") || !strcmp(v, "oblique");
    } else if (!strcmp(name, "font-family")) {
        st->serif = (strstr(v, "serif") && !strstr(v, "sans")) || strstr(v, "Times") ||
                    strstr(v, "Georgia");
    } else if (!strcmp(name, "text-anchor")) {
        st->anchor = !strcmp(v, "middle") ? 1 : !strcmp(v, "end") ? 2 : 0;
    } else if (!strcmp(name, "display"))
        st->none = !strcmp(v, "none");
    else if (!strcmp(name, "visibility"))
        st->hidden = strcmp(v, "visible") != 0;
    else if (!strcmp(name, "clip-path") || !strcmp(name, "mask") || !strcmp(name, "filter")) {
        if (strcmp(v, "none")) {
            char w[48];
            snprintf(w, sizeof w, "%s", name);
            bc_svg_warn_once(s, n, w, "is not supported (the shape is drawn without it)");
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
            const char *a = bc_svg_skip_ws(p), *b = colon;
            while (b > a && isspace((unsigned char)b[-1])) b--;
            const char *c = bc_svg_skip_ws(colon + 1), *d = end;
            while (d > c && isspace((unsigned char)d[-1])) d--;
            if (b - a > 0 && (size_t)(b - a) < sizeof name && (size_t)(d - c) < sizeof val) {
                memcpy(name, a, (size_t)(b - a));
                name[b - a] = 0;
                memcpy(val, c, (size_t)(d - c));
                val[d - c] = 0;
                char *imp = strstr(val, "!important");
                if (imp) {
                    *imp = 0;
                    for (size_t k = strlen(val); k && isspace((unsigned char)val[k - 1]); k--)
                        val[k - 1] = 0;
                }
                for (char *q = name; *q; q++) *q = (char)tolower((unsigned char)*q);
                prop(s, n, st, name, val);
            }
        }
        p = *end ? end + 1 : end;
    }
}

static const char *const presentation[] = {"fill",
                                           "stroke",
                                           "color",
                                           "fill-opacity",
                                           "stroke-opacity",
                                           "opacity",
                                           "stroke-width",
                                           "stroke-miterlimit",
                                           "stroke-linecap",
                                           "stroke-linejoin",
                                           "fill-rule",
                                           "stroke-dashoffset",
                                           "stroke-dasharray",
                                           "display",
                                           "visibility",
                                           "clip-path",
                                           "mask",
                                           "filter",
                                           "font-size",
                                           "font-weight",
                                           "font-style",
                                           "font-family",
                                           "text-anchor",
                                           NULL};

static int has_class(const char *classes, const char *c)
{
    size_t n = strlen(c);
    for (const char *p = classes; p && *p;) {
        p = bc_svg_skip_ws(p);
        size_t k = strcspn(p, " \t\n\r");
        if (k == n && !strncmp(p, c, n)) return 1;
        p += k;
    }
    return 0;
}

int bc_svg_rule_cmp(const void *x, const void *y)
{
    const rule *a = x, *b = y;
    return a->spec != b->spec ? a->spec - b->spec : a->order - b->order;
}

/* The element's own style, from its parent's. */
style bc_svg_resolve(S *s, xmlNodePtr n, const style *parent)
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
        xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class"),
                *id = xmlGetProp(n, (const xmlChar *)"id");
        for (int i = 0; i < s->nrules; i++) {
            const rule *r = &s->rules[i];
            if (r->sel_tag[0] && strcmp(r->sel_tag, "*") &&
                strcmp(r->sel_tag, (const char *)n->name))
                continue;
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
void bc_svg_parse_css(S *s, xmlNodePtr n, const char *css)
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
    while (*(p = (char *)bc_svg_skip_ws(p))) {
        char *open = strchr(p, '{');
        if (!open) break;
        char *close = strchr(open, '}');
        if (!close) break;
        *open = *close = 0;
        if (*p == '@') {
            bc_svg_warn_once(s, n, "CSS @-rule", "is not supported (skipped)");
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
            if (ok && tl) {
                memcpy(r.sel_tag, q, tl);
                r.spec += 1;
            }
            q += tl;
            if (ok && (*q == '.' || *q == '#')) {
                char kind = *q++;
                size_t nl =
                    strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
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
                bc_svg_warn_once(s, n, w, "is not supported (its rule is skipped)");
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

/* The node after n in document order below root (into an element's children first), or NULL
   when the walk is done. */
xmlNodePtr bc_svg_next_node(xmlNodePtr n, xmlNodePtr root)
{
    if (n->children && n->type == XML_ELEMENT_NODE) return n->children;
    while (n && !n->next) {
        n = n->parent;
        if (n == root || !n) return NULL;
    }
    return n ? n->next : NULL;
}

void bc_svg_index_ids(S *s, xmlNodePtr root, int count)
{
    s->idcap = 16;
    while (s->idcap < (size_t)count * 2) s->idcap *= 2;
    s->ids = bc_xcalloc(s->idcap, sizeof *s->ids);
    for (xmlNodePtr n = root; n; n = bc_svg_next_node(n, root)) {
        if (n->type == XML_ELEMENT_NODE) {
            xmlAttrPtr at = xmlHasProp(n, (const xmlChar *)"id");
            if (at && at->children && at->children->content) {
                const char *id = (const char *)at->children->content;
                size_t i = hstr(id) & (s->idcap - 1);
                while (s->ids[i].id && strcmp(s->ids[i].id, id)) i = (i + 1) & (s->idcap - 1);
                if (!s->ids[i].id) s->ids[i].id = id, s->ids[i].n = n; /* the first wins */
            }
        }
    }
}

xmlNodePtr bc_svg_by_id(S *s, const char *id)
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
xmlNodePtr bc_svg_href(S *s, xmlNodePtr n, int *bad)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"href");
    if (!v) v = xmlGetNsProp(n, (const xmlChar *)"href", (const xmlChar *)XLINK_NS);
    *bad = 0;
    if (!v) return NULL;
    xmlNodePtr t = NULL;
    const char *p = bc_svg_skip_ws((const char *)v);
    if (*p != '#') {
        *bad = 1;
        bc_svg_fail(s, bc_svg_line_of(n),
                    "svg '%s': <%s> refers to '%.60s' outside the file; briefc draws only "
                    "what the file holds (use href=\"#id\")",
                    s->shown, (const char *)n->name, p);
    } else {
        t = bc_svg_by_id(s, p + 1);
    }
    xmlFree(v);
    return t;
}

/* }====================================================== */
