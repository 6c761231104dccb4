/*
** geo_int.h — what geo.c (GeoJSON, the regions' store) shares with geo_topo.c (TopoJSON): one
** reader state that collects a feature's rings under the caps and files it with its name.
*/
#ifndef BC_GEO_INT_H
#define BC_GEO_INT_H

#include <cJSON.h>

#include "layout/geo.h"

typedef struct bc_geo_rd {
    const char *shown, *kind; /* the file as messages name it; "geojson" or "topojson" */
    bc_error *err;
    bc_arena *a;
    long total; /* points so far */
    bc_geo *g;
    bc_buf pts, lens, fixed; /* the feature being read: lon, lat pairs; ring lengths; flags */
} bc_geo_rd;

/* Sets the error "<kind> '<file>': <what>" and returns BC_ERR. */
bc_status bc_geo_bad(bc_geo_rd *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Adds one ring of n lon, lat pairs (fixed: per point flags or NULL) to the feature being read
   (feature fi, for messages): checks ranges and the point cap, drops a closing point that
   repeats the first. */
bc_status bc_geo_ring_add(bc_geo_rd *p, int fi, const double *v, int n, const unsigned char *fixed);

/* Files the feature read since the last call under name (unique, non-empty). */
bc_status bc_geo_feature_end(bc_geo_rd *p, int fi, const char *name);

/* The name of a feature: props[prop] as text (a number printed into num), or its id when prop
   is "id"; NULL when it has none. */
const char *bc_geo_name_of(const cJSON *props, const cJSON *id, const char *prop, char num[32]);

/* A TopoJSON file's arcs as written (before the transform): n arcs, each len[i] x, y pairs
   from xy + 2 start[i]; malloc'd. */
typedef struct bc_geo_rawarcs {
    int n, *start, *len;
    double *xy;
} bc_geo_rawarcs;

/* The fast path for TopoJSON text t: when its top-level "arcs" member reads as arcs, fills raw
   and sets *rest (malloc'd) to t with "[]" in place of the arcs, and returns 1; else 0. */
int bc_geo_topo_prescan(const char *t, size_t n, bc_geo_rawarcs *raw, char **rest,
                        size_t *rest_len);
void bc_geo_rawarcs_free(bc_geo_rawarcs *raw);

/* Reads a TopoJSON Topology (root) into p->g; its arcs from raw when not NULL. */
bc_status bc_geo_topo_read(bc_geo_rd *p, const cJSON *root, const bc_geo_rawarcs *raw,
                           const char *prop, const char *object);

#endif
