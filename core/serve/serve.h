/*
** serve.h — `briefc serve`: briefs on demand over HTTP (libmicrohttpd), and the pieces its
** files share: brief lookup and state hashes (briefs.c), the response cache (respcache.c),
** HTML and JSON pages (pages.c) and Prometheus metrics (metrics.c).
*/
#ifndef BC_SERVE_H
#define BC_SERVE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/util.h"

/* The subcommand: briefc serve [--listen ADDR:PORT] [--briefs DIR] ... */
int bc_cmd_serve(int argc, char **argv);

/* {====================================================== briefs.c */

#define BC_SERVE_NAME_MAX 100

/* Is s a brief name the server accepts ([A-Za-z0-9][A-Za-z0-9._-]*, at most 100 bytes)? */
int bc_serve_name_ok(const char *s, size_t n);

/* The brief folders in dir (those holding brief.lua), sorted, as a NULL-terminated array of
   names copied from the folder listing (free with bc_serve_names_free). */
char **bc_serve_list(const char *dir);
void bc_serve_names_free(char **names);

/* Looks the requested name up among dir's briefs: the folder's own name (a copy of the
   listing's, never of the request) or NULL. */
char *bc_serve_lookup(const char *dir, const char *want, size_t want_len);

/* A hash of everything a build of the brief reads: every file's name, size, inode and
   modification time in the brief's folder, in the project's plugins/ and fonts/ and in the
   folders of BRIEFC_PLUGIN_PATH, and the briefc executable, then extra_len bytes of extra (the
   params, NUL-separated): 32 hex digits into out. base (may be NULL) gets the same without
   extra: the folder's state alone. newest (may be NULL): the latest change in the brief's
   folder. */
void bc_serve_state(const char *dir, const char *name, const char *extra, size_t extra_len,
                    char out[33], char base[33], struct timespec *newest);
/*
** watch.c: the change watch over every folder a build reads. start: 0, or -1 when inotify
** is not available (every request then walks). generation: a number that changes whenever
** something under the watched folders changed since the last call, or -1 for "unknown: walk".
*/
int bc_serve_watch_start(const char *briefs_dir);
/* The i-th folder of BRIEFC_PLUGIN_PATH (0-based, empty entries skipped) into out: 1, or 0
   past the last. */
int bc_serve_plugin_path(int i, char *out, size_t cap);
long bc_serve_watch_generation(void);
void bc_serve_watch_stop(void);

/* The shortest text of v that reads back the same ("2010", "0.1"). */
void bc_serve_number(char *out, size_t cap, double v);

/* }====================================================== */

/* {====================================================== respcache.c */

typedef struct bc_serve_cache bc_serve_cache;
bc_serve_cache *bc_serve_cache_new(size_t max_bytes); /* 0: off (NULL) */
/* A copy of the entry for key, or 0. key is compared whole, whatever its length. */
int bc_serve_cache_get(bc_serve_cache *c, const char *key, bc_buf *out);
void bc_serve_cache_put(bc_serve_cache *c, const char *key, const void *data, size_t len);
void bc_serve_cache_free(bc_serve_cache *c);

/* }====================================================== */

/* {====================================================== zip.c */

/* A zip archive being written: files stored, in order. */
typedef struct bc_serve_zip {
    bc_buf out, cd; /* the archive so far, and its central directory */
    int n;
} bc_serve_zip;
void bc_serve_zip_add(bc_serve_zip *z, const char *name, const void *data, size_t len);
/* Appends the central directory: z->out is the whole archive (free it with bc_buf_free). */
void bc_serve_zip_finish(bc_serve_zip *z);

/* }====================================================== */

/* {====================================================== pages.c */

/* Appends s with HTML's special characters escaped. */
void bc_serve_html_text(bc_buf *b, const char *s);
void bc_serve_page_head(bc_buf *b, const char *title);
void bc_serve_page_tail(bc_buf *b);
/* The list of briefs: describes[i] is brief i's describe JSON, or NULL with errors[i]. */
void bc_serve_page_index(bc_buf *b, char **names, char **describes, char **errors,
                         const struct timespec *changed);
/* The form for one brief from its describe JSON. */
void bc_serve_page_form(bc_buf *b, const char *name, const char *describe);
/* The params as a JSON Schema (2020-12). */
void bc_serve_params_schema(bc_buf *b, const char *name, const char *describe);
/* An error page, and an error as JSON. */
void bc_serve_page_error(bc_buf *b, int code, const char *what, const char *diag);
void bc_serve_json_error(bc_buf *b, int code, const char *file, int line, const char *msg,
                         const char *diag);
extern const char bc_serve_css[];

/* }====================================================== */

/* {====================================================== metrics.c */

typedef enum {
    BC_ROUTE_INDEX,
    BC_ROUTE_FORM,
    BC_ROUTE_PDF,
    BC_ROUTE_PARAMS,
    BC_ROUTE_HEALTHZ,
    BC_ROUTE_METRICS,
    BC_ROUTE_STATIC,
    BC_ROUTE_OTHER,
    BC_ROUTE_BATCH,
    BC_ROUTE_COUNT
} bc_serve_route;

void bc_serve_metrics_request(bc_serve_route r, int status);
void bc_serve_metrics_build(double seconds);
void bc_serve_metrics_queue_wait(double seconds);
void bc_serve_metrics_cache(int hit);
void bc_serve_metrics_limit_hit(void);
void bc_serve_metrics_walk(void); /* a brief's state computed by walking its folders */
/* The Prometheus text exposition, with the pool's gauges. */
void bc_serve_metrics_text(bc_buf *b, int queued, int busy, long restarted, int inflight);

/* }====================================================== */

#endif
