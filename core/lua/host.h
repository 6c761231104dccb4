/*
** host.h — the build's Lua side: loads the brief, finds and loads plugins, runs each
** section's render into a bc_doc.
**
** Plugin search path, first match wins: the brief's own plugins/, the project's plugins/,
** each --plugin-path, then the folders of BRIEFC_PLUGIN_PATH (colon-separated).
*/
#ifndef BC_HOST_H
#define BC_HOST_H

#include "lua/brief.h"
#include "doc/doc.h"

typedef struct bc_host_config {
    const char *brief;          /* folder or brief.lua */
    const char *const *defines; /* "key=value" */
    int ndefines;
    const char *const *plugin_dirs; /* extra folders (--plugin-path) */
    int nplugin_dirs;
    const char *project_dir;  /* holds plugins/ and fonts/ */
    int keep_going;           /* render an error box for a failing section */
    const char *brief_text;   /* brief source when not read from `brief` (tests) */
    const char *only_plugin;  /* render just this plugin (tests) … */
    const char *only_options; /* … with these options: a Lua table constructor */
} bc_host_config;

typedef struct bc_host bc_host;

bc_status bc_host_new(const bc_host_config *cfg, bc_host **out, bc_error *err);

/* The plugin search path for a brief folder (NULL for none): NULL-terminated, malloc'd;
   free with bc_host_free_path. */
char **bc_host_search_path(const char *brief_dir, const char *const *plugin_dirs, int n,
                           const char *project_dir);
void bc_host_free_path(char **dirs);

/*
** "." when the working folder holds a brief.lua, else NULL: `briefc test` and `briefc plugins`
** run from a brief's folder search its plugins/ without being told `--brief .`.
*/
const char *bc_host_brief_here(void);

void bc_host_free(bc_host *h);

const bc_brief *bc_host_brief(const bc_host *h);

/* The brief's param names as ",a,b,c," (for quick membership tests). */
void bc_host_param_names(bc_host *h, char *out, size_t cap);

/* The plugin folders in search order (NULL-terminated). */
const char *const *bc_host_plugin_dirs(const bc_host *h);

/* Runs every section. With keep_going, failing sections become error boxes and the first
   error is still returned (so the build exits non-zero). Warnings accumulate in warnings.
   Then closes the Lua state: call it once; afterwards only bc_host_brief and bc_host_free. */
bc_status bc_host_render(bc_host *h, bc_doc *doc, bc_buf *warnings, bc_error *err);

#endif
