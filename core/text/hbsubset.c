/*
** hbsubset.c — HarfBuzz's subsetter through dlopen (see hbsubset.h). The library is opened once per
** process and kept; each entry point is looked up by name, and a missing one is reported as
** an old or broken HarfBuzz rather than a crash.
*/
#include "text/hbsubset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>

#include "base/dl.h"
#include "text/sfnt.h"

#define HB_LIBRARY BC_HBSUBSET_LIBRARY

/* The entry points we use, with HarfBuzz's own prototypes. */
#define HB_FUNCS(X)                   \
    X(hb_blob_create)                 \
    X(hb_blob_destroy)                \
    X(hb_blob_get_data)               \
    X(hb_face_create)                 \
    X(hb_face_destroy)                \
    X(hb_face_reference_blob)         \
    X(hb_map_get)                     \
    X(hb_set_add)                     \
    X(hb_set_get_population)          \
    X(hb_subset_input_create_or_fail) \
    X(hb_subset_input_destroy)        \
    X(hb_subset_input_set)            \
    X(hb_subset_input_set_flags)      \
    X(hb_subset_input_unicode_set)    \
    X(hb_subset_plan_create_or_fail)  \
    X(hb_subset_plan_destroy)         \
    X(hb_subset_plan_execute_or_fail) \
    X(hb_subset_plan_old_to_new_glyph_mapping)

static struct {
    int tried;
    void *lib;
    char why[256];
#define X(name) __typeof__(&name) name;
    HB_FUNCS(X)
#undef X
} hb;

static int hb_load(void)
{
    if (hb.tried) return hb.lib != NULL;
    hb.tried = 1;
    static const char *const names[] = {HB_FUNCS(BC_DL_NAME)};
#define HB_SLOT(name) BC_DL_SLOT(hb, name)
    void **const slots[] = {HB_FUNCS(HB_SLOT)};
#undef HB_SLOT
    hb.lib =
        bc_dl_open(HB_LIBRARY, names, slots, sizeof names / sizeof *names, hb.why, sizeof hb.why);
    return hb.lib != NULL;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

bc_status bc_hbsubset_run(const unsigned char *font, size_t len, unsigned index, const char *path,
                          const uint32_t *cps, int n, const uint32_t *gids, int ngids,
                          uint32_t *new_gids, bc_buf *out, bc_error *err)
{
    if (!hb_load())
        return bc_error_set(err, path, 0,
                            "cannot subset font '%s': %s (install libharfbuzz-subset0)", path,
                            hb.why);
    if (len > 0x7FFFFFFF) return bc_error_set(err, path, 0, "font '%s' is too large", path);
    hb_subset_input_t *in = hb.hb_subset_input_create_or_fail();
    if (!in) return bc_error_set(err, path, 0, "cannot subset font (out of memory)");
    hb_set_t *keep = hb.hb_subset_input_unicode_set(in);
    int retain = 0;
    for (int i = 0; i < n; i++) hb.hb_set_add(keep, cps[i]);
    if (ngids) { /* shaped glyphs: their ids in the subset are read from the plan */
        /* Only glyphs no code point asked for already reaches go into the glyph set, and a
           Latin ligature the cmap gives for its presentation form (U+FB00..U+FB06) is asked
           for by that code point: a glyph set makes HarfBuzz walk the font's whole cmap, which
           cost a Latin brief with one "ffi" more than the rest of its subsets. */
        uint32_t pres[7] = {0}, *reach = bc_xmalloc((size_t)(n ? n : 1) * sizeof *reach);
        int nreach = 0;
        bc_sfnt sf;
        if (bc_sfnt_open_face(&sf, font, len, index) == 0) {
            for (int k = 0; k < 7; k++) pres[k] = bc_sfnt_glyph(&sf, 0xFB00 + (uint32_t)k);
            for (int i = 0; i < n; i++) reach[nreach++] = bc_sfnt_glyph(&sf, cps[i]);
            qsort(reach, (size_t)nreach, sizeof *reach, cmp_u32);
        }
        hb_set_t *glyphs = hb.hb_subset_input_set(in, HB_SUBSET_SETS_GLYPH_INDEX);
        for (int i = 0; i < ngids; i++) {
            if (bsearch(&gids[i], reach, (size_t)nreach, sizeof *reach, cmp_u32)) continue;
            int k = 0;
            while (k < 7 && (!pres[k] || pres[k] != gids[i])) k++;
            if (k < 7)
                hb.hb_set_add(keep, 0xFB00 + (uint32_t)k);
            else
                hb.hb_set_add(glyphs, gids[i]);
        }
        free(reach);
        /* glyphs no code point reaches (contextual forms, conjuncts) keep their ids, so that
           what is drawn can be read against hb-shape's ids; Latin ligatures alone renumber */
        retain = hb.hb_set_get_population(glyphs) > 0;
    }
    /* Hinting and layout tables are for screens and shaping engines; PDF viewers rasterise
       outlines themselves and never shape. Dropping them keeps each font small. */
    hb.hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
                                         (retain ? HB_SUBSET_FLAGS_RETAIN_GIDS : 0));
    hb_set_t *drop = hb.hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char dropped[][5] = {"GSUB", "GPOS", "GDEF", "DSIG", "kern", "hdmx",
                                      "LTSH", "VDMX", "gasp", "vhea", "vmtx", "meta"};
    for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++)
        hb.hb_set_add(drop, HB_TAG(dropped[i][0], dropped[i][1], dropped[i][2], dropped[i][3]));
    hb_blob_t *blob =
        hb.hb_blob_create((const char *)font, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb.hb_face_create(blob, index);
    hb_subset_plan_t *plan = hb.hb_subset_plan_create_or_fail(face, in);
    hb_face_t *sub = NULL;
    if (plan) {
        const hb_map_t *map = hb.hb_subset_plan_old_to_new_glyph_mapping(plan);
        for (int i = 0; i < ngids; i++) {
            hb_codepoint_t g = hb.hb_map_get(map, gids[i]);
            new_gids[i] = g == HB_MAP_VALUE_INVALID ? 0 : g;
        }
        sub = hb.hb_subset_plan_execute_or_fail(plan);
        hb.hb_subset_plan_destroy(plan);
    }
    hb.hb_subset_input_destroy(in);
    hb.hb_face_destroy(face);
    hb.hb_blob_destroy(blob);
    if (!sub) return bc_error_set(err, path, 0, "HarfBuzz could not subset font '%s'", path);
    hb_blob_t *res = hb.hb_face_reference_blob(sub);
    unsigned rlen = 0;
    const char *data = hb.hb_blob_get_data(res, &rlen);
    if (rlen) bc_buf_add(out, data, rlen);
    hb.hb_blob_destroy(res);
    hb.hb_face_destroy(sub);
    if (!rlen) return bc_error_set(err, path, 0, "HarfBuzz could not subset font '%s'", path);
    return BC_OK;
}
