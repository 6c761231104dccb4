/*
** svg_paint.c — shapes into PDF operators: path data, basic shapes and points into s->path
** (with its bounding box), then a shape painted with its fill, stroke, opacity and gradients.
*/
#include "layout/svg_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

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

void bc_svg_move_to(S *s, double x, double y)
{
    op_pt(s, x, y);
    bc_buf_adds(&s->path, "m\n");
    s->segs++;
}
void bc_svg_line_to(S *s, double x, double y)
{
    op_pt(s, x, y);
    bc_buf_adds(&s->path, "l\n");
    s->segs++;
}
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
    if (rx == 0 || ry == 0) {
        bc_svg_line_to(s, x, y);
        return;
    }
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
#define TX(u, v) (cp * rx * (u)-sp * ry * (v) + cx)
#define TY(u, v) (sp * rx * (u) + cp * ry * (v) + cy)
        double ex = i == nseg - 1 ? x : TX(cb, sb), ey = i == nseg - 1 ? y : TY(cb, sb);
        curve_to(s, TX(p1x, p1y), TY(p1x, p1y), TX(p2x, p2y), TY(p2x, p2y), ex, ey);
#undef TX
#undef TY
    }
}

/* Path data into s->path. A syntax error ends the path there, as SVG says (with a warning). */
void bc_svg_path_data(S *s, xmlNodePtr n, const char *d)
{
    double cx = 0, cy = 0, sx = 0, sy = 0, qx = 0, qy = 0, c2x = 0, c2y = 0;
    char cmd = 0, prev = 0;
    int have = 0;
    const char *p = bc_svg_skip_ws(d);
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
        case 'm':
        case 'l':
        case 't': need = 2; break;
        case 'h':
        case 'v': need = 1; break;
        case 'c': need = 6; break;
        case 's':
        case 'q': need = 4; break;
        case 'a': need = 7; break;
        case 'z': need = 0; break;
        default: bc_svg_warn_once(s, n, "path command", "is not SVG (the path ends there)"); return;
        }
        int got = 0;
        for (; got < need; got++) {
            p = bc_svg_skip_sep(p);
            if (tolower((unsigned char)cmd) == 'a' && (got == 3 || got == 4)) {
                if (*p != '0' && *p != '1') break;
                v[got] = *p++ - '0';
                continue;
            }
            const char *q = bc_svg_number(p, &v[got]);
            if (!q) break;
            p = q;
        }
        if (got < need) {
            if (*bc_svg_skip_ws(p))
                bc_svg_warn_once(s, n, "path data", "has an error (the path ends there)");
            break;
        }
        if (s->segs > BC_SVG_MAX_SEGMENTS) {
            bc_svg_fail(s, bc_svg_line_of(n),
                        "svg '%s': more than %ld path segments; simplify the drawing", s->shown,
                        BC_SVG_MAX_SEGMENTS);
            return;
        }
        char lc = (char)tolower((unsigned char)cmd);
        switch (lc) {
        case 'm':
            cx = sx = ox + v[0], cy = sy = oy + v[1];
            bc_svg_move_to(s, cx, cy);
            have = 1;
            break;
        case 'l':
            cx = ox + v[0], cy = oy + v[1];
            bc_svg_line_to(s, cx, cy);
            break;
        case 'h':
            cx = ox + v[0];
            bc_svg_line_to(s, cx, cy);
            break;
        case 'v':
            cy = (rel ? cy : 0) + v[0];
            bc_svg_line_to(s, cx, cy);
            break;
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
        case 'q':
        case 't': {
            double x1, y1, x, y;
            if (lc == 'q')
                x1 = ox + v[0], y1 = oy + v[1], x = ox + v[2], y = oy + v[3];
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
        p = bc_svg_skip_sep(p);
    }
}

void bc_svg_ellipse_path(S *s, double cx, double cy, double rx, double ry)
{
    const double k = 0.5522847498;
    bc_svg_move_to(s, cx + rx, cy);
    curve_to(s, cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry);
    curve_to(s, cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy);
    curve_to(s, cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry);
    curve_to(s, cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy);
    close_path(s);
}

void bc_svg_points(S *s, const char *p, int close)
{
    double x, y;
    int first = 1;
    for (;;) {
        const char *q = bc_svg_number(bc_svg_skip_sep(p), &x);
        if (!q) break;
        q = bc_svg_number(bc_svg_skip_sep(q), &y);
        if (!q) break;
        if (first)
            bc_svg_move_to(s, x, y);
        else
            bc_svg_line_to(s, x, y);
        first = 0;
        p = q;
        if (s->segs > BC_SVG_MAX_SEGMENTS) return;
    }
    if (close && !first) close_path(s);
}

/* A rect's outline, its corners rounded by rx and ry. */
void bc_svg_rect_path(S *s, xmlNodePtr n)
{
    double x = bc_svg_attr_len(n, "x", s->vw, 0), y = bc_svg_attr_len(n, "y", s->vh, 0);
    double w = bc_svg_attr_len(n, "width", s->vw, 0), h = bc_svg_attr_len(n, "height", s->vh, 0);
    double rx = bc_svg_attr_len(n, "rx", s->vw, -1), ry = bc_svg_attr_len(n, "ry", s->vh, -1);
    if (rx < 0) rx = ry;
    if (ry < 0) ry = rx;
    rx = fmin(fmax(rx, 0), w / 2), ry = fmin(fmax(ry, 0), h / 2);
    if (w > 0 && h > 0) {
        if (rx > 0 && ry > 0) {
            const double k = 0.5522847498;
            bc_svg_move_to(s, x + rx, y);
            bc_svg_line_to(s, x + w - rx, y);
            curve_to(s, x + w - rx + k * rx, y, x + w, y + ry - k * ry, x + w, y + ry);
            bc_svg_line_to(s, x + w, y + h - ry);
            curve_to(s, x + w, y + h - ry + k * ry, x + w - rx + k * rx, y + h, x + w - rx, y + h);
            bc_svg_line_to(s, x + rx, y + h);
            curve_to(s, x + rx - k * rx, y + h, x, y + h - ry + k * ry, x, y + h - ry);
            bc_svg_line_to(s, x, y + ry);
            curve_to(s, x, y + ry - k * ry, x + rx - k * rx, y, x + rx, y);
            close_path(s);
        } else {
            bc_svg_move_to(s, x, y);
            bc_svg_line_to(s, x + w, y);
            bc_svg_line_to(s, x + w, y + h);
            bc_svg_line_to(s, x, y + h);
            close_path(s);
        }
    }
}

/* }====================================================== */

/* {====================================================== painting */

void bc_svg_put_mat(bc_vec_builder *b, mat m)
{
    bc_vec_num(b, m.a);
    bc_vec_num(b, m.b);
    bc_vec_num(b, m.c);
    bc_vec_num(b, m.d);
    bc_vec_num(b, m.e);
    bc_vec_num(b, m.f);
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
        const char *p = bc_svg_skip_ws((const char *)v);
        if (bbox) { /* fractions, or percentages of the box */
            const char *q = bc_svg_number(p, &r);
            if (q && *q == '%') r /= 100;
            if (!q) r = dflt;
        } else if (!bc_svg_length(p, pct, 16, &r)) {
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
            const char *k = bc_svg_skip_ws(p), *v = bc_svg_skip_ws(colon + 1);
            if (!strncmp(k, "stop-color", 10)) {
                uint32_t c;
                if (bc_svg_color(v, &c)) *rgb = c;
            } else if (!strncmp(k, "stop-opacity", 12)) {
                *op = bc_svg_opacity_val(v);
            }
        }
        *end = save;
        p = *end ? end + 1 : end;
    }
    (void)s;
}

/*
** spreadMethod reflect or repeat: the shading's coordinates stretched to whole periods
** covering the shape's box (its corners taken back into the gradient's space through gm), the
** stops repeated over them by the PDF function (image_pdf.c). An axial gradient spans the
** periods [k0 k1] of t = (q - p1) . d / |d|^2; a radial one grows from its focus outwards,
** [0 k1], k1 bounding |q - f| / (r - |c - f|) over the corners. At most BC_VEC_PERIODS.
*/
static void spread_periods(S *s, bc_vres *r, mat gm)
{
    double det = gm.a * gm.d - gm.b * gm.c;
    if (!(fabs(det) > 1e-12)) return;
    double qx[4], qy[4];
    for (int i = 0; i < 4; i++) { /* the box's corners in gradient space */
        double x = (i & 1 ? s->bx1 : s->bx0) - gm.e, y = (i & 2 ? s->by1 : s->by0) - gm.f;
        qx[i] = (gm.d * x - gm.c * y) / det;
        qy[i] = (-gm.b * x + gm.a * y) / det;
    }
    double k0 = 0, k1 = 1;
    if (r->kind == BC_VRES_AXIAL) {
        double dx = r->c[2] - r->c[0], dy = r->c[3] - r->c[1], dd = dx * dx + dy * dy;
        if (!(dd > 1e-18)) return;
        for (int i = 0; i < 4; i++) {
            double t = ((qx[i] - r->c[0]) * dx + (qy[i] - r->c[1]) * dy) / dd;
            k0 = fmin(k0, floor(t));
            k1 = fmax(k1, ceil(t));
        }
        double half = BC_VEC_PERIODS / 2.0;
        k0 = fmax(k0, -half), k1 = fmin(k1, half);
        float x0 = r->c[0], y0 = r->c[1];
        r->c[0] = (float)(x0 + k0 * dx), r->c[1] = (float)(y0 + k0 * dy);
        r->c[2] = (float)(x0 + k1 * dx), r->c[3] = (float)(y0 + k1 * dy);
    } else {
        double fx = r->c[0], fy = r->c[1], cx = r->c[3], cy = r->c[4], rr = r->c[5];
        double room = rr - hypot(cx - fx, cy - fy);
        k1 = BC_VEC_PERIODS;
        if (room > rr * 1e-3) {
            k1 = 1;
            for (int i = 0; i < 4; i++) k1 = fmax(k1, ceil(hypot(qx[i] - fx, qy[i] - fy) / room));
            k1 = fmin(k1, BC_VEC_PERIODS);
        }
        r->c[3] = (float)(fx + k1 * (cx - fx)), r->c[4] = (float)(fy + k1 * (cy - fy));
        r->c[5] = (float)(k1 * rr);
    }
    r->dom[0] = (float)k0, r->dom[1] = (float)k1;
}

/* The stops of the first gradient in chain that has any, into r (offsets, colours) and ops
   (their opacities); opaque: every stop drawn opaque (the stroke of a filled shape, with a
   warning). Returns the number of stops. */
static int read_stops(S *s, xmlNodePtr *chain, int nchain, bc_vres *r, float *ops, int opaque,
                      int *masked)
{
    for (int i = 0; i < nchain && !r->nstops; i++) {
        double last = 0;
        for (xmlNodePtr st = chain[i]->children; st; st = st->next) {
            if (st->type != XML_ELEMENT_NODE || strcmp((const char *)st->name, "stop")) continue;
            if (r->nstops == BC_VEC_STOPS - 2) {
                bc_svg_warn_once(s, st, "gradient",
                                 "has more than 14 stops (the rest are left out)");
                break;
            }
            double off = gattr(s, &st, 1, "offset", 1, 1, 0), op;
            off = fmax(fmin(off, 1), last);
            last = off;
            uint32_t rgb;
            stop_style(s, st, &rgb, &op);
            if (op < 1 && opaque) {
                bc_svg_warn_once(s, st, "stop-opacity",
                                 "on the stroke of a filled shape is not supported (drawn opaque)");
                op = 1;
            }
            *masked |= op < 1;
            ops[r->nstops] = (float)fmax(fmin(op, 1), 0);
            r->off[r->nstops] = (float)off;
            r->rgb[r->nstops++] = rgb;
        }
    }
    return (int)r->nstops;
}

/* The first stop moved to 0 and the last to 1, as SVG pads the ends. */
static void pad_stops(bc_vres *r, float *ops)
{
    if (r->off[0] > 0) { /* first stop at 0, last at 1 */
        memmove(r->off + 1, r->off, r->nstops * sizeof *r->off);
        memmove(r->rgb + 1, r->rgb, r->nstops * sizeof *r->rgb);
        memmove(ops + 1, ops, r->nstops * sizeof *ops);
        r->off[0] = 0;
        r->nstops++;
    }
    if (r->off[r->nstops - 1] < 1) {
        r->off[r->nstops] = 1;
        r->rgb[r->nstops] = r->rgb[r->nstops - 1];
        ops[r->nstops] = ops[r->nstops - 1];
        r->nstops++;
    }
}

/* Sets up a gradient paint (fill when !stroke) for a shape whose bbox is in s. Returns the
   solid colour to use instead when the gradient reduces to one (or NOCOL when nothing is to be
   painted), or 0x1000000 when the pattern was set. */
static uint32_t gradient(S *s, xmlNodePtr shape, const paint *pt, mat ctm, int stroke, int both)
{
    xmlNodePtr g = bc_svg_by_id(s, pt->ref);
    if (!g || g->type != XML_ELEMENT_NODE ||
        (strcmp((const char *)g->name, "linearGradient") &&
         strcmp((const char *)g->name, "radialGradient"))) {
        if (g && !strcmp((const char *)g->name, "pattern"))
            bc_svg_warn_once(s, shape, "<pattern> paint",
                             "is not supported (the fallback colour or none is used)");
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
        c = bc_svg_href(s, c, &bad);
        if (bad) return NOCOL;
    }
    bc_vres r;
    memset(&r, 0, sizeof r);
    r.kind = radial ? BC_VRES_RADIAL : BC_VRES_AXIAL;
    float ops[BC_VEC_STOPS];
    int masked = 0;
    if (!read_stops(s, chain, nchain, &r, ops, stroke && both, &masked)) return NOCOL;
    if (r.nstops == 1 && !masked) return r.rgb[0];
    pad_stops(&r, ops);
    xmlChar *units = gprop(chain, nchain, "gradientUnits");
    int bbox = !units || strcmp((const char *)units, "userSpaceOnUse");
    xmlFree(units);
    xmlChar *spread = gprop(chain, nchain, "spreadMethod");
    if (spread && !strcmp((const char *)spread, "reflect"))
        r.spread = 1;
    else if (spread && !strcmp((const char *)spread, "repeat"))
        r.spread = 2;
    xmlFree(spread);
    mat gm = ID;
    xmlChar *gt = gprop(chain, nchain, "gradientTransform");
    if (gt) {
        bc_svg_parse_transform(s, g, (const char *)gt, &gm);
        xmlFree(gt);
    }
    if (bbox) {
        double w = s->bx1 - s->bx0, h = s->by1 - s->by0;
        if (!(w > 0 && h > 0)) return NOCOL;
        mat bm = {w, 0, 0, h, s->bx0, s->by0};
        gm = bc_svg_mul(gm, bm);
    }
    double pw = bbox ? 1 : s->vw, ph = bbox ? 1 : s->vh,
           pd = bbox ? 1 : hypot(s->vw, s->vh) / SQRT2;
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
                      (float)gattr(s, chain, nchain, "y2", ph, bbox, 0),
                      0,
                      0};
        memcpy(r.c, c, sizeof c);
    }
    if (r.spread) spread_periods(s, &r, gm);
    if (r.spread && r.dom[1] - r.dom[0] <= 1 && r.dom[0] == 0) r.spread = 0; /* one period: pad */
    mat pm = bc_svg_mul(bc_svg_mul(gm, ctm), s->base);
    float m[6] = {(float)pm.a, (float)pm.b, (float)pm.c, (float)pm.d, (float)pm.e, (float)pm.f};
    memcpy(r.m, m, sizeof m);
    if (masked) { /* stop-opacity: a soft mask of the same gradient in grey, set first */
        bc_vres k = r;
        k.kind = radial ? BC_VRES_MASK_RADIAL : BC_VRES_MASK_AXIAL;
        for (uint32_t i = 0; i < k.nstops; i++) k.rgb[i] = (uint32_t)lround(ops[i] * 255);
        float km[6] = {(float)gm.a, (float)gm.b, (float)gm.c,
                       (float)gm.d, (float)gm.e, (float)gm.f};
        memcpy(k.m, km, sizeof km);
        int mi = bc_vec_shading(&s->vb, &k);
        if (mi >= 0) bc_buf_printf(&s->vb.content, "/R%d gs\n", mi);
    }
    int idx = bc_vec_shading(&s->vb, &r);
    if (idx < 0) return r.rgb[0];
    bc_buf_printf(&s->vb.content, stroke ? "/Pattern CS /R%d SCN\n" : "/Pattern cs /R%d scn\n",
                  idx);
    return 0x1000000;
}

/* Paints s->path with st under ctm. */
void bc_svg_paint_shape(S *s, xmlNodePtr n, const style *st, mat ctm, int fillable)
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
    bc_svg_put_mat(b, ctm);
    bc_buf_adds(&b->content, "cm\n");
    double fa = st->fill_op * st->opacity, sa = st->stroke_op * st->opacity;
    if ((fill && fa < 1) || (stroke && sa < 1)) {
        int g = bc_vec_alpha(b, fill ? fa : 1, stroke ? sa : 1);
        if (g >= 0) bc_buf_printf(&b->content, "/R%d gs\n", g);
    }
    if (fill) {
        uint32_t c = fp.kind == P_URL ? gradient(s, n, &fp, ctm, 0, stroke) : fp.rgb;
        if (c == NOCOL)
            fill = 0;
        else if (c != 0x1000000)
            put_rgb(b, c, "rg\n");
    }
    if (stroke) {
        uint32_t c = sp.kind == P_URL ? gradient(s, n, &sp, ctm, 1, fill) : sp.rgb;
        if (c == NOCOL)
            stroke = 0;
        else if (c != 0x1000000)
            put_rgb(b, c, "RG\n");
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
    const char *op = fill && stroke ? (st->evenodd ? "B*" : "B")
                     : fill         ? (st->evenodd ? "f*" : "f")
                     : stroke       ? "S"
                                    : "n";
    bc_buf_printf(&b->content, "%s Q\n", op);
    if (b->content.len > ((size_t)64 << 20))
        bc_svg_fail(s, bc_svg_line_of(n),
                    "svg '%s': the drawing is over 64 MB of PDF operators; simplify it", s->shown);
done:
    s->path.len = 0;
}

/* }====================================================== */
