/* geodump.c — prints the regions briefc reads from a GeoJSON or TopoJSON file, one line per
   ring ("name<TAB>ring k<TAB>lon,lat lon,lat ..." to 1e-9), for e2e_maps_world to compare with
   topojson-client's decoding (decode.js). Usage: geodump FILE [PROPERTY [OBJECT]]. */
#include <stdio.h>
#include <stdlib.h>

#include "layout/geo.h"

int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 2;
    static char buf[32 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    bc_arena *a = bc_arena_new();
    bc_error err;
    bc_geo *g;
    if (bc_geo_parse(buf, len, argv[1], argc > 2 ? argv[2] : "name", argc > 3 ? argv[3] : NULL, a,
                     &g, &err) != BC_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    for (int i = 0; i < g->n; i++) {
        const double *v = g->f[i].pts;
        for (int r = 0; r < g->f[i].nrings; r++) {
            printf("%s\tring %d\t", g->f[i].name, r);
            for (int k = 0; k < g->f[i].ring_len[r]; k++, v += 2)
                printf("%s%.9f,%.9f", k ? " " : "", v[0], v[1]);
            printf("\n");
        }
    }
    bc_arena_free(a);
    return 0;
}
