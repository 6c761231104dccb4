/* fuzz_cff.c — OpenType CFF outlines and collections: any bytes given as a 'CFF ' table are
   refused or give a CID per glyph (cff.c), and as a font file (a .ttc or an .otf) the faces,
   names, styles and glyph bounds read within bounds (sfnt.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/cff.h"
#include "text/sfnt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the bytes as a bare CFF table, in a buffer of exactly their size */
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    uint16_t cids[300];
    int keyed;
    if (bc_cff_valid(copy, size)) bc_cff_cids(copy, size, size % 300, cids, &keyed);
    /* … and as a font file: every face of a collection, its names and glyph boxes */
    unsigned faces = bc_sfnt_faces(copy, size);
    for (unsigned face = 0; face < faces && face < 4; face++) {
        bc_sfnt s;
        if (bc_sfnt_open_face(&s, copy, size, face) != 0) continue;
        char name[128];
        int w, it, lo, hi;
        bc_sfnt_family(&s, name, sizeof name);
        bc_sfnt_style(&s, &w, &it);
        bc_sfnt_typo_extents(&s, &hi, &lo);
        for (uint32_t g = 0; g < 64; g++) bc_sfnt_glyph_box(&s, g, &lo, &hi);
        bc_sfnt_table t = bc_sfnt_get(&s, BC_SFNT_TAG('C', 'F', 'F', ' '));
        if (t.len && bc_cff_valid(t.p, t.len) && s.nglyphs <= 300)
            bc_cff_cids(t.p, t.len, s.nglyphs, cids, &keyed);
    }
    free(copy);
    return 0;
}
