/*
** test_geo.c — maps and vector art without files: GeoJSON regions parsed (holes, MultiPolygon,
** closing points dropped, label points), projections of known points, each refusal's message;
** the vec.h blob refused when cut or altered anywhere in its header; an SVG's arc ending exactly
** on its end point; a vector image packed for a batch worker and back.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "layout/geo.h"
#include "layout/image.h"
#include "layout/vec.h"

static const char *good =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Ring\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":7},\"geometry\":{\"type\":\"MultiPolygon\","
    "\"coordinates\":[[[[20,0],[21,0],[21,1]]],[[[30,0],[34,0],[34,4],[30,4]]]]}}]}";

static const char *msg(const char *json, const char *prop)
{
    static bc_error e;
    bc_arena *a = bc_arena_new();
    bc_geo *g = NULL;
    bc_status st = bc_geo_parse(json, strlen(json), "t.geojson", prop, NULL, a, &g, &e);
    bc_arena_free(a);
    return st == BC_OK ? "ok" : e.msg;
}

int main(void)
{
    bc_arena *a = bc_arena_new();
    bc_error err;
    bc_geo *g = NULL;
    CHECK(bc_geo_parse(good, strlen(good), "t.geojson", "name", NULL, a, &g, &err) == BC_OK);
    CHECK(g && g->n == 2);
    if (g && g->n == 2) {
        CHECK_STR(g->f[0].name, "Ring");
        CHECK_STR(g->f[1].name, "7");
        CHECK(g->f[0].nrings == 2 && g->f[0].ring_len[0] == 4 && g->f[0].ring_len[1] == 4);
        CHECK(g->f[1].nrings == 2 && g->f[1].ring_len[0] == 3 && g->f[1].npts == 7);
        CHECK_NEAR(g->f[0].lx, 5, 1e-9); /* the outer ring's centroid */
        CHECK_NEAR(g->f[0].ly, 5, 1e-9);
        CHECK_NEAR(g->f[1].lx, 32, 1e-9); /* the larger of the two parts */
        CHECK_NEAR(g->lon1, 34, 0);
        CHECK(bc_geo_find(g, "7") == 1 && bc_geo_find(g, "8") == -1);
        double x, y;
        bc_geo_project(g, BC_PROJ_MERCATOR, 10, 0, &x, &y);
        CHECK_NEAR(x, 10, 1e-12);
        CHECK_NEAR(y, 0, 1e-12);
        bc_geo_project(g, BC_PROJ_MERCATOR, 0, 45, &x, &y);
        CHECK_NEAR(y, 50.498986710526, 1e-9); /* ln(tan(67.5 deg)) in degrees */
        bc_geo_project(g, BC_PROJ_MERCATOR, 0, 89, &x, &y); /* clamped at 85 */
        CHECK_NEAR(y, 179.4099, 0.001); /* ln(tan(87.5 deg)) in degrees */
        bc_geo_project(g, BC_PROJ_EQUIRECT, 10, 3, &x, &y); /* scaled by cos(middle latitude: 5) */
        CHECK_NEAR(x, 10 * cos(5 * 3.14159265358979323846 / 180), 1e-12);
        CHECK_NEAR(y, 3, 1e-12);
    }
    CHECK_STR(msg("{", "name"), "geojson 't.geojson' is not valid JSON (near line 1)");
    CHECK_STR(msg("{\"type\":\"Feature\"}", "name"),
              "geojson 't.geojson': must be a FeatureCollection with a list of features (or a TopoJSON Topology)");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[]}", "name"),
              "geojson 't.geojson': needs 1 to 10000 features");
    CHECK_STR(msg(good, "NAME"), "geojson 't.geojson': feature 1 has no property 'NAME' to name it (set geo_key)");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}", "name"),
              "geojson 't.geojson': feature 1 is a Point; a map draws Polygon and MultiPolygon regions");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1e999]]]}}]}", "name"),
              "geojson 't.geojson': feature 1: a position is outside longitude -180..180, latitude -90..90");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0]]]}}]}", "name"),
              "geojson 't.geojson': feature 1: a ring needs at least three positions");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]]]}},"
                  "{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]]]}}]}", "name"),
              "geojson 't.geojson': features 1 and 2 are both named 'a'");

    /* the vec blob: every cut and every altered header byte refused, the whole accepted */
    bc_vec_builder b;
    memset(&b, 0, sizeof b);
    bc_buf_adds(&b.content, "0 0 m 1 1 l S\n");
    CHECK(bc_vec_alpha(&b, 0.5, 1) == 0 && bc_vec_alpha(&b, 0.5, 1) == 0);
    bc_vres r;
    memset(&r, 0, sizeof r);
    r.kind = BC_VRES_AXIAL, r.nstops = 2, r.off[1] = 1, r.rgb[1] = 0xFF0000;
    CHECK(bc_vec_shading(&b, &r) == 1);
    bc_vec_warn(&b, 3, "<%s> is not supported", "filter");
    size_t len;
    const unsigned char *blob = bc_vec_finish(&b, a, &len);
    bc_vec_view v;
    CHECK(bc_vec_view_of(blob, len, &v) && v.nres == 2 && v.stream_len == 14);
    CHECK(v.warnings_len == strlen("3: <filter> is not supported\n"));
    int cut_ok = 0;
    for (size_t n = 0; n < len; n++) cut_ok += bc_vec_view_of(blob, n, &v);
    CHECK(cut_ok == 0);
    unsigned char *copy = malloc(len);
    int altered_ok = 0;
    for (size_t i = 0; i < 16; i++) {
        memcpy(copy, blob, len);
        copy[i] ^= 0x40;
        altered_ok += bc_vec_view_of(copy, len, &v);
    }
    CHECK(altered_ok == 0);
    memcpy(copy, blob, len);
    copy[16] = 9; /* a resource of no known kind */
    CHECK(!bc_vec_view_of(copy, len, &v));
    free(copy);

    /* an SVG arc ends on its end point exactly, and a vector image survives a batch pack */
    const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                      "<path d=\"M0 10 A10 10 0 0 1 20 10\" fill=\"none\" stroke=\"red\"/></svg>";
    bc_image *img = NULL;
    CHECK(bc_image_decode((const unsigned char *)svg, strlen(svg), "t.svg", a, &img, &err) == BC_OK);
    if (img) {
        CHECK(img->enc == BC_IMAGE_VECTOR && img->w == 40 && img->h == 20);
        CHECK(bc_vec_view_of(img->data, img->len, &v));
        CHECK(strstr(v.stream, "20 10 c\n") != NULL);
        CHECK(strstr(v.stream, "1 0 0 RG") != NULL);
        bc_buf packed = {0};
        bc_image_pack(img, &packed);
        const bc_image *back = bc_image_unpack(packed.data + 4, packed.len - 4, a);
        CHECK(back && back->enc == BC_IMAGE_VECTOR && back->len == img->len && back->hash == img->hash &&
              !memcmp(back->data, img->data, img->len));
        bc_buf_free(&packed);
    }
    bc_arena_free(a);
    return check_done();
}
