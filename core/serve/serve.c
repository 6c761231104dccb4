/*
** serve.c — `briefc serve`: the HTTP layer on libmicrohttpd, its routes and its signals.
**
**   briefc serve [--listen 127.0.0.1:8080] [--briefs DIR] [-j N] [--max-queue N]
**                [--token-file FILE] [--cache-mb N] [--log FILE] [--timeout S] [--max-body KB]
**                [--allow-host NAME]...
**
** Routes: GET / (the briefs), GET /briefs/NAME (a form from its params), GET|POST
** /briefs/NAME.pdf (the PDF; params in the query, or a JSON or form body), GET
** /briefs/NAME/params (JSON Schema), POST /briefs/NAME/batch (a manifest in, a zip of PDFs
** out), GET /healthz, GET /metrics (Prometheus), GET /style.css.
** A brief's name is looked up in the briefs folder's listing, never joined into a path; builds
** run in the worker pool (pool.h) so a hostile plugin or a crash costs one request. Headers are
** bounded by libmicrohttpd's per-connection memory, bodies by --max-body (413). With
** --token-file every route but /healthz needs "Authorization: Bearer TOKEN" (compared in
** constant time). SIGTERM or SIGINT stops accepting, lets requests in flight finish and exits
** 0; SIGHUP reopens the log.
*/
#define _GNU_SOURCE
#include "serve/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cJSON.h>
#include <microhttpd.h>

#include "cli/build.h"
#include "cli/cli.h"
#include "batch/manifest.h"
#include "serve/pool.h"

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
    int log_fd;              /* -1: no access log */
    const char *log_path;
    int inflight;            /* requests begun and not yet completed (atomic) */
    int loopback;            /* listening on 127/8: Host must name this machine */
    const char **allow_hosts; /* --allow-host: more names for Host */
    int nallow_hosts;
} server;

/* One request's state across libmicrohttpd's calls. */
typedef struct request {
    bc_buf body;
    int too_big;
    size_t dropped;          /* body bytes past --max-body, read and dropped */
    double start;
    bc_serve_route route;
} request;

/* {====================================================== responses */

static void common_headers(struct MHD_Response *r, int html)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (html) {
        /* framed by our own form only: an error page shows in its preview */
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; style-src 'self'; frame-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'self'");
        MHD_add_response_header(r, "X-Frame-Options", "SAMEORIGIN");
    } else {
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; frame-ancestors 'self'");
        MHD_add_response_header(r, "X-Frame-Options", "SAMEORIGIN");
    }
}

static void log_request(server *s, struct MHD_Connection *c, const char *method, const char *url,
                        int code, request *rq)
{
    if (s->log_fd < 0) return;
    char line[1024], when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char path[300];
    size_t k = 0;
    for (const char *p = url; *p && k < sizeof path - 1; p++) /* no control bytes in the log */
        path[k++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
    path[k] = 0;
    (void)c;
    int n = snprintf(line, sizeof line, "%s %s %s %d %.1fms\n", when, method, path, code,
                     (bc_now() - rq->start) * 1e3);
    if (n > 0) {
        ssize_t w = write(s->log_fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        (void)w;
    }
}

static enum MHD_Result reply(server *s, struct MHD_Connection *c, request *rq, const char *method,
                            const char *url, int code, const char *type, const void *data,
                            size_t len, struct MHD_Response **keep)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)(data ? data : ""),
                                                             MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    if (type) MHD_add_response_header(r, "Content-Type", type);
    common_headers(r, type && !strncmp(type, "text/html", 9));
    if (keep) *keep = r; /* the caller adds headers, then queues */
    bc_serve_metrics_request(rq->route, code);
    log_request(s, c, method, url, code, rq);
    if (keep) return MHD_YES;
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)code, r);
    MHD_destroy_response(r);
    return ret;
}

/* An error: an HTML page for a browser, the diagnostic line for Accept: text/plain, JSON for
   everyone else. */
static enum MHD_Result send_error(server *s, struct MHD_Connection *c, request *rq,
                                  const char *method, const char *url, int code, const char *what,
                                  const char *file, int line, const char *msg)
{
    char diag[4096] = "";
    if (msg && msg[0]) {
        if (file && file[0] && line > 0) snprintf(diag, sizeof diag, "%s:%d: error: %s", file, line, msg);
        else if (file && file[0]) snprintf(diag, sizeof diag, "%s: error: %s", file, msg);
        else snprintf(diag, sizeof diag, "%s", msg);
    }
    bc_buf b = {0};
    const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    int html = accept && strstr(accept, "text/html"), text = !html && accept &&
               strstr(accept, "text/plain") && !strstr(accept, "application/json");
    const char *type = html ? "text/html; charset=utf-8"
                       : text ? "text/plain; charset=utf-8" : "application/json";
    if (html) bc_serve_page_error(&b, code, what, diag);
    else if (text) bc_buf_printf(&b, "%s\n", diag[0] ? diag : what); /* as briefc build prints it */
    else bc_serve_json_error(&b, code, file, line, msg && msg[0] ? msg : what, diag);
    struct MHD_Response *r = NULL;
    enum MHD_Result ret = reply(s, c, rq, method, url, code, type, b.data, b.len, &r);
    bc_buf_free(&b);
    if (!r) return ret;
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (code == 503) MHD_add_response_header(r, "Retry-After", "1");
    if (code == 401) MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"briefc\"");
    if (code == 405) MHD_add_response_header(r, "Allow", "GET, HEAD, POST");
    ret = MHD_queue_response(c, (unsigned)code, r);
    MHD_destroy_response(r);
    return ret;
}

/* }====================================================== */

/* {====================================================== params */

typedef struct params {
    char *kv[MAX_PARAMS];  /* "key=value", malloc'd */
    int n;
    int download;
    char err[512];
} params;

static void params_free(params *p)
{
    for (int i = 0; i < p->n; i++) free(p->kv[i]);
    p->n = 0;
}

/* Adds key=value; 0 with p->err set when refused. Keys starting with '_' are the server's. */
static int params_add(params *p, const char *key, size_t klen, const char *val, size_t vlen)
{
    if (p->err[0]) return 0;
    if (klen == 9 && !memcmp(key, "_download", 9)) {
        p->download = vlen && !(vlen == 1 && val[0] == '0');
        return 1;
    }
    if (klen && key[0] == '_') return 1; /* reserved for the server: ignored */
    if (!klen || klen > MAX_KEY || memchr(key, '=', klen) || memchr(key, 0, klen)) {
        snprintf(p->err, sizeof p->err, "-D expects key=value, got a bad parameter name '%.*s'",
                 (int)(klen > 60 ? 60 : klen), key);
        return 0;
    }
    if (vlen > MAX_VALUE || memchr(val, 0, vlen)) {
        snprintf(p->err, sizeof p->err, "param '%.*s': the value is %s", (int)klen, key,
                 vlen > MAX_VALUE ? "too long (at most 4096 bytes)" : "not text (it holds a NUL)");
        return 0;
    }
    if (p->n >= MAX_PARAMS) {
        snprintf(p->err, sizeof p->err, "too many parameters (at most %d)", MAX_PARAMS);
        return 0;
    }
    for (int i = 0; i < p->n; i++)
        if (!strncmp(p->kv[i], key, klen) && p->kv[i][klen] == '=') {
            snprintf(p->err, sizeof p->err, "param '%.*s' is given twice", (int)klen, key);
            return 0;
        }
    char *kv = bc_xmalloc(klen + vlen + 2);
    memcpy(kv, key, klen);
    kv[klen] = '=';
    memcpy(kv + klen + 1, val, vlen);
    kv[klen + vlen + 1] = 0;
    p->kv[p->n++] = kv;
    return 1;
}

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    params *p = cls;
    params_add(p, key, key_size, value ? value : "", value ? value_size : 0);
    return p->err[0] ? MHD_NO : MHD_YES;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes one application/x-www-form-urlencoded part; -1 on a bad escape. */
static long url_decode(const char *in, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '+') out[k++] = ' ';
        else if (in[i] == '%') {
            if (i + 2 >= n) return -1;
            int h = hexval(in[i + 1]), l = hexval(in[i + 2]);
            if (h < 0 || l < 0) return -1;
            out[k++] = (char)(h * 16 + l);
            i += 2;
        } else out[k++] = in[i];
    }
    return (long)k;
}

static void parse_form(params *p, const char *s, size_t n)
{
    char *kbuf = bc_xmalloc(n + 1), *vbuf = bc_xmalloc(n + 1);
    size_t i = 0;
    while (i < n && !p->err[0]) {
        size_t j = i;
        while (j < n && s[j] != '&') j++;
        const char *eq = memchr(s + i, '=', j - i);
        size_t kend = eq ? (size_t)(eq - s) : j;
        long kl = url_decode(s + i, kend - i, kbuf);
        long vl = eq ? url_decode(eq + 1, j - kend - 1, vbuf) : 0;
        if (kl < 0 || vl < 0) snprintf(p->err, sizeof p->err, "the form body has a bad %%-escape");
        else if (kl > 0) params_add(p, kbuf, (size_t)kl, vbuf, (size_t)vl);
        i = j + 1;
    }
    free(kbuf);
    free(vbuf);
}

static void parse_json(params *p, const char *s, size_t n)
{
    cJSON *o = cJSON_ParseWithLength(s, n);
    if (!cJSON_IsObject(o)) {
        snprintf(p->err, sizeof p->err, "the body is not a JSON object of parameters");
        cJSON_Delete(o);
        return;
    }
    const cJSON *v;
    cJSON_ArrayForEach(v, o) {
        const char *k = v->string ? v->string : "";
        char num[64];
        if (cJSON_IsString(v)) params_add(p, k, strlen(k), v->valuestring, strlen(v->valuestring));
        else if (cJSON_IsBool(v)) {
            const char *t = cJSON_IsTrue(v) ? "true" : "false";
            params_add(p, k, strlen(k), t, strlen(t));
        } else if (cJSON_IsNumber(v)) {
            bc_serve_number(num, sizeof num, v->valuedouble);
            params_add(p, k, strlen(k), num, strlen(num));
        } else if (!p->err[0]) {
            snprintf(p->err, sizeof p->err, "param '%.100s': expected a number, text or "
                     "true/false in the JSON body", k);
        }
        if (p->err[0]) break;
    }
    cJSON_Delete(o);
}

static int cmp_kv(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* }====================================================== */

/* {====================================================== routes */

/* On loopback, a browser's request must name this machine in Host: a web page whose name a
   rebinding DNS server points at 127.0.0.1 cannot read the briefs through its visitors. */
static int host_ok(server *s, struct MHD_Connection *c)
{
    if (!s->loopback) return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!h) return 1; /* HTTP/1.0 without Host: no browser sends that */
    char name[256];
    size_t n = strlen(h);
    if (h[0] == '[') {
        const char *close = strchr(h, ']');
        n = close ? (size_t)(close - h) + 1 : n;
    } else {
        const char *colon = strchr(h, ':');
        if (colon) n = (size_t)(colon - h);
    }
    if (n >= sizeof name) return 0;
    memcpy(name, h, n);
    name[n] = 0;
    struct in_addr a;
    if (!strcasecmp(name, "localhost") || !strcmp(name, "[::1]") ||
        (inet_pton(AF_INET, name, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127))
        return 1;
    for (int i = 0; i < s->nallow_hosts; i++)
        if (!strcasecmp(name, s->allow_hosts[i])) return 1;
    return 0;
}

static int authorised(server *s, struct MHD_Connection *c)
{
    if (!s->token) return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7)) return 0;
    const char *got = h + 7;
    size_t glen = strlen(got);
    /* constant time in the secret: every byte of the token is compared, whatever the input */
    unsigned char diff = glen != s->token_len;
    for (size_t i = 0; i < s->token_len; i++)
        diff |= (unsigned char)(s->token[i] ^ (i < glen ? got[i] : 0));
    return diff == 0;
}

/* The brief's describe JSON through a worker, kept per brief state. */
typedef struct described {
    char key[33];
    char *name, *json;
} described;
static described dcache[64];
static pthread_mutex_t dcache_mu = PTHREAD_MUTEX_INITIALIZER;

static int describe(server *s, const char *name, char **json, bc_serve_result *r,
                    struct timespec *changed)
{
    char key[33];
    bc_serve_state(s->briefs, name, "describe", 8, key, NULL, changed);
    pthread_mutex_lock(&dcache_mu);
    for (int i = 0; i < 64; i++)
        if (dcache[i].name && !strcmp(dcache[i].name, name) && !strcmp(dcache[i].key, key)) {
            *json = bc_xstrdup(dcache[i].json);
            pthread_mutex_unlock(&dcache_mu);
            memset(r, 0, sizeof *r);
            return 1;
        }
    pthread_mutex_unlock(&dcache_mu);
    bc_serve_pool_run(s->pool, BC_SERVE_JOB_DESCRIBE, name, key, NULL, 0, r);
    if (r->status != BC_SERVE_OK) return 0;
    *json = bc_xstrdup(r->body.data ? r->body.data : "{}");
    bc_buf_free(&r->body);
    pthread_mutex_lock(&dcache_mu);
    unsigned slot = (unsigned)(key[0] * 31 + key[1]) % 64;
    free(dcache[slot].name);
    free(dcache[slot].json);
    memcpy(dcache[slot].key, key, 33);
    dcache[slot].name = bc_xstrdup(name);
    dcache[slot].json = bc_xstrdup(*json);
    pthread_mutex_unlock(&dcache_mu);
    return 1;
}

static int status_for(int st)
{
    switch (st) {
    case BC_SERVE_OK: return 200;
    case BC_SERVE_BAD_PARAMS: return 400;
    case BC_SERVE_FAILED: return 422;
    case BC_SERVE_BUSY: return 503;
    default: return 500;
    }
}

static const char *what_for(int code)
{
    switch (code) {
    case 400: return "A parameter was refused";
    case 401: return "A valid token is needed";
    case 404: return "No such page";
    case 405: return "Method not allowed";
    case 413: return "The request is too large";
    case 415: return "Send JSON or a form";
    case 421: return "This server does not answer to that name";
    case 422: return "The brief failed";
    case 503: return "The server is busy";
    default: return "The build failed";
    }
}

/* The ETag hash of the brief's state with these (sorted) params, and of its state alone (the
   worker keeps the brief's fonts by it). */
static void state_key(server *s, const char *name, const params *p, char key[33], char base[33])
{
    bc_buf extra = {0};
    bc_buf_adds(&extra, "pdf");
    for (int i = 0; i < p->n; i++) {
        bc_buf_add(&extra, "", 1);
        bc_buf_adds(&extra, p->kv[i]);
    }
    bc_serve_state(s->briefs, name, extra.data, extra.len, key, base, NULL);
    bc_buf_free(&extra);
}

/* Builds in flight, by key: a request for a PDF being built waits for that build and takes
   it from the cache, rather than building it again (a burst after an edit builds once). */
#define MAX_FLYING 64
static char flying[MAX_FLYING][33];
static int nflying;
static pthread_mutex_t flying_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t flying_done = PTHREAD_COND_INITIALIZER;

static int flying_find(const char *key)
{
    for (int i = 0; i < nflying; i++)
        if (!strcmp(flying[i], key)) return i;
    return -1;
}

/* The PDF for key, from the cache or a worker: 1 with pdf filled, else 0 with res saying why. */
static int build_cached(server *s, const char *name, const params *p, const char *key,
                        const char *base, bc_buf *pdf, bc_serve_result *res, int *hit)
{
    memset(res, 0, sizeof *res);
    int mine = 0;
    for (;;) {
        *hit = bc_serve_cache_get(s->cache, key, pdf);
        if (*hit || !s->cache) break;
        pthread_mutex_lock(&flying_mu);
        if (flying_find(key) < 0) {
            if (nflying < MAX_FLYING) {
                memcpy(flying[nflying++], key, 33);
                mine = 1;
            }
            pthread_mutex_unlock(&flying_mu);
            break;
        }
        pthread_cond_wait(&flying_done, &flying_mu); /* then look in the cache again */
        pthread_mutex_unlock(&flying_mu);
    }
    if (s->cache) bc_serve_metrics_cache(*hit);
    if (*hit) return 1;
    bc_serve_pool_run(s->pool, BC_SERVE_JOB_BUILD, name, base, (const char *const *)p->kv, p->n,
                      res);
    if (res->status != BC_SERVE_BUSY) bc_serve_metrics_build(res->seconds);
    int ok = res->status == BC_SERVE_OK;
    if (ok) {
        *pdf = res->body;
        memset(&res->body, 0, sizeof res->body);
        bc_serve_cache_put(s->cache, key, pdf->data, pdf->len);
    } else {
        if (res->status == BC_SERVE_FAILED && strstr(res->msg, "limit")) bc_serve_metrics_limit_hit();
        bc_buf_free(&res->body);
    }
    if (mine) { /* waiters find the PDF in the cache, or build it themselves after a failure */
        pthread_mutex_lock(&flying_mu);
        int i = flying_find(key);
        if (i >= 0) memcpy(flying[i], flying[--nflying], 33);
        pthread_cond_broadcast(&flying_done);
        pthread_mutex_unlock(&flying_mu);
    }
    return ok;
}

static enum MHD_Result route_pdf(server *s, struct MHD_Connection *c, request *rq,
                                 const char *method, const char *url, const char *name, int post)
{
    params p;
    memset(&p, 0, sizeof p);
    if (post) {
        const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        if (!rq->body.len) {
        } else if (ct && !strncasecmp(ct, "application/json", 16)) {
            parse_json(&p, rq->body.data, rq->body.len);
        } else if (ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33)) {
            parse_form(&p, rq->body.data, rq->body.len);
        } else {
            return send_error(s, c, rq, method, url, 415, what_for(415), NULL, 0,
                              "send the parameters as application/json or "
                              "application/x-www-form-urlencoded");
        }
    } else {
        MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, query_arg, &p);
    }
    if (p.err[0]) {
        char file[BC_SERVE_NAME_MAX + 16];
        snprintf(file, sizeof file, "%s/brief.lua", name);
        enum MHD_Result ret = send_error(s, c, rq, method, url, 400, what_for(400), file, 0, p.err);
        params_free(&p);
        return ret;
    }
    qsort(p.kv, (size_t)p.n, sizeof *p.kv, cmp_kv);
    char key[33], base[33], etag[40];
    state_key(s, name, &p, key, base);
    snprintf(etag, sizeof etag, "\"%s\"", key);

    struct MHD_Response *r = NULL;
    enum MHD_Result ret;
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    if (inm && (strstr(inm, etag) || !strcmp(inm, "*"))) {
        ret = reply(s, c, rq, method, url, 304, NULL, NULL, 0, &r);
        if (r) {
            MHD_add_response_header(r, "ETag", etag);
            MHD_add_response_header(r, "Cache-Control", "no-cache");
            ret = MHD_queue_response(c, 304, r);
            MHD_destroy_response(r);
        }
        params_free(&p);
        return ret;
    }
    bc_buf pdf = {0};
    bc_serve_result res;
    int hit = 0;
    if (!build_cached(s, name, &p, key, base, &pdf, &res, &hit)) {
        int code = status_for(res.status);
        ret = send_error(s, c, rq, method, url, code, what_for(code), res.file, res.line, res.msg);
        params_free(&p);
        return ret;
    }
    ret = reply(s, c, rq, method, url, 200, "application/pdf", pdf.data, pdf.len, &r);
    if (r) {
        char disp[BC_SERVE_NAME_MAX + 64];
        snprintf(disp, sizeof disp, "%s; filename=\"%s.pdf\"", p.download ? "attachment" : "inline",
                 name);
        MHD_add_response_header(r, "Content-Disposition", disp);
        MHD_add_response_header(r, "ETag", etag);
        MHD_add_response_header(r, "Cache-Control", "no-cache");
        MHD_add_response_header(r, "X-Briefc-Cache", hit ? "hit" : "miss");
        ret = MHD_queue_response(c, 200, r);
        MHD_destroy_response(r);
    }
    bc_buf_free(&pdf);
    params_free(&p);
    return ret;
}

#define MAX_BATCH_ROWS 100

/* POST /briefs/NAME/batch: a CSV or JSON-lines manifest, one PDF a row (each row's columns are
   its params, checked as -D checks them), back as a zip. A failing row fails the request
   with its row named, as briefc batch names it. Large manifests belong to briefc batch. */
static enum MHD_Result route_batch(server *s, struct MHD_Connection *c, request *rq,
                                   const char *method, const char *url, const char *name)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    int jsonl = ct && (strstr(ct, "jsonl") || strstr(ct, "ndjson") || strstr(ct, "json-lines"));
    int csv = ct && !strncasecmp(ct, "text/csv", 8);
    if (!jsonl && !csv)
        return send_error(s, c, rq, method, url, 415, what_for(415), NULL, 0,
                          "send the manifest as text/csv or application/jsonl");
    const char *mname = jsonl ? "manifest.jsonl" : "manifest.csv";
    FILE *f = rq->body.len ? fmemopen(rq->body.data, rq->body.len, "r") : NULL;
    if (!f)
        return send_error(s, c, rq, method, url, 400, what_for(400), mname, 0,
                          "the manifest is empty");
    bc_manifest m;
    bc_error err;
    bc_error_clear(&err);
    if (bc_manifest_open_stream(&m, f, mname, &err) < 0) {
        bc_manifest_close(&m);
        return send_error(s, c, rq, method, url, 400, what_for(400), err.file, err.line, err.msg);
    }
    bc_serve_zip z;
    memset(&z, 0, sizeof z);
    bc_record r;
    memset(&r, 0, sizeof r);
    enum MHD_Result ret = MHD_YES;
    int rows = 0, failed = 0;
    for (;;) {
        bc_error_clear(&err);
        int k = bc_manifest_next(&m, &r, &err);
        if (k == 0) break;
        if (k != 1) {
            ret = send_error(s, c, rq, method, url, 400, what_for(400), err.file[0] ? err.file : mname,
                             err.line, err.msg);
            failed = 1;
            break;
        }
        if (++rows > MAX_BATCH_ROWS) {
            char msg[200];
            snprintf(msg, sizeof msg, "more than %d rows: build large manifests with briefc batch "
                     "(or a Slurm or Kubernetes job, see examples/)", MAX_BATCH_ROWS);
            ret = send_error(s, c, rq, method, url, 413, what_for(413), mname, r.line, msg);
            failed = 1;
            break;
        }
        params p;
        memset(&p, 0, sizeof p);
        for (int i = 0; i < r.ncols; i++)
            params_add(&p, r.name[i], strlen(r.name[i]), r.value[i], strlen(r.value[i]));
        bc_serve_result res;
        memset(&res, 0, sizeof res);
        bc_buf pdf = {0};
        int hit = 0, code = 400;
        if (p.err[0]) {
            snprintf(res.msg, sizeof res.msg, "%s", p.err);
        } else {
            qsort(p.kv, (size_t)p.n, sizeof *p.kv, cmp_kv);
            char key[33], base[33];
            state_key(s, name, &p, key, base);
            if (build_cached(s, name, &p, key, base, &pdf, &res, &hit)) code = 200;
            else code = status_for(res.status);
        }
        params_free(&p);
        if (code != 200) {
            /* placed as briefc batch places it: at the error's own line, else the row's */
            char msg[2300];
            snprintf(msg, sizeof msg, "row %ld: %s", r.row, res.msg);
            int own = res.file[0] && res.line > 0;
            ret = send_error(s, c, rq, method, url, code, what_for(code), own ? res.file : mname,
                             own ? res.line : r.line, msg);
            failed = 1;
            break;
        }
        char fname[BC_SERVE_NAME_MAX + 32];
        snprintf(fname, sizeof fname, "%s-%ld.pdf", name, r.row);
        bc_serve_zip_add(&z, fname, pdf.data ? pdf.data : "", pdf.len);
        bc_buf_free(&pdf);
        bc_record_clear(&r);
    }
    bc_record_clear(&r);
    bc_manifest_close(&m);
    if (!failed && !rows) {
        ret = send_error(s, c, rq, method, url, 400, what_for(400), mname, 0,
                         "the manifest has no rows");
        failed = 1;
    }
    if (!failed) {
        bc_serve_zip_finish(&z);
        struct MHD_Response *resp = NULL;
        ret = reply(s, c, rq, method, url, 200, "application/zip", z.out.data, z.out.len, &resp);
        if (resp) {
            char disp[BC_SERVE_NAME_MAX + 64];
            snprintf(disp, sizeof disp, "attachment; filename=\"%s.zip\"", name);
            MHD_add_response_header(resp, "Content-Disposition", disp);
            MHD_add_response_header(resp, "Cache-Control", "no-store");
            ret = MHD_queue_response(c, 200, resp);
            MHD_destroy_response(resp);
        }
    }
    bc_buf_free(&z.out);
    bc_buf_free(&z.cd);
    return ret;
}

static enum MHD_Result route_index(server *s, struct MHD_Connection *c, request *rq,
                                   const char *method, const char *url)
{
    char **names = bc_serve_list(s->briefs);
    size_t n = 0;
    while (names[n]) n++;
    char **desc = bc_xcalloc(n + 1, sizeof *desc), **errs = bc_xcalloc(n + 1, sizeof *errs);
    struct timespec *changed = bc_xcalloc(n + 1, sizeof *changed);
    for (size_t i = 0; i < n; i++) {
        bc_serve_result r;
        if (!describe(s, names[i], &desc[i], &r, &changed[i])) {
            char t[2600];
            snprintf(t, sizeof t, "%s%s%s", r.file, r.file[0] ? ": error: " : "", r.msg);
            errs[i] = bc_xstrdup(t);
            bc_buf_free(&r.body);
        }
    }
    bc_buf b = {0};
    bc_serve_page_index(&b, names, desc, errs, changed);
    enum MHD_Result ret = reply(s, c, rq, method, url, 200, "text/html; charset=utf-8", b.data,
                               b.len, NULL);
    for (size_t i = 0; i < n; i++) {
        free(desc[i]);
        free(errs[i]);
    }
    free(desc);
    free(errs);
    free(changed);
    bc_buf_free(&b);
    bc_serve_names_free(names);
    return ret;
}

static enum MHD_Result route_brief(server *s, struct MHD_Connection *c, request *rq,
                                   const char *method, const char *url, const char *name,
                                   int schema)
{
    char *json = NULL;
    bc_serve_result r;
    if (!describe(s, name, &json, &r, NULL)) {
        int code = status_for(r.status);
        enum MHD_Result ret = send_error(s, c, rq, method, url, code, what_for(code), r.file,
                                         r.line, r.msg);
        bc_buf_free(&r.body);
        return ret;
    }
    bc_buf b = {0};
    if (schema) bc_serve_params_schema(&b, name, json);
    else bc_serve_page_form(&b, name, json);
    enum MHD_Result ret = reply(s, c, rq, method, url, 200,
                               schema ? "application/schema+json" : "text/html; charset=utf-8",
                               b.data, b.len, NULL);
    bc_buf_free(&b);
    free(json);
    return ret;
}

static enum MHD_Result dispatch(server *s, struct MHD_Connection *c, request *rq,
                                const char *method, const char *url)
{
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
    if (!host_ok(s, c))
        return send_error(s, c, rq, method, url, 421, "This server does not answer to that name",
                          NULL, 0, "the Host header does not name this machine; a reverse proxy "
                          "passes its name with --allow-host NAME");
    if (!strcmp(url, "/healthz")) {
        rq->route = BC_ROUTE_HEALTHZ;
        if (!get) return send_error(s, c, rq, method, url, 405, what_for(405), NULL, 0, NULL);
        return reply(s, c, rq, method, url, 200, "text/plain; charset=utf-8", "ok\n", 3, NULL);
    }
    if (!authorised(s, c)) {
        rq->route = BC_ROUTE_OTHER;
        return send_error(s, c, rq, method, url, 401, what_for(401), NULL, 0,
                          "send the server's token as 'Authorization: Bearer TOKEN'");
    }
    if (!strcmp(url, "/metrics")) {
        rq->route = BC_ROUTE_METRICS;
        if (!get) return send_error(s, c, rq, method, url, 405, what_for(405), NULL, 0, NULL);
        int queued, busy;
        long restarted;
        bc_serve_pool_stats(s->pool, &queued, &busy, &restarted);
        bc_buf b = {0};
        bc_serve_metrics_text(&b, queued, busy, restarted, __atomic_load_n(&s->inflight, __ATOMIC_RELAXED));
        enum MHD_Result ret = reply(s, c, rq, method, url, 200,
                                   "text/plain; version=0.0.4; charset=utf-8", b.data, b.len, NULL);
        bc_buf_free(&b);
        return ret;
    }
    if (!strcmp(url, "/style.css")) {
        rq->route = BC_ROUTE_STATIC;
        if (!get) return send_error(s, c, rq, method, url, 405, what_for(405), NULL, 0, NULL);
        return reply(s, c, rq, method, url, 200, "text/css; charset=utf-8", bc_serve_css,
                    strlen(bc_serve_css), NULL);
    }
    if (!strcmp(url, "/")) {
        rq->route = BC_ROUTE_INDEX;
        if (!get) return send_error(s, c, rq, method, url, 405, what_for(405), NULL, 0, NULL);
        return route_index(s, c, rq, method, url);
    }
    if (!strncmp(url, "/briefs/", 8)) {
        const char *rest = url + 8;
        size_t n = strlen(rest);
        int pdf = 0, schema = 0, batch = 0;
        if (n > 4 && !strcmp(rest + n - 4, ".pdf")) {
            pdf = 1;
            n -= 4;
        } else if (n > 7 && !strcmp(rest + n - 7, "/params")) {
            schema = 1;
            n -= 7;
        } else if (n > 6 && !strcmp(rest + n - 6, "/batch")) {
            batch = 1;
            n -= 6;
        }
        rq->route = pdf ? BC_ROUTE_PDF : schema ? BC_ROUTE_PARAMS : batch ? BC_ROUTE_BATCH
                                                                      : BC_ROUTE_FORM;
        char *name = bc_serve_lookup(s->briefs, rest, n);
        if (!name) {
            rq->route = BC_ROUTE_OTHER;
            return send_error(s, c, rq, method, url, 404, what_for(404), NULL, 0,
                              "no brief of that name in the briefs folder");
        }
        enum MHD_Result ret;
        if (batch ? !post : !(get || (post && pdf)))
            ret = send_error(s, c, rq, method, url, 405, what_for(405), NULL, 0, NULL);
        else if (batch) ret = route_batch(s, c, rq, method, url, name);
        else if (pdf) ret = route_pdf(s, c, rq, method, url, name, post);
        else ret = route_brief(s, c, rq, method, url, name, schema);
        free(name);
        return ret;
    }
    rq->route = BC_ROUTE_OTHER;
    return send_error(s, c, rq, method, url, 404, what_for(404), NULL, 0, NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    server *s = cls;
    request *rq = *con_cls;
    if (!rq) {
        rq = bc_xcalloc(1, sizeof *rq);
        rq->start = bc_now();
        rq->route = BC_ROUTE_OTHER;
        *con_cls = rq;
        __atomic_add_fetch(&s->inflight, 1, __ATOMIC_RELAXED);
        /* the answer comes on the next call, once the request is whole: answering from this
           first one would make libmicrohttpd close the connection */
        if (strcmp(method, "POST")) return MHD_YES;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->max_body) rq->too_big = 1;
        if (rq->too_big)
            return send_error(s, c, rq, method, url, 413, what_for(413), NULL, 0,
                              "the body is larger than the server accepts (--max-body)");
        return MHD_YES;
    }
    if (*upload_size) {
        /* libmicrohttpd answers only once the body is read: past the limit the rest is
           counted and dropped, and a body far past it closes the connection unanswered */
        if (rq->too_big || rq->body.len + *upload_size > s->max_body) {
            rq->too_big = 1;
            rq->dropped += *upload_size;
            *upload_size = 0;
            return rq->dropped > 16 * s->max_body + (1u << 20) ? MHD_NO : MHD_YES;
        }
        bc_buf_add(&rq->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (rq->too_big)
        return send_error(s, c, rq, method, url, 413, what_for(413), NULL, 0,
                          "the body is larger than the server accepts (--max-body)");
    return dispatch(s, c, rq, method, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    (void)toe;
    server *s = cls;
    request *rq = *con_cls;
    if (!rq) return;
    bc_buf_free(&rq->body);
    free(rq);
    *con_cls = NULL;
    __atomic_sub_fetch(&s->inflight, 1, __ATOMIC_RELAXED);
}

/* }====================================================== */

/* {====================================================== command */

static int parse_listen(const char *a, struct sockaddr_in *sin)
{
    char host[64];
    const char *colon = strrchr(a, ':');
    if (!colon || (size_t)(colon - a) >= sizeof host) return 0;
    memcpy(host, a, (size_t)(colon - a));
    host[colon - a] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535 || colon[1] == 0) return 0;
    memset(sin, 0, sizeof *sin);
    sin->sin_family = AF_INET;
    sin->sin_port = htons((uint16_t)port);
    if (!strcmp(host, "localhost")) snprintf(host, sizeof host, "127.0.0.1");
    return inet_pton(AF_INET, host, &sin->sin_addr) == 1;
}

static int read_token(const char *path, server *s)
{
    char *data = NULL;
    size_t len = 0;
    bc_error err;
    bc_error_clear(&err);
    if (bc_read_file(path, &data, &len, &err) != BC_OK) {
        bc_error_print(&err, "briefc");
        return 0;
    }
    while (len && (data[len - 1] == '\n' || data[len - 1] == '\r' || data[len - 1] == ' '))
        data[--len] = 0;
    if (!len || memchr(data, 0, len) || memchr(data, '\n', len)) {
        fprintf(stderr, "%s: error: the token file must hold one token on one line\n", path);
        free(data);
        return 0;
    }
    s->token = data;
    s->token_len = len;
    return 1;
}

static int open_log(const char *path)
{
    if (!strcmp(path, "-")) return dup(2);
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
}

static long number_arg(const char *opt, const char *v, long lo, long hi, int *bad)
{
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || n < lo || n > hi) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s takes a number from %ld to %ld, not '%%s'", opt, lo, hi);
        bc_usage_error(msg, v ? v : "");
        *bad = 1;
    }
    return n;
}

/* Frees what the command line and start-up took; returns rc. */
static int serve_exit(server *s, int rc)
{
    free(s->token);
    free(s->allow_hosts);
    if (s->log_fd >= 0) close(s->log_fd);
    s->token = NULL;
    s->allow_hosts = NULL;
    s->log_fd = -1;
    return rc;
}

int bc_cmd_serve(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--worker")) return bc_serve_worker_main(argv[2]);
    const char *listen = "127.0.0.1:8080", *briefs = "briefs", *token_file = NULL, *log = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN), queue = 64, cache_mb = 64, timeout = 60, body_kb = 64;
    int bad = 0;
    static server s;
    s.log_fd = -1;
    s.allow_hosts = bc_xcalloc((size_t)argc + 1, sizeof *s.allow_hosts);
    bc_cli cl; /* options from the table in core/cli.c */
    bc_cli_begin(&cl, "serve", argc, argv);
    for (bc_cli_id id; !bad && (id = bc_cli_next(&cl)) != BC_OPT_END;) {
        const char *a = cl.opt, *next = cl.value;
        switch (id) {
        case BC_OPT_STOP: return serve_exit(&s, cl.status);
        case BC_OPT_LISTEN: listen = next; break;
        case BC_OPT_BRIEFS: briefs = next; break;
        case BC_OPT_TOKEN_FILE: token_file = next; break;
        case BC_OPT_LOG: log = next; break;
        case BC_OPT_ALLOW_HOST: s.allow_hosts[s.nallow_hosts++] = next; break;
        case BC_OPT_JOBS: jobs = number_arg(a, next, 1, 64, &bad); break;
        case BC_OPT_MAX_QUEUE: queue = number_arg(a, next, 0, 100000, &bad); break;
        case BC_OPT_CACHE_MB: cache_mb = number_arg(a, next, 0, 65536, &bad); break;
        case BC_OPT_TIMEOUT: timeout = number_arg(a, next, 1, 86400, &bad); break;
        case BC_OPT_MAX_BODY: body_kb = number_arg(a, next, 1, 1 << 20, &bad); break;
        default:
            bad = 1;
            bc_cli_usage(&cl, "unexpected argument '%s'", a);
            break;
        }
    }
    if (bad) return serve_exit(&s, BC_EXIT_USAGE);
    struct sockaddr_in sin;
    if (!parse_listen(listen, &sin))
        return serve_exit(&s, bc_usage_error("--listen takes ADDRESS:PORT (IPv4), such as "
                                             "127.0.0.1:8080, not '%s'", listen));
    if (jobs < 1) jobs = 1;
    if (jobs > 64) jobs = 64;
    if ((ntohl(sin.sin_addr.s_addr) >> 24) != 127 && !token_file)
        fprintf(stderr, "briefc: serve: warning: listening on %s without --token-file: anyone "
                "who reaches it can build the briefs\n", listen);

    s.loopback = (ntohl(sin.sin_addr.s_addr) >> 24) == 127;
    s.max_body = (size_t)body_kb << 10;
    if (!realpath(briefs, s.briefs)) {
        fprintf(stderr, "briefc: serve: error: cannot open the briefs folder '%s': %s\n", briefs,
                strerror(errno));
        return serve_exit(&s, BC_EXIT_USAGE);
    }
    if (token_file && !read_token(token_file, &s)) return serve_exit(&s, BC_EXIT_USAGE);
    if (log) {
        s.log_path = log;
        s.log_fd = open_log(log);
        if (s.log_fd < 0) {
            fprintf(stderr, "briefc: serve: error: cannot open the log '%s': %s\n", log,
                    strerror(errno));
            return serve_exit(&s, BC_EXIT_USAGE);
        }
    }

    /* Not dumpable: a process of the same user (a worker a plugin broke out of, say) cannot
       attach to the server or read its memory, which holds the token. */
    prctl(PR_SET_DUMPABLE, 0);
    /* Every thread the server starts inherits this mask: the signals come to sigwait below. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    bc_error err;
    bc_error_clear(&err);
    s.pool = bc_serve_pool_new(s.briefs, (int)jobs, (int)queue, (double)timeout, &err);
    if (!s.pool) {
        bc_error_print(&err, "briefc");
        return serve_exit(&s, BC_EXIT_BRIEF);
    }
    s.cache = bc_serve_cache_new((size_t)cache_mb << 20);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ITC |
            MHD_USE_POLL,
        0, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)128, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "briefc: serve: error: cannot listen on %s: %s\n", listen,
                errno ? strerror(errno) : "address in use or not allowed");
        bc_serve_pool_free(s.pool);
        bc_serve_cache_free(s.cache);
        return serve_exit(&s, BC_EXIT_BRIEF);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char shown[INET_ADDRSTRLEN] = "?";
    inet_ntop(AF_INET, &sin.sin_addr, shown, sizeof shown);
    fprintf(stderr, "briefc: serving %s on http://%s:%u/ with %ld workers\n", s.briefs, shown,
            info ? info->port : ntohs(sin.sin_port), jobs);

    int sig = 0;
    for (;;) {
        if (sigwait(&set, &sig) != 0) continue;
        if (sig == SIGHUP) {
            if (s.log_path) {
                int fd = open_log(s.log_path);
                if (fd >= 0) {
                    dup2(fd, s.log_fd); /* atomic: a request thread writes to one or the other */
                    close(fd);
                }
            }
            continue;
        }
        break;
    }
    /* Drain: stop accepting, let requests in flight finish (bounded by the build timeout). */
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET) close(ls);
    double until = bc_now() + (double)timeout + 5;
    while (__atomic_load_n(&s.inflight, __ATOMIC_RELAXED) > 0 && bc_now() < until) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    bc_serve_pool_free(s.pool);
    bc_serve_cache_free(s.cache);
    fprintf(stderr, "briefc: serve: stopped (signal %d)\n", sig);
    return serve_exit(&s, 0);
}

/* }====================================================== */
