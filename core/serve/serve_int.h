/*
** serve_int.h — what the files of `briefc serve` share: the server and per-request state, the
** request parameters and the helpers one file defines for the others. Included only by serve/.
*/
#ifndef BC_SERVE_INT_H
#define BC_SERVE_INT_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#include <microhttpd.h>

#include "base/util.h"
#include "serve/pool.h"
#include "serve/serve.h"

#define MAX_PARAMS 64
#define MAX_KEY 100
#define MAX_VALUE 4096

typedef struct server {
    char briefs[PATH_MAX];
    char *token;
    size_t token_len;
    size_t max_body;
    bc_serve_pool *pool;
    bc_serve_cache *cache;
    int log_fd; /* -1: no access log */
    const char *log_path;
    int inflight;             /* requests begun and not yet completed (atomic) */
    int loopback;             /* listening on 127/8: Host must name this machine */
    const char **allow_hosts; /* --allow-host: more names for Host */
    int nallow_hosts;
} server;

/* One request's state across libmicrohttpd's calls. */
typedef struct request {
    bc_buf body;
    int too_big;
    size_t dropped; /* body bytes past --max-body, read and dropped */
    double start;
    bc_serve_route route;
} request;

typedef struct params {
    char *kv[MAX_PARAMS]; /* "key=value", malloc'd */
    int n;
    int download;
    char err[512];
} params;

/* serve_http.c */
enum MHD_Result bc_serve_reply(server *s, struct MHD_Connection *c, request *rq, const char *method,
                               const char *url, int code, const char *type, const void *data,
                               size_t len, struct MHD_Response **keep);
enum MHD_Result bc_serve_send_error(server *s, struct MHD_Connection *c, request *rq,
                                    const char *method, const char *url, int code, const char *what,
                                    const char *file, int line, const char *msg);
void bc_serve_params_free(params *p);
int bc_serve_params_add(params *p, const char *key, size_t klen, const char *val, size_t vlen);
enum MHD_Result bc_serve_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size);
void bc_serve_parse_form(params *p, const char *s, size_t n);
void bc_serve_parse_json(params *p, const char *s, size_t n);
int bc_serve_cmp_kv(const void *a, const void *b);

/* serve_route.c */
enum MHD_Result bc_serve_on_request(void *cls, struct MHD_Connection *c, const char *url,
                                    const char *method, const char *version,
                                    const char *upload_data, size_t *upload_size, void **con_cls);
void bc_serve_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                           enum MHD_RequestTerminationCode toe);

/* serve_build.c */
int bc_serve_describe(server *s, const char *name, char **json, bc_serve_result *r,
                      struct timespec *changed);
int bc_serve_status_for(int st);
const char *bc_serve_what_for(int code);
enum MHD_Result bc_serve_route_pdf(server *s, struct MHD_Connection *c, request *rq,
                                   const char *method, const char *url, const char *name, int post);
enum MHD_Result bc_serve_route_batch(server *s, struct MHD_Connection *c, request *rq,
                                     const char *method, const char *url, const char *name);

#endif
