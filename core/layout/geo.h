/*
** geo.h — GeoJSON regions for choropleth maps (s:chart{kind = "map"}): read with cJSON under
** caps, projected, and drawn by chart_map.c.
**
** Pipeline: s:chart (lua/api_map.c reads the file through the door) -> bc_geo_parse (here)
** -> bc_chart.geo (doc.h) -> bc_chart_map_draw (chart_map.c) -> a vector Form (vec.h) for the
** shapes, ops for labels and legend.
** Read: a FeatureCollection of Features whose geometry is a Polygon or MultiPolygon (holes
** kept: rings are filled even-odd), each named by a property. Longitudes -180..180, latitudes
** -90..90, all finite. Caps: 10,000 features, 1,000,000 points, 32 MB of JSON.
*/
#ifndef BC_GEO_H
#define BC_GEO_H

#include <stddef.h>

#include "base/util.h"

#define BC_GEO_MAX_FEATURES 10000
#define BC_GEO_MAX_POINTS 1000000
#define BC_GEO_MAX_BYTES ((size_t)32 << 20)

typedef enum { BC_PROJ_EQUIRECT, BC_PROJ_MERCATOR } bc_geo_proj;

typedef struct bc_geo_feature {
    const char *name;         /* the naming property's value */
    int nrings;
    const int *ring_len;      /* points in each ring */
    const double *pts;        /* lon, lat pairs, ring after ring */
    int npts;
    double lx, ly;            /* where its label goes (lon, lat): the centroid of its largest ring */
} bc_geo_feature;

typedef struct bc_geo {
    int n;
    bc_geo_feature *f;
    double lon0, lat0, lon1, lat1; /* the bounds of every point */
    bc_geo_proj proj;         /* how the map is drawn (s:chart's projection) */
    int labels;               /* names drawn at their regions */
} bc_geo;

/* Parses GeoJSON text (len bytes) into a, naming features by the property prop. shown names
   the file in messages. */
bc_status bc_geo_parse(const char *text, size_t len, const char *shown, const char *prop,
                       bc_arena *a, bc_geo **out, bc_error *err);

/* Projects (lon, lat) to plane coordinates (x east, y north, arbitrary units), for g's
   bounds (equirectangular is scaled by the cosine of the middle latitude). */
void bc_geo_project(const bc_geo *g, bc_geo_proj proj, double lon, double lat, double *x, double *y);

/* The index of the feature named name, or -1. */
int bc_geo_find(const bc_geo *g, const char *name);

#endif
