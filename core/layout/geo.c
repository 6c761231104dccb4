/*
** geo.c — reading GeoJSON regions and projecting them (see geo.h).
*/
#include "layout/geo.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#define PI 3.14159265358979323846

typedef struct P {
    const char *shown;
    bc_error *err;
    bc_arena *a;
    long total;                /* points so far */
} P;

static bc_status bad(P *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bc_status bad(P *p, const char *fmt, ...)
{
    char m[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    return bc_error_set(p->err, p->shown, 0, "geojson '%s': %s", p->shown, m);
}

/* One ring: [[lon, lat], ...], closed or not (a closing point repeating the first is dropped). */
static bc_status ring(P *p, const cJSON *r, int fi, bc_buf *pts, int *len)
{
    int n = cJSON_IsArray(r) ? cJSON_GetArraySize(r) : -1;
    if (n < 3) return bad(p, "feature %d: a ring needs at least three positions", fi);
    int kept = 0;
    double first[2] = {0, 0};
    const cJSON *pos;
    cJSON_ArrayForEach(pos, r) {
        const cJSON *lo = cJSON_GetArrayItem(pos, 0), *la = cJSON_GetArrayItem(pos, 1);
        if (!cJSON_IsArray(pos) || !cJSON_IsNumber(lo) || !cJSON_IsNumber(la))
            return bad(p, "feature %d: a position must be [longitude, latitude]", fi);
        double v[2] = {lo->valuedouble, la->valuedouble};
        if (!isfinite(v[0]) || !isfinite(v[1]) || fabs(v[0]) > 180 || fabs(v[1]) > 90)
            return bad(p, "feature %d: a position is outside longitude -180..180, latitude -90..90", fi);
        if (++p->total > BC_GEO_MAX_POINTS)
            return bad(p, "more than %d points; simplify the file (mapshaper, ogr2ogr -simplify)", BC_GEO_MAX_POINTS);
        if (kept == 0) first[0] = v[0], first[1] = v[1];
        bc_buf_add(pts, v, sizeof v);
        kept++;
    }
    if (kept > 3 && first[0] == ((double *)(void *)(pts->data + pts->len))[-2] &&
        first[1] == ((double *)(void *)(pts->data + pts->len))[-1]) {
        pts->len -= 2 * sizeof(double);
        kept--;
    }
    *len = kept;
    return BC_OK;
}

static bc_status polygon(P *p, const cJSON *poly, int fi, bc_buf *pts, bc_buf *lens)
{
    if (!cJSON_IsArray(poly) || cJSON_GetArraySize(poly) < 1)
        return bad(p, "feature %d: a polygon must be a list of rings", fi);
    const cJSON *r;
    cJSON_ArrayForEach(r, poly) {
        int len;
        if (ring(p, r, fi, pts, &len) != BC_OK) return BC_ERR;
        bc_buf_add(lens, &len, sizeof len);
    }
    return BC_OK;
}

/* The signed area and centroid of ring k (lon, lat as plane coordinates). */
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

bc_status bc_geo_parse(const char *text, size_t len, const char *shown, const char *prop,
                       bc_arena *a, bc_geo **out, bc_error *err)
{
    P p = {shown, err, a, 0};
    *out = NULL;
    if (len > BC_GEO_MAX_BYTES)
        return bc_error_set(err, shown, 0, "geojson '%s' is %zu bytes, more than briefc reads "
                            "(%zu MB); simplify it", shown, len, BC_GEO_MAX_BYTES >> 20);
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        int line = 1;
        if (at && at >= text && at <= text + len)
            for (const char *q = text; q < at; q++) line += *q == '\n';
        return bc_error_set(err, shown, line, "geojson '%s' is not valid JSON (near line %d)",
                            shown, line);
    }
    bc_status st = BC_OK;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
    const cJSON *feats = cJSON_GetObjectItemCaseSensitive(root, "features");
    if (!cJSON_IsString(type) || strcmp(type->valuestring, "FeatureCollection") || !cJSON_IsArray(feats)) {
        st = bad(&p, "must be a FeatureCollection with a list of features");
        goto out;
    }
    int n = cJSON_GetArraySize(feats);
    if (n < 1 || n > BC_GEO_MAX_FEATURES) {
        st = bad(&p, "needs 1 to %d features", BC_GEO_MAX_FEATURES);
        goto out;
    }
    bc_geo *g = bc_arena_alloc(a, sizeof *g);
    g->f = bc_arena_alloc(a, (size_t)n * sizeof *g->f);
    g->lon0 = g->lat0 = HUGE_VAL;
    g->lon1 = g->lat1 = -HUGE_VAL;
    bc_buf pts = {0}, lens = {0};
    int fi = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, feats) {
        fi++;
        const cJSON *geom = cJSON_GetObjectItemCaseSensitive(f, "geometry");
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(f, "properties");
        const cJSON *gt = cJSON_GetObjectItemCaseSensitive(geom, "type");
        const cJSON *co = cJSON_GetObjectItemCaseSensitive(geom, "coordinates");
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(props, prop);
        char num[32];
        const char *name = cJSON_IsString(nm) ? nm->valuestring : NULL;
        if (cJSON_IsNumber(nm) && isfinite(nm->valuedouble)) {
            snprintf(num, sizeof num, "%.15g", nm->valuedouble);
            name = num;
        }
        if (!name || !name[0]) {
            st = bad(&p, "feature %d has no property '%.60s' to name it (set geo_key)", fi, prop);
            break;
        }
        if (!cJSON_IsString(gt) || !co) {
            st = bad(&p, "feature %d has no geometry", fi);
            break;
        }
        pts.len = lens.len = 0;
        if (!strcmp(gt->valuestring, "Polygon")) {
            st = polygon(&p, co, fi, &pts, &lens);
        } else if (!strcmp(gt->valuestring, "MultiPolygon") && cJSON_IsArray(co)) {
            const cJSON *poly;
            cJSON_ArrayForEach(poly, co) if ((st = polygon(&p, poly, fi, &pts, &lens)) != BC_OK) break;
        } else {
            st = bad(&p, "feature %d is a %.40s; a map draws Polygon and MultiPolygon regions", fi,
                     gt->valuestring);
        }
        if (st != BC_OK) break;
        bc_geo_feature *e = &g->f[g->n];
        for (int k = 0; k < g->n; k++)
            if (!strcmp(g->f[k].name, name)) {
                st = bad(&p, "features %d and %d are both named '%.60s'", k + 1, fi, name);
                break;
            }
        if (st != BC_OK) break;
        e->name = bc_arena_strdup(a, name);
        e->nrings = (int)(lens.len / sizeof(int));
        e->npts = (int)(pts.len / (2 * sizeof(double)));
        int *rl = bc_arena_alloc(a, lens.len);
        memcpy(rl, lens.data, lens.len);
        e->ring_len = rl;
        double *v = bc_arena_alloc(a, pts.len);
        memcpy(v, pts.data, pts.len);
        e->pts = v;
        double best = -1;
        const double *r = v;
        for (int k = 0; k < e->nrings; k++) {
            double cx, cy, ar = fabs(ring_centroid(r, rl[k], &cx, &cy));
            if (ar > best) best = ar, e->lx = cx, e->ly = cy;
            r += 2 * rl[k];
        }
        for (int k = 0; k < e->npts; k++) {
            g->lon0 = fmin(g->lon0, v[2 * k]), g->lon1 = fmax(g->lon1, v[2 * k]);
            g->lat0 = fmin(g->lat0, v[2 * k + 1]), g->lat1 = fmax(g->lat1, v[2 * k + 1]);
        }
        g->n++;
    }
    bc_buf_free(&pts);
    bc_buf_free(&lens);
    if (st == BC_OK) *out = g;
out:
    cJSON_Delete(root);
    return st;
}

void bc_geo_project(const bc_geo *g, bc_geo_proj proj, double lon, double lat, double *x, double *y)
{
    if (proj == BC_PROJ_MERCATOR) {
        double la = fmax(fmin(lat, 85), -85) * PI / 180;
        *x = lon;
        *y = log(tan(PI / 4 + la / 2)) * 180 / PI;
    } else {
        double mid = (g->lat0 + g->lat1) / 2 * PI / 180;
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
