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
    char *path;        /* brief.lua as the user named it */
    char *dir;         /* its folder, as named ("." when none) */
    char *real_dir;    /* resolved folder */
    bc_arena *arena;   /* metadata strings */
    bc_meta meta;
    bc_theme theme;
    bc_limits limits;
    int params_ref;    /* registry: params table after -D */
    int sections_ref;  /* registry: list of {plugin =, options =, line =} */
    int nsections;
    char *bibliography; /* the bibliography file (path as written, relative to dir), or NULL */
    int numeric_citations; /* citations = "numeric" rather than "author-year" */
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

/* Edit distance, for "did you mean" suggestions. */
int bc_brief_distance(const char *a, const char *b);

#endif
