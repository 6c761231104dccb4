/*
** api.h — the section API: the builder `s` and the context `ctx` a plugin's render gets.
**
** Builder methods append blocks to the bc_doc; every string is validated UTF-8 and parsed as
** inline markup into the document's arena, so an error raised half-way leaks nothing. The
** builder handle expires when render returns: a plugin cannot keep it for later.
** Keep plugins/briefc.meta.lua (the ---@meta file) in step with the tables below; a test
** checks that every method registered here is documented there.
*/
#ifndef BC_API_H
#define BC_API_H

#include <lua.h>

#include "doc/doc.h"
#include "doc/theme.h"

#define BC_API_LEVEL 1

typedef struct bc_api {
    bc_doc *doc;
    const bc_meta *meta;
    const char *brief_dir;  /* as the user named it, for messages */
    const char *brief_real; /* resolved, for confinement checks */
    bc_buf *warnings;
    const char *section;        /* name of the section being rendered */
    bc_buf scratch;             /* reused by the CSV reader */
    struct bc_bib *bib;         /* the brief's bibliography, or NULL */
    int nwarnings;              /* ctx:warn calls so far (the first BC_API_WARNINGS kept) */
    lua_Integer ctx_generation; /* ctx methods made under another value have expired */
    int image_max_dpi; /* brief images.max_dpi: photos placed finer are downsampled (0: never) */
    int image_quality; /* brief images.jpeg_quality for those */
    double measure;    /* the page's text width, points (an image's widest placing) */
} bc_api;

#define BC_API_WARNINGS 1000   /* ctx:warn messages kept per build */
#define BC_API_WARN_BYTES 4096 /* bytes kept of each */

/* Registers the builder metatable and the ctx method table (once per state). */
void bc_api_open(lua_State *L);

/* Pushes a live builder for api. */
void bc_api_push_builder(lua_State *L, bc_api *api);

/* Marks the builder at idx expired. */
void bc_api_expire(lua_State *L, int idx);

/* Pushes the ctx methods table (csv, read_text, warn) bound to api. */
void bc_api_push_ctx_methods(lua_State *L, bc_api *api);

/* Expires every ctx methods table pushed so far: called when a section's render returns. */
void bc_api_expire_ctx(bc_api *api);

/* Names of the builder and ctx methods, NULL-terminated (for the ---@meta check). */
extern const char *const bc_api_builder_methods[];
extern const char *const bc_api_ctx_methods[];

#endif
