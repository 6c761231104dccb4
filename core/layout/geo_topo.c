/*
** geo_topo.c — reading TopoJSON (see geo.h): a Topology's arcs decoded once (quantized
** positions are delta-encoded integers, scaled and translated by its transform), then each
** Polygon / MultiPolygon geometry of the chosen object stitched from its arcs (a negative index
** ~i is arc i reversed; each arc after the first replaces the last point of the one before, as
** topojson-client does). The points where arcs meet are flagged fixed, so that simplification
** (chart_map.c) keeps them and a border two regions share simplifies alike in both.
**
** The arcs are most of a TopoJSON file, and cJSON makes a node for every number: a prescan
** finds the top-level "arcs" member (tracking strings and depth), reads it with a strict
** scanner of its own shape and hands cJSON the rest with "[]" in its place. Anything the scanner
** does not expect falls back to cJSON over the whole text, so messages stay the same.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/geo_int.h"

typedef struct arcs {
    int n;            /* arcs */
    int *start, *len; /* each arc's first point in pts, its number of points */
    double *pts;      /* lon, lat pairs */
} arcs;

static double snap(double v, double lim) /* rounding at a quantized edge: 180.00000000000003 */
{
    return fabs(v) > lim && fabs(v) < lim + 1e-6 ? copysign(lim, v) : v;
}

/* One position of arc i: checked, counted, dequantized (acc: the running sums) and added. */
static bc_status add_pos(bc_geo_rd *p, int i, double x, double y, int quant, const double *sc,
                         const double *tl, double *acc, int *total, bc_buf *pts)
{
    if (!isfinite(x) || !isfinite(y) || fabs(x) > 1e9 || fabs(y) > 1e9)
        return bc_geo_bad(p, "arc %d: a position must be two finite numbers", i);
    if (++*total > BC_GEO_MAX_POINTS)
        return bc_geo_bad(p,
                          "more than %d points; simplify the file (mapshaper, ogr2ogr -simplify)",
                          BC_GEO_MAX_POINTS);
    double v[2];
    if (quant) {
        acc[0] += x, acc[1] += y;
        v[0] = snap(acc[0] * sc[0] + tl[0], 180), v[1] = snap(acc[1] * sc[1] + tl[1], 90);
    } else {
        v[0] = x, v[1] = y;
    }
    bc_buf_add(pts, v, sizeof v);
    return BC_OK;
}

static bc_status decode_arcs(bc_geo_rd *p, const cJSON *root, const bc_geo_rawarcs *raw, arcs *A)
{
    const cJSON *ja = cJSON_GetObjectItemCaseSensitive(root, "arcs");
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(root, "transform");
    if (!raw && !cJSON_IsArray(ja)) return bc_geo_bad(p, "a Topology needs a list of arcs");
    double sc[2] = {1, 1}, tl[2] = {0, 0};
    int quant = 0;
    if (tr) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(tr, "scale");
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(tr, "translate");
        for (int k = 0; k < 2; k++) {
            const cJSON *a = cJSON_GetArrayItem(s, k), *b = cJSON_GetArrayItem(t, k);
            if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b) || !isfinite(a->valuedouble) ||
                !isfinite(b->valuedouble) || a->valuedouble == 0)
                return bc_geo_bad(p, "the transform needs a scale of two non-zero numbers and a "
                                     "translate of two numbers");
            sc[k] = a->valuedouble, tl[k] = b->valuedouble;
        }
        quant = 1;
    }
    int n = raw ? raw->n : cJSON_GetArraySize(ja);
    if (n > BC_GEO_MAX_POINTS) return bc_geo_bad(p, "more than %d arcs", BC_GEO_MAX_POINTS);
    A->n = n;
    A->start = bc_arena_alloc(p->a, (size_t)(n ? n : 1) * sizeof(int));
    A->len = bc_arena_alloc(p->a, (size_t)(n ? n : 1) * sizeof(int));
    bc_buf pts = {0};
    int total = 0;
    bc_status st = BC_OK;
    const cJSON *arc = raw ? NULL : ja->child;
    for (int i = 0; i < n && st == BC_OK; i++, arc = arc ? arc->next : NULL) {
        int m = raw ? raw->len[i] : cJSON_IsArray(arc) ? cJSON_GetArraySize(arc) : 0;
        if (m < 2) {
            st = bc_geo_bad(p, "arc %d needs at least two positions", i);
            break;
        }
        A->start[i] = total;
        double acc[2] = {0, 0};
        if (raw) {
            const double *v = raw->xy + 2 * raw->start[i];
            for (int k = 0; k < m && st == BC_OK; k++)
                st = add_pos(p, i, v[2 * k], v[2 * k + 1], quant, sc, tl, acc, &total, &pts);
        } else {
            const cJSON *pos;
            cJSON_ArrayForEach(pos, arc)
            {
                const cJSON *x = cJSON_GetArrayItem(pos, 0), *y = cJSON_GetArrayItem(pos, 1);
                if (!cJSON_IsArray(pos) || !cJSON_IsNumber(x) || !cJSON_IsNumber(y)) {
                    st = bc_geo_bad(p, "arc %d: a position must be two finite numbers", i);
                    break;
                }
                if ((st = add_pos(p, i, x->valuedouble, y->valuedouble, quant, sc, tl, acc, &total,
                                  &pts)) != BC_OK)
                    break;
            }
        }
        A->len[i] = total - A->start[i];
    }
    if (st == BC_OK) {
        A->pts = bc_arena_alloc(p->a, pts.len ? pts.len : 1);
        if (pts.len) memcpy(A->pts, pts.data, pts.len);
    }
    bc_buf_free(&pts);
    return st;
}

/* {============================================== the arcs' fast path */

static size_t ws(const char *t, size_t n, size_t i)
{
    while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) i++;
    return i;
}

/* The end of the string whose opening quote is at i (just past its closing quote), or 0. */
static size_t string_end(const char *t, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (t[i] == '\\')
            i++;
        else if (t[i] == '"')
            return i + 1;
    }
    return 0;
}

/* A JSON number at *i (the grammar's characters only), read as cJSON reads it (strtod). */
static int number(const char *t, size_t n, size_t *i, double *v)
{
    size_t s = *i, e = s;
    if (e < n && t[e] == '-') e++;
    if (e >= n || t[e] < '0' || t[e] > '9') return 0;
    while (e < n && (strchr("0123456789.eE+-", t[e]) != NULL) && t[e]) e++;
    size_t d = s + (t[s] == '-');
    if (e - d <= 15) { /* a whole number, as quantized arcs are: exact without strtod */
        double x = 0;
        size_t k = d;
        for (; k < e && t[k] >= '0' && t[k] <= '9'; k++) x = x * 10 + (t[k] - '0');
        if (k == e) {
            *v = t[s] == '-' ? -x : x;
            *i = e;
            return 1;
        }
    }
    char buf[64];
    if (e - s >= sizeof buf) return 0;
    memcpy(buf, t + s, e - s);
    buf[e - s] = 0;
    char *end;
    *v = strtod(buf, &end);
    if (*end) return 0;
    *i = e;
    return 1;
}

/* Reads the arcs array at t[i] ([[[x, y, ...], ...], ...]) into raw; 0 on anything else. */
static int scan_arcs(const char *t, size_t n, size_t i, size_t *end, bc_geo_rawarcs *raw)
{
    bc_buf xy = {0}, st = {0}, ln = {0};
    int ok = 0, total = 0;
    if (t[i++] != '[') goto out;
    i = ws(t, n, i);
    if (i < n && t[i] == ']') {
        ok = 1, i++;
        goto out;
    }
    for (;;) { /* an arc */
        i = ws(t, n, i);
        if (i >= n || t[i++] != '[') goto out;
        int m = 0;
        bc_buf_add(&st, &total, sizeof total);
        for (;;) { /* a position */
            i = ws(t, n, i);
            if (i >= n || t[i++] != '[') goto out;
            double v[2];
            int k = 0;
            for (;;) {
                double x;
                i = ws(t, n, i);
                if (!number(t, n, &i, &x)) goto out;
                if (k < 2) v[k] = x;
                k++;
                i = ws(t, n, i);
                if (i < n && t[i] == ',') {
                    i++;
                    continue;
                }
                if (i < n && t[i] == ']') {
                    i++;
                    break;
                }
                goto out;
            }
            if (k < 2 || ++total > BC_GEO_MAX_POINTS) goto out;
            bc_buf_add(&xy, v, sizeof v);
            m++;
            i = ws(t, n, i);
            if (i < n && t[i] == ',') {
                i++;
                continue;
            }
            if (i < n && t[i] == ']') {
                i++;
                break;
            }
            goto out;
        }
        bc_buf_add(&ln, &m, sizeof m);
        i = ws(t, n, i);
        if (i < n && t[i] == ',') {
            i++;
            continue;
        }
        if (i < n && t[i] == ']') {
            i++;
            ok = 1;
            break;
        }
        goto out;
    }
out:
    if (ok) {
        raw->n = (int)(ln.len / sizeof(int));
        raw->start = (int *)(void *)st.data, raw->len = (int *)(void *)ln.data;
        raw->xy = (double *)(void *)xy.data;
        *end = i;
        return 1;
    }
    bc_buf_free(&xy), bc_buf_free(&st), bc_buf_free(&ln);
    return 0;
}

int bc_geo_topo_prescan(const char *t, size_t n, bc_geo_rawarcs *raw, char **rest, size_t *rest_len)
{
    memset(raw, 0, sizeof *raw);
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '"') {
            size_t e = string_end(t, n, i);
            if (!e) return 0;
            size_t j = ws(t, n, e);
            if (depth == 1 && e - i == 6 && !memcmp(t + i, "\"arcs\"", 6) && j < n && t[j] == ':') {
                size_t b = ws(t, n, j + 1), end;
                if (b >= n || !scan_arcs(t, n, b, &end, raw)) return 0;
                char *r = malloc(n - (end - b) + 3);
                if (!r) {
                    bc_geo_rawarcs_free(raw);
                    return 0;
                }
                memcpy(r, t, b);
                memcpy(r + b, "[]", 2);
                memcpy(r + b + 2, t + end, n - end);
                *rest = r, *rest_len = n - (end - b) + 2;
                return 1;
            }
            i = e - 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return 0;
}

void bc_geo_rawarcs_free(bc_geo_rawarcs *raw)
{
    free(raw->start), free(raw->len), free(raw->xy);
    memset(raw, 0, sizeof *raw);
}

/* One ring: a list of arc indexes, stitched into ring (and its fixed flags). */
static bc_status topo_ring(bc_geo_rd *p, const arcs *A, const cJSON *r, int fi, bc_buf *ring,
                           bc_buf *fixed)
{
    if (!cJSON_IsArray(r) || cJSON_GetArraySize(r) < 1)
        return bc_geo_bad(p, "feature %d: a ring must be a list of arc indexes", fi);
    ring->len = fixed->len = 0;
    const cJSON *ix;
    cJSON_ArrayForEach(ix, r)
    {
        double d = cJSON_IsNumber(ix) ? ix->valuedouble : NAN;
        if (!(d == floor(d)) || d >= A->n || d < -(double)A->n)
            return bc_geo_bad(p, "feature %d: arc index %s is not one of the %d arcs", fi,
                              d == floor(d) ? "out of range" : "not a whole number", A->n);
        int i = (int)d, rev = i < 0, k = rev ? ~i : i, n = A->len[k];
        if (ring->len) ring->len -= 2 * sizeof(double), fixed->len--; /* the joint, once */
        if (p->total + (long)(ring->len / 16) + n > BC_GEO_MAX_POINTS)
            return bc_geo_bad(p,
                              "more than %d points; simplify the file (mapshaper, ogr2ogr "
                              "-simplify)",
                              BC_GEO_MAX_POINTS);
        for (int j = 0; j < n; j++) {
            const double *v = A->pts + 2 * (A->start[k] + (rev ? n - 1 - j : j));
            unsigned char f = j == 0;
            bc_buf_add(ring, v, 2 * sizeof(double));
            bc_buf_add(fixed, &f, 1);
        }
    }
    int n = (int)(ring->len / (2 * sizeof(double)));
    if (n < 4) return BC_OK; /* collapsed by quantization: nothing to draw */
    return bc_geo_ring_add(p, fi, (const double *)(const void *)ring->data, n,
                           (const unsigned char *)fixed->data);
}

static bc_status topo_polygon(bc_geo_rd *p, const arcs *A, const cJSON *poly, int fi, bc_buf *ring,
                              bc_buf *fixed)
{
    if (!cJSON_IsArray(poly) || cJSON_GetArraySize(poly) < 1)
        return bc_geo_bad(p, "feature %d: a polygon must be a list of rings", fi);
    const cJSON *r;
    cJSON_ArrayForEach(r, poly) if (topo_ring(p, A, r, fi, ring, fixed) != BC_OK) return BC_ERR;
    return BC_OK;
}

/* One geometry (Polygon or MultiPolygon; null ones are skipped by the caller). */
static bc_status topo_geometry(bc_geo_rd *p, const arcs *A, const cJSON *geom, int fi,
                               const char *prop, bc_buf *ring, bc_buf *fixed)
{
    const cJSON *gt = cJSON_GetObjectItemCaseSensitive(geom, "type");
    const cJSON *ga = cJSON_GetObjectItemCaseSensitive(geom, "arcs");
    char num[32];
    const char *name = bc_geo_name_of(cJSON_GetObjectItemCaseSensitive(geom, "properties"),
                                      cJSON_GetObjectItemCaseSensitive(geom, "id"), prop, num);
    if (!name)
        return bc_geo_bad(p, "feature %d has no property '%.60s' to name it (set geo_key)", fi,
                          prop);
    bc_status st;
    if (!strcmp(gt->valuestring, "Polygon")) {
        st = topo_polygon(p, A, ga, fi, ring, fixed);
    } else if (!strcmp(gt->valuestring, "MultiPolygon") && cJSON_IsArray(ga)) {
        st = BC_OK;
        const cJSON *poly;
        cJSON_ArrayForEach(poly,
                           ga) if ((st = topo_polygon(p, A, poly, fi, ring, fixed)) != BC_OK) break;
    } else {
        return bc_geo_bad(p, "feature %d is a %.40s; a map draws Polygon and MultiPolygon regions",
                          fi, gt->valuestring);
    }
    if (st != BC_OK) return st;
    if (p->lens.len == 0) return BC_OK; /* every ring collapsed */
    return bc_geo_feature_end(p, fi, name);
}

bc_status bc_geo_topo_read(bc_geo_rd *p, const cJSON *root, const bc_geo_rawarcs *raw,
                           const char *prop, const char *object)
{
    const cJSON *objs = cJSON_GetObjectItemCaseSensitive(root, "objects");
    if (!cJSON_IsObject(objs) || !objs->child) return bc_geo_bad(p, "a Topology needs objects");
    const cJSON *obj = object ? cJSON_GetObjectItemCaseSensitive(objs, object) : objs->child;
    if (!obj) {
        char list[300] = "";
        size_t o = 0;
        for (const cJSON *c = objs->child; c && o < sizeof list - 64; c = c->next)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%.40s", o ? ", " : "", c->string);
        return bc_geo_bad(p, "has no object '%.60s' (its objects: %s)", object, list);
    }
    arcs A = {0};
    if (decode_arcs(p, root, raw, &A) != BC_OK) return BC_ERR;
    const cJSON *ot = cJSON_GetObjectItemCaseSensitive(obj, "type");
    const cJSON *geoms = cJSON_GetObjectItemCaseSensitive(obj, "geometries");
    int collection = cJSON_IsString(ot) && !strcmp(ot->valuestring, "GeometryCollection");
    if (collection && !cJSON_IsArray(geoms))
        return bc_geo_bad(p, "object '%.60s' is a GeometryCollection without geometries",
                          obj->string);
    int n = collection ? cJSON_GetArraySize(geoms) : 1;
    if (n < 1 || n > BC_GEO_MAX_FEATURES)
        return bc_geo_bad(p, "needs 1 to %d features", BC_GEO_MAX_FEATURES);
    p->g->f = bc_arena_alloc(p->a, (size_t)n * sizeof *p->g->f);
    bc_buf ring = {0}, fixed = {0};
    bc_status st = BC_OK;
    int fi = 0;
    const cJSON *geom = collection ? geoms->child : obj;
    for (; geom && st == BC_OK; geom = collection ? geom->next : NULL) {
        fi++;
        const cJSON *gt = cJSON_GetObjectItemCaseSensitive(geom, "type");
        if (cJSON_IsNull(gt) || !gt) continue; /* a feature without geometry */
        if (!cJSON_IsString(gt))
            st = bc_geo_bad(p, "feature %d has no geometry", fi);
        else
            st = topo_geometry(p, &A, geom, fi, prop, &ring, &fixed);
    }
    bc_buf_free(&ring);
    bc_buf_free(&fixed);
    return st;
}
