/*
** geo.c — reading GeoJSON regions into the regions' store, shared with TopoJSON (geo_topo.c),
** and projecting them (see geo.h). The geometry helpers are in geo_shape.c.
*/
#include "layout/geo.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/geo_int.h"

#define PI 3.14159265358979323846

bc_status bc_geo_bad(bc_geo_rd *p, const char *fmt, ...)
{
    char m[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    return bc_error_set(p->err, p->shown, 0, "%s '%s': %s", p->kind, p->shown, m);
}

/* Appends one ring as it is (checked already). */
static bc_status ring_put(bc_geo_rd *p, const double *v, int n, const unsigned char *fixed)
{
    p->total += n;
    if (p->total > BC_GEO_MAX_POINTS)
        return bc_geo_bad(p,
                          "more than %d points; simplify the file (mapshaper, ogr2ogr -simplify)",
                          BC_GEO_MAX_POINTS);
    bc_buf_add(&p->pts, v, (size_t)n * 2 * sizeof(double));
    for (int i = 0; i < n; i++) {
        unsigned char f = fixed ? fixed[i] : 0;
        bc_buf_add(&p->fixed, &f, 1);
    }
    bc_buf_add(&p->lens, &n, sizeof n);
    return BC_OK;
}

/* Ring v (unwrapped: longitudes continuous, shifted by shift) clipped to the side of the
   meridian at lon where keep_west says (Sutherland-Hodgman), appended when 3 points remain.
   The points on the cut are fixed. */
static bc_status clip_put(bc_geo_rd *p, const double *v, const unsigned char *fixed, int n,
                          double shift, double lon, int keep_west)
{
    bc_buf out = {0}, fx = {0};
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        double ax = v[2 * i] + shift, ay = v[2 * i + 1], bx = v[2 * j] + shift, by = v[2 * j + 1];
        int ain = keep_west ? ax <= lon : ax >= lon, bin = keep_west ? bx <= lon : bx >= lon;
        if (ain) {
            double q[2] = {ax, ay};
            unsigned char f = fixed ? fixed[i] : 0;
            bc_buf_add(&out, q, sizeof q);
            bc_buf_add(&fx, &f, 1);
        }
        if (ain != bin) { /* the crossing */
            double q[2] = {lon, ay + (by - ay) * (lon - ax) / (bx - ax)};
            unsigned char f = 1;
            bc_buf_add(&out, q, sizeof q);
            bc_buf_add(&fx, &f, 1);
        }
    }
    int m = (int)(out.len / (2 * sizeof(double)));
    bc_status st = m >= 3 ? ring_put(p, (const double *)(const void *)out.data, m,
                                     (const unsigned char *)fx.data)
                          : BC_OK;
    bc_buf_free(&out);
    bc_buf_free(&fx);
    return st;
}

/* A ring that crosses the antimeridian (a step of more than 180 degrees in longitude, with no
   net turn around a pole) is cut there into its two sides, as projections need; others are
   appended as they are. */
static bc_status ring_cut(bc_geo_rd *p, const double *v, int n, const unsigned char *fixed)
{
    double turn = 0, lo = v[0], hi = v[0], acc = v[0];
    int jumps = 0;
    for (int i = 1; i <= n; i++) {
        double d = v[2 * (i % n)] - v[2 * (i - 1)];
        if (d > 180)
            d -= 360, jumps++;
        else if (d < -180)
            d += 360, jumps++;
        turn += d;
        acc += d;
        lo = fmin(lo, acc), hi = fmax(hi, acc);
    }
    if (!jumps || fabs(turn) > 180) return ring_put(p, v, n, fixed); /* around a pole: as is */
    double *u = malloc((size_t)n * 2 * sizeof *u);
    if (!u) return bc_geo_bad(p, "out of memory");
    u[0] = v[0], u[1] = v[1];
    for (int i = 1; i < n; i++) {
        double d = v[2 * i] - v[2 * (i - 1)];
        d += d > 180 ? -360 : d < -180 ? 360 : 0;
        u[2 * i] = u[2 * (i - 1)] + d, u[2 * i + 1] = v[2 * i + 1];
    }
    bc_status st;
    if (hi > 180)
        st = clip_put(p, u, fixed, n, 0, 180, 1) != BC_OK ? BC_ERR
                                                          : clip_put(p, u, fixed, n, -360, -180, 0);
    else
        st = clip_put(p, u, fixed, n, 0, -180, 0) != BC_OK ? BC_ERR
                                                           : clip_put(p, u, fixed, n, 360, 180, 1);
    free(u);
    return st;
}

bc_status bc_geo_ring_add(bc_geo_rd *p, int fi, const double *v, int n, const unsigned char *fixed)
{
    if (n < 3) return bc_geo_bad(p, "feature %d: a ring needs at least three positions", fi);
    for (int i = 0; i < n; i++) {
        double lo = v[2 * i], la = v[2 * i + 1];
        if (!isfinite(lo) || !isfinite(la) || fabs(lo) > 180 || fabs(la) > 90)
            return bc_geo_bad(
                p, "feature %d: a position is outside longitude -180..180, latitude -90..90", fi);
    }
    if (n > 3 && v[0] == v[2 * n - 2] && v[1] == v[2 * n - 1]) n--; /* the closing point */
    return ring_cut(p, v, n, fixed);
}

/* The signed area and centroid of a ring (lon, lat as plane coordinates). */
static double ring_centroid(const double *v, int n, double *cx, double *cy)
{
    double a = 0, x = 0, y = 0;
    for (int i = 0; i < n; i++) {
        const double *p = v + 2 * i, *q = v + 2 * ((i + 1) % n);
        double c = p[0] * q[1] - q[0] * p[1];
        a += c, x += (p[0] + q[0]) * c, y += (p[1] + q[1]) * c;
    }
    if (fabs(a) < 1e-12) {
        *cx = v[0], *cy = v[1];
        return 0;
    }
    *cx = x / (3 * a), *cy = y / (3 * a);
    return a / 2;
}

bc_status bc_geo_feature_end(bc_geo_rd *p, int fi, const char *name)
{
    bc_geo *g = p->g;
    bc_arena *a = p->a;
    if (p->lens.len == 0) return bc_geo_bad(p, "feature %d has no rings", fi);
    for (int k = 0; k < g->n; k++)
        if (!strcmp(g->f[k].name, name))
            return bc_geo_bad(p, "features %d and %d are both named '%.60s'", k + 1, fi, name);
    bc_geo_feature *e = &g->f[g->n];
    memset(e, 0, sizeof *e);
    e->name = bc_arena_strdup(a, name);
    e->nrings = (int)(p->lens.len / sizeof(int));
    e->npts = (int)(p->pts.len / (2 * sizeof(double)));
    int *rl = bc_arena_alloc(a, p->lens.len);
    memcpy(rl, p->lens.data, p->lens.len);
    e->ring_len = rl;
    double *v = bc_arena_alloc(a, p->pts.len);
    memcpy(v, p->pts.data, p->pts.len);
    e->pts = v;
    int any = 0;
    for (size_t i = 0; i < p->fixed.len; i++) any |= p->fixed.data[i] != 0;
    if (any) {
        unsigned char *fx = bc_arena_alloc(a, p->fixed.len);
        memcpy(fx, p->fixed.data, p->fixed.len);
        e->fixed = fx;
    }
    double best = -1;
    const double *r = v;
    for (int k = 0; k < e->nrings; k++) {
        double cx, cy, ar = fabs(ring_centroid(r, rl[k], &cx, &cy));
        if (ar > best) best = ar, e->lx = cx, e->ly = cy;
        r += 2 * rl[k];
    }
    e->lon0 = e->lat0 = HUGE_VAL;
    e->lon1 = e->lat1 = -HUGE_VAL;
    for (int k = 0; k < e->npts; k++) {
        e->lon0 = fmin(e->lon0, v[2 * k]), e->lon1 = fmax(e->lon1, v[2 * k]);
        e->lat0 = fmin(e->lat0, v[2 * k + 1]), e->lat1 = fmax(e->lat1, v[2 * k + 1]);
    }
    g->lon0 = fmin(g->lon0, e->lon0), g->lon1 = fmax(g->lon1, e->lon1);
    g->lat0 = fmin(g->lat0, e->lat0), g->lat1 = fmax(g->lat1, e->lat1);
    g->n++;
    p->pts.len = p->lens.len = p->fixed.len = 0;
    return BC_OK;
}

const char *bc_geo_name_of(const cJSON *props, const cJSON *id, const char *prop, char num[32])
{
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(props, prop);
    if (!nm && !strcmp(prop, "id")) nm = id;
    if (cJSON_IsString(nm)) return nm->valuestring[0] ? nm->valuestring : NULL;
    if (cJSON_IsNumber(nm) && isfinite(nm->valuedouble)) {
        snprintf(num, 32, "%.15g", nm->valuedouble);
        return num;
    }
    return NULL;
}

/* One GeoJSON ring: [[lon, lat], ...], closed or not. */
static bc_status ring(bc_geo_rd *p, const cJSON *r, int fi, bc_buf *tmp)
{
    if (!cJSON_IsArray(r) || cJSON_GetArraySize(r) < 3)
        return bc_geo_bad(p, "feature %d: a ring needs at least three positions", fi);
    tmp->len = 0;
    const cJSON *pos;
    int n = 0;
    cJSON_ArrayForEach(pos, r)
    {
        const cJSON *lo = cJSON_GetArrayItem(pos, 0), *la = cJSON_GetArrayItem(pos, 1);
        if (!cJSON_IsArray(pos) || !cJSON_IsNumber(lo) || !cJSON_IsNumber(la))
            return bc_geo_bad(p, "feature %d: a position must be [longitude, latitude]", fi);
        if (p->total + n > BC_GEO_MAX_POINTS)
            return bc_geo_bad(
                p, "more than %d points; simplify the file (mapshaper, ogr2ogr -simplify)",
                BC_GEO_MAX_POINTS);
        double v[2] = {lo->valuedouble, la->valuedouble};
        bc_buf_add(tmp, v, sizeof v);
        n++;
    }
    return bc_geo_ring_add(p, fi, (const double *)(const void *)tmp->data, n, NULL);
}

static bc_status polygon(bc_geo_rd *p, const cJSON *poly, int fi, bc_buf *tmp)
{
    if (!cJSON_IsArray(poly) || cJSON_GetArraySize(poly) < 1)
        return bc_geo_bad(p, "feature %d: a polygon must be a list of rings", fi);
    const cJSON *r;
    cJSON_ArrayForEach(r, poly) if (ring(p, r, fi, tmp) != BC_OK) return BC_ERR;
    return BC_OK;
}

static bc_status geojson_read(bc_geo_rd *p, const cJSON *root, const char *prop)
{
    const cJSON *feats = cJSON_GetObjectItemCaseSensitive(root, "features");
    if (!cJSON_IsArray(feats))
        return bc_geo_bad(
            p, "must be a FeatureCollection with a list of features (or a TopoJSON Topology)");
    int n = cJSON_GetArraySize(feats);
    if (n < 1 || n > BC_GEO_MAX_FEATURES)
        return bc_geo_bad(p, "needs 1 to %d features", BC_GEO_MAX_FEATURES);
    p->g->f = bc_arena_alloc(p->a, (size_t)n * sizeof *p->g->f);
    bc_buf tmp = {0};
    bc_status st = BC_OK;
    int fi = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, feats)
    {
        fi++;
        const cJSON *geom = cJSON_GetObjectItemCaseSensitive(f, "geometry");
        const cJSON *gt = cJSON_GetObjectItemCaseSensitive(geom, "type");
        const cJSON *co = cJSON_GetObjectItemCaseSensitive(geom, "coordinates");
        char num[32];
        const char *name = bc_geo_name_of(cJSON_GetObjectItemCaseSensitive(f, "properties"),
                                          cJSON_GetObjectItemCaseSensitive(f, "id"), prop, num);
        if (!name) {
            st = bc_geo_bad(p, "feature %d has no property '%.60s' to name it (set geo_key)", fi,
                            prop);
            break;
        }
        if (!cJSON_IsString(gt) || !co) {
            st = bc_geo_bad(p, "feature %d has no geometry", fi);
            break;
        }
        if (!strcmp(gt->valuestring, "Polygon")) {
            st = polygon(p, co, fi, &tmp);
        } else if (!strcmp(gt->valuestring, "MultiPolygon") && cJSON_IsArray(co)) {
            const cJSON *poly;
            cJSON_ArrayForEach(poly, co) if ((st = polygon(p, poly, fi, &tmp)) != BC_OK) break;
        } else {
            st =
                bc_geo_bad(p, "feature %d is a %.40s; a map draws Polygon and MultiPolygon regions",
                           fi, gt->valuestring);
        }
        if (st != BC_OK || (st = bc_geo_feature_end(p, fi, name)) != BC_OK) break;
    }
    bc_buf_free(&tmp);
    return st;
}

bc_status bc_geo_parse(const char *text, size_t len, const char *shown, const char *prop,
                       const char *object, bc_arena *a, bc_geo **out, bc_error *err)
{
    *out = NULL;
    if (len > BC_GEO_MAX_BYTES)
        return bc_error_set(err, shown, 0,
                            "map file '%s' is %zu bytes, more than briefc reads "
                            "(%zu MB); simplify it",
                            shown, len, BC_GEO_MAX_BYTES >> 20);
    bc_geo_rawarcs raw;
    char *rest = NULL;
    size_t rest_len = 0;
    int fast = bc_geo_topo_prescan(text, len, &raw, &rest, &rest_len);
    cJSON *root = fast ? cJSON_ParseWithLength(rest, rest_len) : NULL;
    free(rest);
    if (!root && fast) { /* the messages come from the whole text */
        bc_geo_rawarcs_free(&raw);
        fast = 0;
    }
    if (!root) root = cJSON_ParseWithLength(text, len);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        int line = 1;
        if (at && at >= text && at <= text + len)
            for (const char *q = text; q < at; q++) line += *q == '\n';
        return bc_error_set(err, shown, line, "geojson '%s' is not valid JSON (near line %d)",
                            shown, line);
    }
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
    int topo = cJSON_IsString(type) && !strcmp(type->valuestring, "Topology");
    bc_geo_rd p = {shown, topo ? "topojson" : "geojson", err, a, 0, NULL, {0}, {0}, {0}};
    bc_geo *g = p.g = bc_arena_alloc(a, sizeof *g);
    memset(g, 0, sizeof *g);
    g->lon0 = g->lat0 = HUGE_VAL;
    g->lon1 = g->lat1 = -HUGE_VAL;
    bc_status st;
    if (topo)
        st = bc_geo_topo_read(&p, root, fast ? &raw : NULL, prop, object);
    else if (!cJSON_IsString(type) || strcmp(type->valuestring, "FeatureCollection"))
        st = bc_geo_bad(
            &p, "must be a FeatureCollection with a list of features (or a TopoJSON Topology)");
    else
        st = geojson_read(&p, root, prop);
    if (st == BC_OK && g->n == 0) st = bc_geo_bad(&p, "has no regions");
    bc_buf_free(&p.pts);
    bc_buf_free(&p.lens);
    bc_buf_free(&p.fixed);
    if (fast) bc_geo_rawarcs_free(&raw);
    cJSON_Delete(root);
    if (st == BC_OK) *out = g;
    return st;
}

/* The middle of g's extent (or bounds): lon, lat in degrees; (0, 0) without g. */
static void middle(const bc_geo *g, double *lon, double *lat, double *lat0, double *lat1)
{
    *lon = *lat = 0, *lat0 = -60, *lat1 = 60;
    if (!g) return;
    const double *e =
        g->has_extent ? g->ext : (const double[4]){g->lon0, g->lat0, g->lon1, g->lat1};
    *lon = (e[0] + e[2]) / 2, *lat = (e[1] + e[3]) / 2, *lat0 = e[1], *lat1 = e[3];
}

/* Orthographic: the view centred on (l0, p0), the sphere's cosine of the angle to the centre in
   *cosc (d3-geo's geoOrthographic().rotate([-l0, -p0]) before scaling). Radians in, out. */
static void ortho(const bc_geo *g, double lon, double lat, double *x, double *y, double *cosc)
{
    double l0, p0, a, b;
    middle(g, &l0, &p0, &a, &b);
    if (g && g->has_centre) l0 = g->centre[0], p0 = g->centre[1];
    double dl = (lon - l0) * PI / 180, p = lat * PI / 180, q = p0 * PI / 180;
    *x = cos(p) * sin(dl);
    *y = cos(q) * sin(p) - sin(q) * cos(p) * cos(dl);
    *cosc = sin(q) * sin(p) + cos(q) * cos(p) * cos(dl);
}

int bc_geo_visible(const bc_geo *g, double lon, double lat)
{
    if (!g || g->proj != BC_PROJ_ORTHO) return 1;
    double x, y, c;
    ortho(g, lon, lat, &x, &y, &c);
    return c >= 0;
}

double bc_geo_central_meridian(const bc_geo *g)
{
    double l0, mid, la0, la1;
    middle(g, &l0, &mid, &la0, &la1);
    return g && g->has_centre ? g->centre[0] : l0;
}

/* Albers equal-area conic on the standard parallels (d3-geo's geoConicEqualAreaRaw about the
   central meridian); symmetric parallels: the cylindrical equal-area. Radians out. */
static void albers(const bc_geo *g, double lon, double lat, double *x, double *y)
{
    double l0, mid, la0, la1;
    middle(g, &l0, &mid, &la0, &la1);
    double p1 = la0 + (la1 - la0) / 6, p2 = la1 - (la1 - la0) / 6;
    l0 = bc_geo_central_meridian(g);
    if (g && g->has_parallels) p1 = g->parallels[0], p2 = g->parallels[1];
    double s1 = sin(p1 * PI / 180), n = (s1 + sin(p2 * PI / 180)) / 2;
    double l = remainder(lon - l0, 360) * PI / 180, p = lat * PI / 180;
    if (fabs(n) < 1e-6) {
        double c0 = cos(p1 * PI / 180);
        *x = l * c0, *y = sin(p) / c0;
        return;
    }
    double c = 1 + s1 * (2 * n - s1), r0 = sqrt(c) / n, r = sqrt(fmax(c - 2 * n * sin(p), 0)) / n;
    *x = r * sin(l * n);
    *y = r0 - r * cos(l * n);
}

void bc_geo_project(const bc_geo *g, bc_geo_proj proj, double lon, double lat, double *x, double *y)
{
    if (proj == BC_PROJ_ORTHO) {
        double c;
        ortho(g, lon, lat, x, y, &c);
        if (c < 0) { /* behind: onto the rim, in its direction */
            double d = hypot(*x, *y);
            if (d > 0)
                *x /= d, *y /= d;
            else
                *x = 1, *y = 0;
        }
        *x *= 180 / PI, *y *= 180 / PI;
    } else if (proj == BC_PROJ_ALBERS) {
        albers(g, lon, lat, x, y);
        *x *= 180 / PI, *y *= 180 / PI;
    } else if (proj == BC_PROJ_MERCATOR) {
        double la = fmax(fmin(lat, 85), -85) * PI / 180;
        *x = lon;
        *y = log(tan(PI / 4 + la / 2)) * 180 / PI;
    } else if (proj == BC_PROJ_NATURAL_EARTH) {
        /* Natural Earth I (Šavrič, Jenny, Patterson and Hurni 2011): polynomials in latitude */
        double l = lon * PI / 180, p = lat * PI / 180, p2 = p * p, p4 = p2 * p2;
        *x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * p2 * (0.003971 - 0.001529 * p2)));
        *y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
        *x *= 180 / PI, *y *= 180 / PI;
    } else {
        double mid = 0;
        if (g && g->has_extent)
            mid = (g->ext[1] + g->ext[3]) / 2 * PI / 180;
        else if (g)
            mid = (g->lat0 + g->lat1) / 2 * PI / 180;
        *x = lon * cos(mid);
        *y = lat;
    }
}

int bc_geo_find(const bc_geo *g, const char *name)
{
    for (int i = 0; g && i < g->n; i++)
        if (!strcmp(g->f[i].name, name)) return i;
    return -1;
}
