/*
** brief.h — reading a brief definition (briefs/<name>/brief.lua).
**
** The brief runs in the sandbox and returns a table: metadata, page, theme, params with their
** defaults, limits, and the ordered sections. Sections are written `section "name" { opts }`
** so each one remembers its line in brief.lua for diagnostics. -D key=value overrides a
** param, converted to the type of its default.
*/
#ifndef BC_BRIEF_H
#define BC_BRIEF_H

#include "lua/sandbox.h"
#include "doc/theme.h"

typedef struct bc_brief {
    char *path;      /* brief.lua as the user named it */
    char *dir;       /* its folder, as named ("." when none) */
    char *real_dir;  /* resolved folder */
    bc_arena *arena; /* metadata strings */
    bc_meta meta;
    bc_theme theme;
    bc_limits limits;
    int params_ref;   /* registry: params table after -D */
    int sections_ref; /* registry: list of {plugin =, options =, line =} */
    int nsections;
    char *bibliography;    /* the bibliography file (path as written, relative to dir), or NULL */
    int numeric_citations; /* citations = "numeric" rather than "author-year" */
    /* the house style (brief_style.c) */
    const char *src;             /* the text at path when it is already read (a house style's),
                                   for finding a key's line; NULL: read path again */
    void *style_ctx;             /* require_theme's state, in arena */
    const char *style_logo_file; /* the logo a house style names (its header.logo.file) … */
    const struct bc_image *style_logo; /* … read from the house style's folder */
    double style_logo_w;
    int image_max_dpi; /* images = { max_dpi, jpeg_quality }: 0 none (image_scale.c) */
    int image_quality;
} bc_brief;

/* arg: a brief folder or its brief.lua. text: the brief's source when it is not read from
   arg (tests), else NULL. defines: "key=value" strings. */
bc_status bc_brief_load(bc_sandbox *sb, const char *arg, const char *text,
                        const char *const *defines, int ndefines, bc_brief *out, bc_error *err);

/* Replaces the brief's sections with one: plugin with the options table on top of the
   stack (popped). */
void bc_brief_only_section(bc_sandbox *sb, bc_brief *b, const char *plugin);
void bc_brief_free(bc_brief *b);

/* Appends the brief's params to the cJSON array params, sorted by name, as objects
   {"name", "type" ("integer", "number", "boolean" or "string"), "default"} (briefc serve's
   description of a brief). */
struct cJSON;
void bc_brief_params_json(bc_sandbox *sb, const bc_brief *b, struct cJSON *params);

/* Pushes section i (0-based) of the brief: a table {plugin, options, line}. */
void bc_brief_push_section(bc_sandbox *sb, const bc_brief *b, int i);

/* Reads the theme table at t into b->theme as brief.lua's theme, checked the same way; the
   error names b->path (require_theme checks a house style's table through it). */
bc_status bc_brief_read_theme(lua_State *L, int t, bc_brief *b, bc_error *err);

/* The line where key is first set ("key =") in the source text src; 0 when not found. */
int bc_brief_key_line_in(const char *src, const char *key);

/* Edit distance, for "did you mean" suggestions. */
int bc_brief_distance(const char *a, const char *b);

#endif
