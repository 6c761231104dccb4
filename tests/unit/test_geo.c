/*
** test_geo.c — maps and vector art without files: GeoJSON regions parsed (holes, MultiPolygon,
** closing points dropped, label points), projections of known points, each refusal's message;
** the vec.h blob refused when cut or altered anywhere in its header; an SVG's arc ending exactly
** on its end point; a vector image packed for a batch worker and back. Then maps' geometry:
** TopoJSON decoded (quantized, delta-encoded, reversed arcs, junctions fixed, ids, rings cut at
** the antimeridian) and its refusals; Natural Earth and Mercator against d3-geo's values; the
** fit of an extent to a frame; Douglas-Peucker's error bound over a random ring; the pole of
** inaccessibility; quantile, Jenks and equal breaks.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

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

/* Two squares side by side sharing the border lon = 11 (arc 1), quantized by 0.5 and
   delta-encoded, both rings clockwise: left = arcs 0 and 1, right = arcs 2 and ~1 (arc 1
   reversed). */
static const char *topo_json =
    "{\"type\":\"Topology\",\"transform\":{\"scale\":[0.5,0.5],\"translate\":[10,20]},"
    "\"objects\":{\"other\":{\"type\":\"GeometryCollection\",\"geometries\":[]},"
    "\"squares\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "{\"type\":\"Polygon\",\"id\":\"076\",\"properties\":{\"name\":\"Left\"},\"arcs\":[[0,1]]},"
    "{\"type\":\"Polygon\",\"id\":\"032\",\"properties\":{\"name\":\"Right\"},\"arcs\":[[2,-2]]},"
    "{\"type\":null,\"properties\":{\"name\":\"Nowhere\"}}]}},"
    "\"arcs\":[[[2,0],[-2,0],[0,2],[2,0]],[[2,2],[0,-2]],[[2,2],[2,0],[0,-2],[-2,0]]]}";

static const char *topo_msg(const char *json, const char *object)
{
    static bc_error e;
    bc_arena *a = bc_arena_new();
    bc_geo *g = NULL;
    bc_status st = bc_geo_parse(json, strlen(json), "t.topojson", "name", object, a, &g, &e);
    bc_arena_free(a);
    return st == BC_OK ? "ok" : e.msg;
}

static void topo(void)
{
    bc_arena *a = bc_arena_new();
    bc_error err;
    bc_geo *g = NULL;
    CHECK(bc_geo_parse(topo_json, strlen(topo_json), "t.topojson", "name", "squares", a, &g,
                       &err) == BC_OK);
    CHECK(g && g->n == 2); /* the null geometry is skipped */
    if (g && g->n == 2) {
        /* Left: arc 0 = (11,20) (10,20) (10,21) (11,21), then arc 1 = (11,21) (11,20) */
        static const double left[] = {11, 20, 10, 20, 10, 21, 11, 21};
        CHECK_STR(g->f[0].name, "Left");
        CHECK(g->f[0].nrings == 1 && g->f[0].npts == 4);
        for (int i = 0; i < 8 && g->f[0].npts == 4; i++) CHECK_NEAR(g->f[0].pts[i], left[i], 1e-12);
        CHECK(g->f[0].fixed && g->f[0].fixed[0] && g->f[0].fixed[3] && !g->f[0].fixed[1]);
        /* Right: arc 2 = (11,21) (12,21) (12,20) (11,20), then arc 1 reversed: (11,20) (11,21) */
        static const double right[] = {11, 21, 12, 21, 12, 20, 11, 20};
        CHECK(g->f[1].npts == 4);
        for (int i = 0; i < 8 && g->f[1].npts == 4; i++)
            CHECK_NEAR(g->f[1].pts[i], right[i], 1e-12);
        CHECK_NEAR(g->lon0, 10, 1e-12);
        CHECK_NEAR(g->lon1, 12, 1e-12);
    }
    CHECK(bc_geo_parse(topo_json, strlen(topo_json), "t.topojson", "id", "squares", a, &g, &err) ==
          BC_OK);
    CHECK(g && g->n == 2 && !strcmp(g->f[0].name, "076") && !strcmp(g->f[1].name, "032"));
    /* the arcs' fast path (a scanner of their own) and cJSON's (taken when the scanner meets
       what it does not expect: here an array as a third coordinate) read alike */
    const char *fast = "{\"type\":\"Topology\",\"arcs\" : [ [ [ 0.5e1 , -2.25E0 ,7], [1,0], [0,1]],"
                       "[[0,0],[1,1],[2,0]]],\"objects\":{\"o\":{\"type\":\"GeometryCollection\","
                       "\"geometries\":[{\"type\":\"Polygon\",\"properties\":{\"name\":\"a\"},"
                       "\"arcs\":[[0,1]]}]}}}";
    const char *slow =
        "{\"type\":\"Topology\",\"arcs\" : [ [ [ 0.5e1 , -2.25E0 ,[7]], [1,0], [0,1]],"
        "[[0,0],[1,1],[2,0]]],\"objects\":{\"o\":{\"type\":\"GeometryCollection\","
        "\"geometries\":[{\"type\":\"Polygon\",\"properties\":{\"name\":\"a\"},\"arcs\":[[0,1]]}]}}"
        "}";
    bc_geo *g2 = NULL;
    CHECK(bc_geo_parse(fast, strlen(fast), "f.topojson", "name", NULL, a, &g, &err) == BC_OK);
    CHECK(bc_geo_parse(slow, strlen(slow), "s.topojson", "name", NULL, a, &g2, &err) == BC_OK);
    CHECK(g && g2 && g->n == 1 && g2->n == 1 && g->f[0].npts == g2->f[0].npts &&
          g->f[0].npts == 5 &&
          !memcmp(g->f[0].pts, g2->f[0].pts, (size_t)g->f[0].npts * 2 * sizeof(double)));
    if (g && g->n == 1) CHECK_NEAR(g->f[0].pts[1], -2.25, 0);
    /* a broken file reports cJSON's line, not the fast path's */
    CHECK_STR(
        topo_msg("{\"type\":\"Topology\",\"arcs\":[[[0,0],\n[1,0]]],\n\"objects\":{,}}", NULL),
        "geojson 't.topojson' is not valid JSON (near line 3)");
    /* the first object is "other", which is empty */
    CHECK_STR(topo_msg(topo_json, NULL), "topojson 't.topojson': needs 1 to 10000 features");
    CHECK_STR(topo_msg(topo_json, "sqaures"),
              "topojson 't.topojson': has no object 'sqaures' (its objects: other, squares)");
    CHECK_STR(
        topo_msg("{\"type\":\"Topology\",\"objects\":{\"o\":{\"type\":\"Polygon\",\"properties\":"
                 "{\"name\":\"a\"},\"arcs\":[[3]]}},\"arcs\":[[[0,0],[1,0],[1,1],[0,0]]]}",
                 NULL),
        "topojson 't.topojson': feature 1: arc index out of range is not one of the 1 arcs");
    CHECK_STR(
        topo_msg("{\"type\":\"Topology\",\"objects\":{\"o\":{\"type\":\"Polygon\",\"properties\":"
                 "{\"name\":\"a\"},\"arcs\":[[-2]]}},\"arcs\":[[[0,0],[1,0],[1,1],[0,0]]]}",
                 NULL),
        "topojson 't.topojson': feature 1: arc index out of range is not one of the 1 arcs");
    CHECK_STR(
        topo_msg("{\"type\":\"Topology\",\"objects\":{\"o\":{\"type\":\"Polygon\",\"properties\":"
                 "{\"name\":\"a\"},\"arcs\":[[0.5]]}},\"arcs\":[[[0,0],[1,0],[1,1],[0,0]]]}",
                 NULL),
        "topojson 't.topojson': feature 1: arc index not a whole number is not one of the 1 arcs");
    CHECK_STR(topo_msg("{\"type\":\"Topology\",\"objects\":{\"o\":{}},\"arcs\":[[[0,0]]]}", NULL),
              "topojson 't.topojson': arc 0 needs at least two positions");
    CHECK_STR(topo_msg("{\"type\":\"Topology\",\"transform\":{\"scale\":[0,1],\"translate\":[0,0]},"
                       "\"objects\":{\"o\":{}},\"arcs\":[]}",
                       NULL),
              "topojson 't.topojson': the transform needs a scale of two non-zero numbers and a "
              "translate of two numbers");
    CHECK_STR(
        topo_msg(
            "{\"type\":\"Topology\",\"objects\":{\"o\":{\"type\":\"LineString\",\"properties\":"
            "{\"name\":\"a\"},\"arcs\":[0]}},\"arcs\":[[[0,0],[1,0]]]}",
            NULL),
        "topojson 't.topojson': feature 1 is a LineString; a map draws Polygon and MultiPolygon "
        "regions");
    CHECK_STR(
        topo_msg("{\"type\":\"Topology\",\"objects\":{\"o\":{\"type\":\"Polygon\",\"properties\":"
                 "{\"name\":\"a\"},\"arcs\":[[0]]}},\"arcs\":[[[0,0],[200,0],[200,1],[0,0]]]}",
                 NULL),
        "topojson 't.topojson': feature 1: a position is outside longitude -180..180, latitude "
        "-90..90");
    CHECK_STR(topo_msg("{\"type\":\"Topology\",\"objects\":[],\"arcs\":[]}", NULL),
              "topojson 't.topojson': a Topology needs objects");
    /* a ring across the antimeridian is cut into its two sides */
    const char *fiji =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        "\"properties\":{\"name\":\"F\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[178,-16],[-178,-16],[-178,-18],[178,-18],[178,-16]]]}}]}";
    CHECK(bc_geo_parse(fiji, strlen(fiji), "f.geojson", "name", NULL, a, &g, &err) == BC_OK);
    CHECK(g && g->n == 1 && g->f[0].nrings == 2);
    if (g && g->f[0].nrings == 2) {
        int ok = 1;
        for (int i = 0; i < g->f[0].npts; i++) {
            double lon = g->f[0].pts[2 * i];
            ok &= fabs(lon) >= 178 - 1e-9 && fabs(lon) <= 180;
        }
        CHECK(ok); /* every point on the near side of 180, none across the map */
        CHECK_NEAR(g->lon0, -180, 1e-9);
        CHECK_NEAR(g->lon1, 180, 1e-9);
    }
    bc_arena_free(a);
}

static void projections(void)
{
    /* d3-geo 3.1.1 geoNaturalEarth1Raw and geoMercatorRaw, in degrees (see tests/maps) */
    static const double ne[][4] = {{0, 0, 0, 0},
                                   {180, 0, 156.726, 0},
                                   {0, 90, 0, 81.496972855},
                                   {-120, 45, -94.117391820, 45.438497837},
                                   {73.05, 33.69, 60.152091973, 34.060144511},
                                   {180, -90, 86.262027082, -81.496972855}};
    for (size_t i = 0; i < sizeof ne / sizeof ne[0]; i++) {
        double x, y;
        bc_geo_project(NULL, BC_PROJ_NATURAL_EARTH, ne[i][0], ne[i][1], &x, &y);
        CHECK_NEAR(x, ne[i][2], 1e-8);
        CHECK_NEAR(y, ne[i][3], 1e-8);
    }
    double x, y;
    bc_geo_project(NULL, BC_PROJ_MERCATOR, -120, 45, &x, &y);
    CHECK_NEAR(y, 50.498986711, 1e-8);
    bc_geo_project(NULL, BC_PROJ_MERCATOR, 73.05, 33.69, &x, &y);
    CHECK_NEAR(y, 35.818095646, 1e-8);
    /* d3-geo 3.1.1 (its src/ run by node: geoConicEqualAreaRaw(p1, p2) at lon - l0, and
       rotateRadians(-l0, -p0, 0) then geoOrthographicRaw), in degrees */
    static const double alb[][7] = {{29.5, 45.5, -96, -96, 23, 0, 21.315386736},
                                    {29.5, 45.5, -96, -120, 45, -16.768623737, 45.491828822},
                                    {29.5, 45.5, -96, -75, 40, 15.811658089, 40.087197751},
                                    {29.5, 45.5, -96, -150, 60, -28.339697260, 66.087186559},
                                    {27, 35, 69, 61, 25, -7.265099048, 24.098412355},
                                    {27, 35, 69, 73.05, 33.69, 3.364436669, 32.598171470},
                                    {27, 35, 69, 66.99, 24.86, -1.829339491, 23.714614896}};
    for (size_t i = 0; i < sizeof alb / sizeof alb[0]; i++) {
        bc_geo ga;
        memset(&ga, 0, sizeof ga);
        ga.proj = BC_PROJ_ALBERS;
        ga.has_parallels = ga.has_centre = 1;
        ga.parallels[0] = alb[i][0], ga.parallels[1] = alb[i][1], ga.centre[0] = alb[i][2];
        bc_geo_project(&ga, BC_PROJ_ALBERS, alb[i][3], alb[i][4], &x, &y);
        CHECK_NEAR(x, alb[i][5], 1e-8);
        CHECK_NEAR(y, alb[i][6], 1e-8);
    }
    static const double ort[][7] = {{69, 30, 73.05, 33.69, 3.367000842, 3.746974295, 1},
                                    {69, 30, 0, 51.5, -33.298443793, 32.441666663, 1},
                                    {69, 30, 100, -10, 29.061192247, -32.799326213, 1},
                                    {69, 30, 69, -60, 0, -57.295779513, 1},
                                    {0, 0, 45, 45, 28.647889757, 40.514234227, 1},
                                    {0, 0, -89, 0, -57.287053088, 0, 1},
                                    {69, 30, -74, 40.7, -26.141579451, 49.702386162, 0}};
    for (size_t i = 0; i < sizeof ort / sizeof ort[0]; i++) {
        bc_geo go;
        memset(&go, 0, sizeof go);
        go.proj = BC_PROJ_ORTHO;
        go.has_centre = 1;
        go.centre[0] = ort[i][0], go.centre[1] = ort[i][1];
        bc_geo_project(&go, BC_PROJ_ORTHO, ort[i][2], ort[i][3], &x, &y);
        CHECK(bc_geo_visible(&go, ort[i][2], ort[i][3]) == (int)ort[i][6]);
        if (ort[i][6]) {
            CHECK_NEAR(x, ort[i][4], 1e-8);
            CHECK_NEAR(y, ort[i][5], 1e-8);
        } else { /* behind: on the rim (a radian from the centre), in the same direction */
            CHECK_NEAR(hypot(x, y), 180 / 3.14159265358979323846, 1e-8);
            CHECK_NEAR(atan2(y, x), atan2(ort[i][5], ort[i][4]), 1e-8);
        }
    }
    /* an extent fitted to a frame: equirectangular at cos 30, 20 x 20 degrees into 300 x 200 */
    bc_geo g;
    memset(&g, 0, sizeof g);
    g.proj = BC_PROJ_EQUIRECT;
    g.has_extent = 1;
    g.ext[0] = 60, g.ext[1] = 20, g.ext[2] = 80, g.ext[3] = 40;
    bc_geo_fit f;
    bc_geo_fit_frame(&g, 300, 200, &f);
    double X, Y, c = cos(30 * 3.14159265358979323846 / 180);
    CHECK_NEAR(f.s, 10, 1e-9);           /* the height fills: 20 degrees in 200 points */
    bc_geo_to_frame(&f, 70, 30, &X, &Y); /* the middle goes to the middle */
    CHECK_NEAR(X, 150, 1e-9);
    CHECK_NEAR(Y, 100, 1e-9);
    bc_geo_to_frame(&f, 60, 40, &X, &Y); /* the north-west corner */
    CHECK_NEAR(X, 150 - 10 * c * 10, 1e-9);
    CHECK_NEAR(Y, 0, 1e-9);
    bc_geo_to_frame(&f, 80, 20, &X, &Y);
    CHECK_NEAR(X, 150 + 10 * c * 10, 1e-9);
    CHECK_NEAR(Y, 200, 1e-9);
    /* Natural Earth's whole world: its widest line (the equator) fills 300 points */
    g.has_extent = 1, g.proj = BC_PROJ_NATURAL_EARTH;
    g.ext[0] = -180, g.ext[1] = -90, g.ext[2] = 180, g.ext[3] = 90;
    bc_geo_fit_frame(&g, 300, 300, &f);
    bc_geo_to_frame(&f, -180, 0, &X, &Y);
    CHECK_NEAR(X, 0, 1e-9);
    bc_geo_to_frame(&f, 180, 0, &X, &Y);
    CHECK_NEAR(X, 300, 1e-9);
    CHECK_NEAR(Y, 150, 1e-9);
}

static double seg(double px, double py, const double *a, const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0) t = fmin(fmax(((px - a[0]) * dx + (py - a[1]) * dy) / l2, 0), 1);
    return hypot(a[0] + t * dx - px, a[1] + t * dy - py);
}

static void simplify(void)
{
    /* a random walk of 5,000 points: every dropped point lies within the tolerance of the
       kept segment that spans it, and far fewer are kept */
    enum { N = 5000 };
    static double xy[2 * N];
    static unsigned char keep[N];
    unsigned s = 12345;
    double x = 0, y = 0;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        x += ((s >> 16) % 1000) / 1000.0 - 0.3;
        s = s * 1103515245u + 12345u;
        y += ((s >> 16) % 1000) / 1000.0 - 0.5;
        xy[2 * i] = x, xy[2 * i + 1] = y;
    }
    for (double tol = 0.2; tol < 3; tol *= 3) {
        int kept = bc_geo_simplify(xy, N, tol, keep), n = 0, worst_ok = 1, prev = 0;
        double worst = 0;
        for (int i = 0; i < N; i++) n += keep[i];
        CHECK(n == kept && keep[0] && keep[N - 1]);
        CHECK(kept < N * 9 / 10);
        for (int i = 1; i < N; i++) {
            if (!keep[i]) continue;
            for (int m = prev + 1; m < i; m++) {
                double d = seg(xy[2 * m], xy[2 * m + 1], &xy[2 * prev], &xy[2 * i]);
                if (d > worst) worst = d;
            }
            prev = i;
        }
        worst_ok = worst <= tol;
        if (!worst_ok) fprintf(stderr, "tolerance %g: a dropped point lies %g away\n", tol, worst);
        CHECK(worst_ok);
    }
    /* a straight line keeps its ends only; reversed, a piece keeps the same points */
    double line[] = {0, 0, 1, 0.01, 2, 0, 3, 0.02, 4, 0};
    unsigned char k[5];
    CHECK(bc_geo_simplify(line, 5, 0.1, k) == 2 && k[0] && k[4] && !k[2]);
    double rev[2 * N];
    static unsigned char krev[N];
    for (int i = 0; i < N; i++)
        rev[2 * i] = xy[2 * (N - 1 - i)], rev[2 * i + 1] = xy[2 * (N - 1 - i) + 1];
    bc_geo_simplify(xy, N, 0.5, keep);
    bc_geo_simplify(rev, N, 0.5, krev);
    int same = 1;
    for (int i = 0; i < N; i++) same &= keep[i] == krev[N - 1 - i];
    CHECK(same);
}

static void pole(void)
{
    double x, y;
    /* a square: its middle */
    double sq[] = {0, 0, 10, 0, 10, 10, 0, 10};
    int one[] = {4};
    CHECK_NEAR(bc_geo_pole(sq, one, 1, -100, -100, 100, 100, 0.01, &x, &y), 5, 0.01);
    CHECK_NEAR(x, 5, 0.05);
    CHECK_NEAR(y, 5, 0.05);
    /* cut by the frame at x = 6: the middle of what is seen */
    CHECK_NEAR(bc_geo_pole(sq, one, 1, 0, 0, 6, 100, 0.01, &x, &y), 3, 0.01);
    CHECK_NEAR(x, 3, 0.05);
    /* an L with arms 10 wide: its widest point is on the diagonal of the corner, where the
       circle touches both outer sides and the inner corner: c = sqrt 2 (10 - c) */
    double el[] = {0, 0, 30, 0, 30, 10, 10, 10, 10, 30, 0, 30};
    int six[] = {6};
    double d = bc_geo_pole(el, six, 1, -100, -100, 100, 100, 0.01, &x, &y),
           c = 10 * sqrt(2) / (1 + sqrt(2));
    CHECK_NEAR(d, c, 0.02);
    CHECK_NEAR(x, c, 0.1);
    CHECK_NEAR(y, c, 0.1);
    /* a square with a hole in its middle: the pole avoids the hole */
    double holed[] = {0, 0, 10, 0, 10, 10, 0, 10, 3, 3, 7, 3, 7, 7, 3, 7};
    int two[] = {4, 4};
    d = bc_geo_pole(holed, two, 2, -100, -100, 100, 100, 0.01, &x, &y);
    CHECK(d > 1.4 && !(x > 3 && x < 7 && y > 3 && y < 7));
    /* outside the frame: nothing */
    CHECK(bc_geo_pole(sq, one, 1, 20, 20, 30, 30, 0.01, &x, &y) <= 0);
}

static void breaks(void)
{
    double e[BC_GEO_MAX_CLASSES + 1];
    double v[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(bc_geo_breaks_of(v, 10, BC_BREAKS_QUANTILE, 5, e) == 5);
    static const double q[] = {1, 2.8, 4.6, 6.4, 8.2, 10}; /* R's type 7, as d3.quantile */
    for (int i = 0; i < 6; i++) CHECK_NEAR(e[i], q[i], 1e-9);
    double j[] = {31, 1, 12, 2, NAN, 3, 10, 11, 30};
    CHECK(bc_geo_breaks_of(j, 9, BC_BREAKS_JENKS, 3, e) == 3);
    static const double jk[] = {1, 3, 12, 31};
    for (int i = 0; i < 4; i++) CHECK_NEAR(e[i], jk[i], 1e-9);
    CHECK(bc_geo_class(e, 3, 3) == 0 && bc_geo_class(e, 3, 10) == 1 && bc_geo_class(e, 3, 31) == 2);
    double eq[] = {0, 8, 3};
    CHECK(bc_geo_breaks_of(eq, 3, BC_BREAKS_EQUAL, 4, e) == 3); /* 3 distinct values: 3 classes */
    CHECK(bc_geo_breaks_of(v, 10, BC_BREAKS_EQUAL, 4, e) == 4);
    CHECK_NEAR(e[1], 3.25, 1e-9);
    double same[] = {4, 4, 4};
    CHECK(bc_geo_breaks_of(same, 3, BC_BREAKS_QUANTILE, 5, e) == 1 && e[1] > e[0]);
    double none[] = {NAN};
    CHECK(bc_geo_breaks_of(none, 1, BC_BREAKS_JENKS, 5, e) == 0);
    /* quantile classes hold about as many values each */
    double skew[100];
    for (int i = 0; i < 100; i++) skew[i] = i * i * i;
    int k = bc_geo_breaks_of(skew, 100, BC_BREAKS_QUANTILE, 4, e), count[4] = {0};
    for (int i = 0; i < 100 && k == 4; i++) count[bc_geo_class(e, 4, skew[i])]++;
    CHECK(k == 4 && count[0] >= 24 && count[0] <= 26 && count[3] >= 24 && count[3] <= 26);
}

/* Albers about 170 E cuts regions at its own antimeridian (10 W, geo_cut.c): a square across
   it becomes two rings, each wholly on one side; a ring around the south pole is closed along
   the edge and the pole; a region away from the edge is left alone. */
static void antimeridian(void)
{
    bc_geo g;
    memset(&g, 0, sizeof g);
    g.proj = BC_PROJ_ALBERS;
    g.has_centre = g.has_parallels = 1;
    g.centre[0] = 170, g.parallels[0] = 20, g.parallels[1] = 50;
    double sq[] = {-20, 10, 0, 10, 0, 30, -20, 30};
    int sq_len[] = {4};
    bc_geo_feature e = {.name = "sq", .nrings = 1, .ring_len = sq_len, .pts = sq, .npts = 4};
    bc_geo_feature c;
    void *mem = bc_geo_cut_feature(&g, &e, &c);
    CHECK(mem && c.nrings == 2);
    for (int r = 0, o = 0; mem && r < c.nrings; o += c.ring_len[r++]) {
        int west = 0, east = 0;
        for (int i = 0; i < c.ring_len[r]; i++) {
            double u = remainder(c.pts[2 * (o + i)] - 170, 360);
            west += u<0, east += u> 0;
            CHECK(fabs(u) < 180);
        }
        CHECK(!west || !east); /* one side of the edge only */
    }
    free(mem);
    double cap[2 * 36];
    for (int i = 0; i < 36; i++) cap[2 * i] = -180 + 10 * i, cap[2 * i + 1] = -70;
    int cap_len[] = {36};
    bc_geo_feature p = {.name = "cap", .nrings = 1, .ring_len = cap_len, .pts = cap, .npts = 36};
    mem = bc_geo_cut_feature(&g, &p, &c);
    CHECK(mem && c.nrings == 1);
    int at_pole = 0;
    for (int i = 0; mem && i < c.npts; i++) at_pole += c.pts[2 * i + 1] == -90;
    CHECK(at_pole > 90); /* the pole's side, densified */
    free(mem);
    double far[] = {100, 0, 120, 0, 120, 20};
    int far_len[] = {3};
    bc_geo_feature f = {.name = "far", .nrings = 1, .ring_len = far_len, .pts = far, .npts = 3};
    CHECK(bc_geo_cut_feature(&g, &f, &c) == NULL);
    g.proj = BC_PROJ_MERCATOR; /* other projections: the reader's cut at 180 is theirs */
    CHECK(bc_geo_cut_feature(&g, &e, &c) == NULL);
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
        CHECK_NEAR(y, 50.498986710526, 1e-9);               /* ln(tan(67.5 deg)) in degrees */
        bc_geo_project(g, BC_PROJ_MERCATOR, 0, 89, &x, &y); /* clamped at 85 */
        CHECK_NEAR(y, 179.4099, 0.001);                     /* ln(tan(87.5 deg)) in degrees */
        bc_geo_project(g, BC_PROJ_EQUIRECT, 10, 3, &x, &y); /* scaled by cos(middle latitude: 5) */
        CHECK_NEAR(x, 10 * cos(5 * 3.14159265358979323846 / 180), 1e-12);
        CHECK_NEAR(y, 3, 1e-12);
    }
    CHECK_STR(msg("{", "name"), "geojson 't.geojson' is not valid JSON (near line 1)");
    CHECK_STR(msg("{\"type\":\"Feature\"}", "name"),
              "geojson 't.geojson': must be a FeatureCollection with a list of features (or a "
              "TopoJSON Topology)");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[]}", "name"),
              "geojson 't.geojson': needs 1 to 10000 features");
    CHECK_STR(msg(good, "NAME"),
              "geojson 't.geojson': feature 1 has no property 'NAME' to name it (set geo_key)");
    CHECK_STR(
        msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}",
            "name"),
        "geojson 't.geojson': feature 1 is a Point; a map draws Polygon and MultiPolygon regions");
    CHECK_STR(
        msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1e999]]]}}]}",
            "name"),
        "geojson 't.geojson': feature 1: a position is outside longitude -180..180, latitude "
        "-90..90");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0]]]}}]}",
                  "name"),
              "geojson 't.geojson': feature 1: a ring needs at least three positions");
    CHECK_STR(msg("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]]]}},"
                  "{\"properties\":{\"name\":\"a\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]]]}}]}",
                  "name"),
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
    CHECK(bc_image_decode((const unsigned char *)svg, strlen(svg), "t.svg", a, &img, &err) ==
          BC_OK);
    if (img) {
        CHECK(img->enc == BC_IMAGE_VECTOR && img->w == 40 && img->h == 20);
        CHECK(bc_vec_view_of(img->data, img->len, &v));
        CHECK(strstr(v.stream, "20 10 c\n") != NULL);
        CHECK(strstr(v.stream, "1 0 0 RG") != NULL);
        bc_buf packed = {0};
        bc_image_pack(img, &packed);
        const bc_image *back = bc_image_unpack(packed.data + 4, packed.len - 4, a);
        CHECK(back && back->enc == BC_IMAGE_VECTOR && back->len == img->len &&
              back->hash == img->hash && !memcmp(back->data, img->data, img->len));
        bc_buf_free(&packed);
    }
    bc_arena_free(a);
    topo();
    projections();
    simplify();
    antimeridian();
    pole();
    breaks();
    return check_done();
}
