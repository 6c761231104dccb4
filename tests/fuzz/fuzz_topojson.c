/* fuzz_topojson.c — map files handed to s:chart{kind = "map"}: any bytes are refused cleanly
   (geo.c, geo_topo.c) or read into regions whose invariants hold: every point inside the
   longitude and latitude ranges, ring lengths adding up to the points, names unique and not
   empty. Each region is then fitted, simplified and given a pole as chart_map.c would, and class
   breaks are made from made-up values. Seeds: TopoJSON and GeoJSON, small and hostile. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout/geo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_arena *a = bc_arena_new();
    bc_error err;
    bc_geo *g = NULL;
    if (bc_geo_parse((const char *)data, size, "fuzz.topojson", "name", NULL, a, &g, &err) ==
        BC_OK) {
        double *vals = malloc((size_t)g->n * sizeof *vals);
        for (int i = 0; i < g->n; i++) {
            const bc_geo_feature *e = &g->f[i];
            int sum = 0;
            for (int r = 0; r < e->nrings; r++) sum += e->ring_len[r];
            if (sum != e->npts || !e->name[0] || e->nrings < 1) abort();
            for (int k = 0; k < i; k++)
                if (!strcmp(g->f[k].name, e->name)) abort();
            for (int p = 0; p < e->npts; p++)
                if (!(fabs(e->pts[2 * p]) <= 180) || !(fabs(e->pts[2 * p + 1]) <= 90)) abort();
            vals[i] = e->npts % 7 == 0 ? NAN : e->lx * e->npts;
        }
        for (int proj = 0; proj < 3; proj++) {
            g->proj = (bc_geo_proj)proj;
            bc_geo_fit f;
            bc_geo_fit_frame(g, 300, 200, &f);
            for (int i = 0; i < g->n && i < 50; i++) {
                const bc_geo_feature *e = &g->f[i];
                double *xy = malloc((size_t)e->npts * 2 * sizeof *xy);
                unsigned char *keep = malloc((size_t)e->npts);
                for (int p = 0; p < e->npts; p++) {
                    bc_geo_to_frame(&f, e->pts[2 * p], e->pts[2 * p + 1], &xy[2 * p],
                                    &xy[2 * p + 1]);
                    if (!isfinite(xy[2 * p]) || !isfinite(xy[2 * p + 1])) abort();
                }
                int off = 0;
                for (int r = 0; r < e->nrings; off += e->ring_len[r++])
                    if (bc_geo_simplify(xy + 2 * off, e->ring_len[r], 0.2, keep) < 2) abort();
                double px, py;
                bc_geo_pole(xy, e->ring_len, e->nrings, 0, 0, 300, 200, 0.5, &px, &py);
                free(xy);
                free(keep);
            }
        }
        double edges[BC_GEO_MAX_CLASSES + 1];
        for (int how = 0; how < 3; how++) {
            int k = bc_geo_breaks_of(vals, g->n, (bc_geo_breaks)how, 5, edges);
            for (int c = 0; c < k; c++)
                if (!(edges[c + 1] > edges[c])) abort();
        }
        free(vals);
    }
    bc_arena_free(a);
    return 0;
}
