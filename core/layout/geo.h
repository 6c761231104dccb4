/*
** geo.h — regions for maps (s:chart{kind = "map"}): GeoJSON or TopoJSON read with cJSON under
** caps, projected, simplified to the page's resolution and labelled at their widest point.
**
** Pipeline: s:chart (lua/api_map.c reads the file through the door, or the shipped world)
** -> bc_geo_parse (here; TopoJSON in geo_topo.c) -> bc_chart.geo (doc.h) -> bc_chart_map_draw
** (chart_map.c) -> a vector Form (vec.h) for the shapes, ops for labels, points and legend.
** Read: a GeoJSON FeatureCollection of Polygon / MultiPolygon features, or a TopoJSON Topology
** (quantized and delta-encoded arcs, shared borders) whose object is a GeometryCollection of
** Polygon / MultiPolygon geometries; each named by a property. Holes are kept (rings are filled
** even-odd). Longitudes -180..180, latitudes -90..90, all finite. Caps: 10,000 features,
** 1,000,000 points, 32 MB of JSON. The geometry-level helpers (projection, simplification,
** pole of inaccessibility, class breaks) are pure functions, tested in unit_geo.
*/
#ifndef BC_GEO_H
#define BC_GEO_H

#include <stddef.h>

#include "base/util.h"

#define BC_GEO_MAX_FEATURES 10000
#define BC_GEO_MAX_POINTS 1000000
#define BC_GEO_MAX_BYTES ((size_t)32 << 20)
#define BC_GEO_MAX_MARKS 200 /* points (cities) on one map */
#define BC_GEO_MAX_CLASSES 9

typedef enum {
    BC_PROJ_EQUIRECT,
    BC_PROJ_MERCATOR,
    BC_PROJ_NATURAL_EARTH,
    BC_PROJ_ALBERS,
    BC_PROJ_ORTHO
} bc_geo_proj;
typedef enum {
    BC_BREAKS_EQUAL,
    BC_BREAKS_QUANTILE,
    BC_BREAKS_JENKS,
    BC_BREAKS_GIVEN
} bc_geo_breaks;

typedef struct bc_geo_feature {
    const char *name; /* the naming property's value */
    int nrings;
    const int *ring_len;        /* points in each ring */
    const double *pts;          /* lon, lat pairs, ring after ring */
    const unsigned char *fixed; /* per point: 1 where TopoJSON arcs meet (kept by simplification
                                   so shared borders simplify alike); NULL for GeoJSON */
    int npts;
    double lx, ly;                 /* the centroid of its largest ring (lon, lat) */
    double lon0, lat0, lon1, lat1; /* its bounds */
    int highlight;                 /* drawn in the accent colour on a locator map */
} bc_geo_feature;

typedef struct bc_geo_mark { /* a point on the map: a city */
    const char *name;
    double lon, lat;
    int capital; /* drawn as a ringed dot */
} bc_geo_mark;

typedef struct bc_geo {
    int n;
    bc_geo_feature *f;
    double lon0, lat0, lon1, lat1; /* the bounds of every point */
    bc_geo_proj proj;              /* how the map is drawn (s:chart's projection) */
    int labels;                    /* names drawn at their regions */
    int locator;                   /* no values: regions neutral, highlighted ones in the accent */
    int has_extent; /* ext: the lon0, lat0, lon1, lat1 the frame shows (else bounds) */
    double ext[4];
    bc_geo_breaks breaks;
    int nclasses;                         /* 0: chosen from the values */
    double given[BC_GEO_MAX_CLASSES + 1]; /* BC_BREAKS_GIVEN: ngiven edges, ascending */
    int ngiven;
    bc_geo_mark *marks;
    int nmarks;
    int has_centre; /* centre: orthographic's point of view; Albers' central meridian
                                 (centre[0]); else the middle of the extent or the bounds */
    double centre[2];
    int has_parallels; /* Albers' standard parallels; else at 1/6 and 5/6 of the extent's
                                 (or bounds') latitudes */
    double parallels[2];
} bc_geo;

/* Parses GeoJSON or TopoJSON text (len bytes) into a, naming features by the property prop
   (TopoJSON: also "id", a geometry's id). object picks a TopoJSON object (NULL: the first).
   shown names the file in messages. */
bc_status bc_geo_parse(const char *text, size_t len, const char *shown, const char *prop,
                       const char *object, bc_arena *a, bc_geo **out, bc_error *err);

/* bc_geo_parse through the process's cache (geo_cache.c): the same bytes, property and object
   parsed once per process. The bc_geo and its feature array are the caller's, in a; the
   points, rings and names are shared and must not be changed. */
bc_status bc_geo_parse_cached(const char *text, size_t len, const char *shown, const char *prop,
                              const char *object, bc_arena *a, bc_geo **out, bc_error *err);

/* Frees the cache's entries (at exit). */
void bc_geo_release(void);

/* Projects (lon, lat) to plane coordinates (x east, y north, in degrees at the equator), for
   g's bounds (equirectangular is scaled by the cosine of the middle latitude of the extent,
   or of the bounds). g may be NULL for the projections that need no bounds. */
void bc_geo_project(const bc_geo *g, bc_geo_proj proj, double lon, double lat, double *x,
                    double *y);

/* Whether (lon, lat) is on the visible side: orthographic's front hemisphere (a point behind
   is projected onto the rim); always for the other projections. */
int bc_geo_visible(const bc_geo *g, double lon, double lat);

/* Where a map's frame of w x h points puts (lon, lat): X = ox + x s, Y = oy + (top - y) s, y
   down, from the frame's top left corner. */
typedef struct bc_geo_fit {
    const bc_geo *g;
    double s, ox, oy, top;
} bc_geo_fit;

/* Fits g's extent (or, without one, every point) projected into w x h, as large as it goes
   and centred. An extent's sides are sampled, as they curve in some projections. */
void bc_geo_fit_frame(const bc_geo *g, double w, double h, bc_geo_fit *f);
void bc_geo_to_frame(const bc_geo_fit *f, double lon, double lat, double *X, double *Y);

/* Whether any ring of feature i meets g's extent (every feature when it has none). */
int bc_geo_shown(const bc_geo *g, int i);

/* The index of the feature named name, or -1. */
int bc_geo_find(const bc_geo *g, const char *name);

/* Douglas-Peucker over the points xy[0..n) (x, y pairs) of one open piece: sets keep[i] for
   the points that stay, so that every dropped point lies within tol of the kept polyline; the
   two ends always stay. Deterministic in the direction of the piece, so a shared border
   simplifies alike in both neighbours. Returns the number kept. */
int bc_geo_simplify(const double *xy, int n, double tol, unsigned char *keep);

/* The pole of inaccessibility of the region made of rings (xy pairs; ring_len[k] points each,
   even-odd) within the rectangle [bx0, bx1] x [by0, by1]: the point farthest from every edge
   and from the rectangle's sides, found to within prec. Returns that distance (<= 0 when the
   region has no inside in the rectangle) and the point in *px, *py. */
double bc_geo_pole(const double *xy, const int *ring_len, int nrings, double bx0, double by0,
                   double bx1, double by1, double prec, double *px, double *py);

/* Class edges for values v[0..n) (NaN skipped) into edges[0..k]: equal steps (nice numbers),
   quantiles or Jenks natural breaks. k in 1..BC_GEO_MAX_CLASSES, or 0 to choose (equal: from
   nice ticks; else 5 or fewer with few distinct values). Returns the number of classes (0: no
   values). Edges are ascending; edges[0] is the least value (or its nice floor), edges[k] the
   greatest. */
int bc_geo_breaks_of(const double *v, int n, bc_geo_breaks how, int k, double *edges);

/* The class of value x among k classes with edges e[0..k] (the last is closed). */
int bc_geo_class(const double *e, int k, double x);

/* The central meridian the projection turns the world about (Albers' centre[0], else the
   middle of the extent or the bounds), degrees. */
double bc_geo_central_meridian(const bc_geo *g);

/* Feature e cut at the antimeridian of g's projection when it is turned (Albers about a
   central meridian other than 0: geo_cut.c), into *out (e's fields, its rings replaced);
   returns the block to free once out is used, or NULL when there is nothing to cut (out
   untouched: draw e) or no memory. */
void *bc_geo_cut_feature(const bc_geo *g, const bc_geo_feature *e, bc_geo_feature *out);

#endif
