/*
** api_image.c — s:image and the images of s:title: files read through the door and decoded now.
*/
#define _GNU_SOURCE
#include "doc/terms.h"
#include "lua/api_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lua/num.h"

/* An image file of the brief, read through the door and decoded (image.h), or an error. */
bc_image *bc_api_load_image(lua_State *L, bc_api *api, const char *file)
{
    const char *path = bc_api_confined_path(L, api, file);
    const char *dirs[] = {api->brief_real, NULL};
    bc_file_roots roots = {dirs, "the brief folder"};
    bc_error e;
    bc_image *img;
    if (bc_image_load(path, file, &roots, api->doc->arena, &img, &e) != BC_OK)
        luaL_error(L, "%s", e.msg);
    size_t wl; /* an SVG's left-out features, each "line: what" */
    const char *w = bc_image_warnings(img, &wl);
    for (size_t i = 0; w && i < wl;) {
        size_t k = i;
        while (k < wl && w[k] != '\n') k++;
        bc_api_warnf(L, api, "%s:%.*s", file, (int)(k - i), w + i);
        i = k + 1;
    }
    lua_pop(L, 1); /* the path */
    return img;
}

/*
** images.max_dpi: the image at most as fine as that where it is placed. Its widest placing is
** bounded before layout: the width asked for (mm, or a share of the page's measure; the measure
** when none), never wider than the measure; with fit = "cover" the image may overflow its box
** and the box's height counts too. An image turned by its EXIF orientation swaps its sides.
*/
static bc_image *fit_dpi(lua_State *L, bc_api *api, const bc_image_block *ib, bc_image *img)
{
    if (api->image_max_dpi <= 0 || img->enc == BC_IMAGE_VECTOR || api->measure <= 0) return img;
    double aspect = bc_image_aspect(img), m = api->measure;
    double bw = ib->width > 0 ? ib->width : ib->share > 0 ? ib->share * m : 0, bh = ib->height;
    if (bw <= 0) bw = bh > 0 ? bh * aspect : m;
    if (bw > m) {
        if (bh > 0) bh *= m / bw;
        bw = m;
    }
    double shown_w = bw; /* the image's own width where drawn */
    if (bh > 0 && ib->fit == 'v' && bh * aspect > bw) shown_w = bh * aspect;
    int swap = img->orient >= 5;
    double px_w = swap ? img->h : img->w, px_h = swap ? img->w : img->h;
    double want = ceil(shown_w / 72.0 * api->image_max_dpi), s = want / px_w;
    if (s >= 1) return img;
    int tw = (int)lround((swap ? px_h : px_w) * s), th = (int)lround((swap ? px_w : px_h) * s);
    bc_image *out;
    bc_error e;
    if (bc_image_downsample(img, tw < 1 ? 1 : tw, th < 1 ? 1 : th, api->image_quality,
                            api->doc->arena, &out, &e) != BC_OK)
        luaL_error(L, "%s", e.msg);
    return out;
}

/*
** s:image{file = "data/logo.png", alt = "...", decorative = true, caption =, source =,
**         width = 60 (mm) | "50%", height = 40 (mm), fit = "contain" | "cover",
**         align = "left" | "center" | "right", span = true (two columns), label =}
** The file is read through the door, confined to the brief folder, and decoded in full now
** (image.h), so a bad image is an error at this line.
*/
int bc_api_s_image(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"file",   "alt", "decorative", "caption", "source", "width",
                                       "height", "fit", "align",      "span",    "label",  NULL};
    bc_api_check_keys(L, 2, "s:image", keys);
    bc_arena *a = api->doc->arena;
    const char *file = bc_api_opt_string_field(L, api, 2, "file");
    if (!file)
        return luaL_error(L, "image: field 'file' is required (a PNG or JPEG in the brief folder)");
    bc_image_block *ib = bc_arena_alloc(a, sizeof *ib);
    char what[300];
    snprintf(what, sizeof what, "image '%.200s'", file);
    ib->decorative = bc_api_opt_bool_field(L, 2, "decorative", 0);
    ib->alt = bc_api_opt_string_field(L, api, 2, "alt");
    if (!ib->decorative && (!ib->alt || !ib->alt[0]))
        return luaL_error(L,
                          "%s needs alt = \"...\", a description for readers who cannot see "
                          "it, or decorative = true",
                          what);
    static const char *const aligns[] = {"left", "center", "right", NULL};
    ib->align = "lcr"[bc_api_enum_field(L, 2, "align", aligns, 1, what)];
    lua_getfield(L, 2, "width");
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char *w = lua_tostring(L, -1);
        char *end;
        double pc = strtod(w, &end);
        if (end == w || strcmp(end, "%") || !(pc > 0 && pc <= 100))
            return luaL_error(L,
                              "%s: width must be millimetres (a number) or a share of the "
                              "measure such as \"50%%\", not '%s'",
                              what, w);
        ib->share = pc / 100;
    } else if (!lua_isnil(L, -1)) {
        char wname[340];
        snprintf(wname, sizeof wname, "%s: width (mm)", what);
        ib->width = bc_num_check(L, -1, wname, 1, 2000) * 72.0 / 25.4;
    }
    lua_pop(L, 1);
    ib->height = bc_num_field(L, 2, "height", what, 0, 1, 2000) * 72.0 / 25.4; /* mm */
    static const char *const fits[] = {"contain", "cover", NULL};
    ib->fit = "nv"[bc_api_enum_field(L, 2, "fit", fits, 0, what)];
    lua_getfield(L, 2, "fit");
    if (!lua_isnil(L, -1) && !(ib->height > 0 && (ib->width > 0 || ib->share > 0)))
        return luaL_error(L, "%s: fit needs both width and height (the box the image fits)", what);
    lua_pop(L, 1);
    ib->span = bc_api_opt_bool_field(L, 2, "span", 0);
    bc_api_opt_inline_field(L, api, 2, "caption", &ib->caption);
    bc_api_opt_inline_field(L, api, 2, "source", &ib->source);
    const char *label = bc_api_opt_string_field(L, api, 2, "label");
    if (label && !ib->caption.n)
        return luaL_error(L,
                          "%s: label '%s' needs a caption (a labelled image is a numbered "
                          "figure)",
                          what, label);
    bc_image *img = bc_api_load_image(L, api, file);
    ib->img = img; /* for its aspect */
    img = fit_dpi(L, api, ib, img);
    img->alt = ib->decorative ? NULL : ib->alt; /* on the op, for a tagged PDF */
    ib->img = img;
    if (ib->caption.n) ib->number = ++api->doc->nfigures;
    bc_block *blk = bc_doc_add(api->doc, BC_BLOCK_IMAGE);
    blk->u.image = ib;
    if (label && !bc_doc_label(api->doc, blk, label,
                               bc_arena_printf(a, bc_doc_terms(api->doc)->figure, ib->number)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}
