/*
** serve_build.c — the routes of `briefc serve` that build: the describe cache, one build per state
** in flight, the PDF route and the batch route (a manifest in, a zip of PDFs out).
*/
#define _GNU_SOURCE
#include "serve/serve_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "batch/manifest.h"

/* The brief's describe JSON through a worker, kept per brief state. */
typedef struct described {
    char key[33];
    char *name, *json;
} described;
static described dcache[64];
static pthread_mutex_t dcache_mu = PTHREAD_MUTEX_INITIALIZER;

int bc_serve_describe(server *s, const char *name, char **json, bc_serve_result *r,
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

int bc_serve_status_for(int st)
{
    switch (st) {
    case BC_SERVE_OK: return 200;
    case BC_SERVE_BAD_PARAMS: return 400;
    case BC_SERVE_FAILED: return 422;
    case BC_SERVE_BUSY: return 503;
    default: return 500;
    }
}

const char *bc_serve_what_for(int code)
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

/* The response cache's key for a PDF: the ETag, the brief and its state, then every param
   with its length, so that two requests share an entry only when their params are the same
   bytes (the ETag alone is a 128-bit hash that is not a cryptographic one). */
static void cache_key(const char *key, const char *name, const char *base, const params *p,
                      bc_buf *out)
{
    bc_buf_printf(out, "%s %s %s", key, base, name);
    for (int i = 0; i < p->n; i++) bc_buf_printf(out, " %zu:%s", strlen(p->kv[i]), p->kv[i]);
}

/* The PDF for key, from the cache or a worker: 1 with pdf filled, else 0 with res saying why. */
static int build_cached(server *s, const char *name, const params *p, const char *key,
                        const char *base, bc_buf *pdf, bc_serve_result *res, int *hit)
{
    memset(res, 0, sizeof *res);
    int mine = 0;
    bc_buf ck = {0};
    cache_key(key, name, base, p, &ck);
    for (;;) {
        *hit = bc_serve_cache_get(s->cache, ck.data, pdf);
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
    if (*hit) {
        bc_buf_free(&ck);
        return 1;
    }
    bc_serve_pool_run(s->pool, BC_SERVE_JOB_BUILD, name, base, (const char *const *)p->kv, p->n,
                      res);
    if (res->status != BC_SERVE_BUSY) {
        bc_serve_metrics_build(res->seconds);
        bc_serve_metrics_queue_wait(res->queue_seconds);
    }
    int ok = res->status == BC_SERVE_OK;
    if (ok) {
        *pdf = res->body;
        memset(&res->body, 0, sizeof res->body);
        bc_serve_cache_put(s->cache, ck.data, pdf->data, pdf->len);
    } else {
        if (res->status == BC_SERVE_FAILED && strstr(res->msg, "limit"))
            bc_serve_metrics_limit_hit();
        bc_buf_free(&res->body);
    }
    if (mine) { /* waiters find the PDF in the cache, or build it themselves after a failure */
        pthread_mutex_lock(&flying_mu);
        int i = flying_find(key);
        if (i >= 0) memcpy(flying[i], flying[--nflying], 33);
        pthread_cond_broadcast(&flying_done);
        pthread_mutex_unlock(&flying_mu);
    }
    bc_buf_free(&ck);
    return ok;
}

enum MHD_Result bc_serve_route_pdf(server *s, struct MHD_Connection *c, request *rq,
                                   const char *method, const char *url, const char *name, int post)
{
    params p;
    memset(&p, 0, sizeof p);
    if (post) {
        const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        if (!rq->body.len) {
        } else if (ct && !strncasecmp(ct, "application/json", 16)) {
            bc_serve_parse_json(&p, rq->body.data, rq->body.len);
        } else if (ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33)) {
            bc_serve_parse_form(&p, rq->body.data, rq->body.len);
        } else {
            return bc_serve_send_error(s, c, rq, method, url, 415, bc_serve_what_for(415), NULL, 0,
                                       "send the parameters as application/json or "
                                       "application/x-www-form-urlencoded");
        }
    } else {
        MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, bc_serve_query_arg, &p);
    }
    if (p.err[0]) {
        char file[BC_SERVE_NAME_MAX + 16];
        snprintf(file, sizeof file, "%s/brief.lua", name);
        enum MHD_Result ret =
            bc_serve_send_error(s, c, rq, method, url, 400, bc_serve_what_for(400), file, 0, p.err);
        bc_serve_params_free(&p);
        return ret;
    }
    qsort(p.kv, (size_t)p.n, sizeof *p.kv, bc_serve_cmp_kv);
    char key[33], base[33], etag[40];
    state_key(s, name, &p, key, base);
    snprintf(etag, sizeof etag, "\"%s\"", key);

    struct MHD_Response *r = NULL;
    enum MHD_Result ret;
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    if (inm && (strstr(inm, etag) || !strcmp(inm, "*"))) {
        ret = bc_serve_reply(s, c, rq, method, url, 304, NULL, NULL, 0, &r);
        if (r) {
            MHD_add_response_header(r, "ETag", etag);
            MHD_add_response_header(r, "Cache-Control", "no-cache");
            ret = MHD_queue_response(c, 304, r);
            MHD_destroy_response(r);
        }
        bc_serve_params_free(&p);
        return ret;
    }
    bc_buf pdf = {0};
    bc_serve_result res;
    int hit = 0;
    if (!build_cached(s, name, &p, key, base, &pdf, &res, &hit)) {
        int code = bc_serve_status_for(res.status);
        ret = bc_serve_send_error(s, c, rq, method, url, code, bc_serve_what_for(code), res.file,
                                  res.line, res.msg);
        bc_serve_params_free(&p);
        return ret;
    }
    ret = bc_serve_reply(s, c, rq, method, url, 200, "application/pdf", pdf.data, pdf.len, &r);
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
    bc_serve_params_free(&p);
    return ret;
}

#define MAX_BATCH_ROWS 100

/* POST /briefs/NAME/batch: a CSV or JSON-lines manifest, one PDF a row (each row's columns are
   its params, checked as -D checks them), back as a zip. A failing row fails the request
   with its row named, as briefc batch names it. Large manifests belong to briefc batch. */
/* A 200 with data as an attachment named NAME.EXT, never stored by a cache. */
static enum MHD_Result send_attachment(server *s, struct MHD_Connection *c, request *rq,
                                       const char *method, const char *url, const char *type,
                                       const void *data, size_t len, const char *name,
                                       const char *ext)
{
    struct MHD_Response *resp = NULL;
    enum MHD_Result ret = bc_serve_reply(s, c, rq, method, url, 200, type, data, len, &resp);
    if (resp) {
        char disp[BC_SERVE_NAME_MAX + 64];
        snprintf(disp, sizeof disp, "attachment; filename=\"%s.%s\"", name, ext);
        MHD_add_response_header(resp, "Content-Disposition", disp);
        MHD_add_response_header(resp, "Cache-Control", "no-store");
        ret = MHD_queue_response(c, 200, resp);
        MHD_destroy_response(resp);
    }
    return ret;
}

/* A batch's rows built into one combined PDF by one worker job, and sent. */
static enum MHD_Result reply_combined(server *s, struct MHD_Connection *c, request *rq,
                                      const char *method, const char *url, const char *name,
                                      const char *mname, const char *rowbase, const bc_buf *rowdefs,
                                      int nrowdefs)
{
    enum MHD_Result ret;
    /* the strings are laid end to end in rowdefs: point at each */
    const char **v = bc_xcalloc((size_t)nrowdefs + 1, sizeof *v);
    const char *d = rowdefs->data;
    for (int i = 0; i < nrowdefs; i++, d += strlen(d) + 1) v[i] = d;
    bc_serve_result res;
    bc_serve_pool_run(s->pool, BC_SERVE_JOB_COMBINE, name, rowbase, v, nrowdefs, &res);
    if (res.status != BC_SERVE_BUSY) {
        bc_serve_metrics_build(res.seconds);
        bc_serve_metrics_queue_wait(res.queue_seconds);
    }
    if (res.status != BC_SERVE_OK) {
        int code = bc_serve_status_for(res.status);
        ret = bc_serve_send_error(s, c, rq, method, url, code, bc_serve_what_for(code),
                                  res.file[0] ? res.file : mname, res.line, res.msg);
    } else {
        ret = send_attachment(s, c, rq, method, url, "application/pdf", res.body.data, res.body.len,
                              name, "pdf");
    }
    bc_buf_free(&res.body);
    free(v);
    return ret;
}

/* A batch's PDFs, one a row, sent as a zip. */
static enum MHD_Result reply_zip(server *s, struct MHD_Connection *c, request *rq,
                                 const char *method, const char *url, const char *name,
                                 bc_serve_zip *z)
{
    bc_serve_zip_finish(z);
    return send_attachment(s, c, rq, method, url, "application/zip", z->out.data, z->out.len, name,
                           "zip");
}

/* One combined PDF (?format=pdf, or Accept: application/pdf): 1; a zip of PDFs: 0; -1 when
   format names neither. */
static int wants_combined(struct MHD_Connection *c)
{
    const char *fmt = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
    const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    int combined =
        fmt ? !strcmp(fmt, "pdf")
            : accept && strstr(accept, "application/pdf") && !strstr(accept, "application/zip");
    return fmt && !combined && strcmp(fmt, "zip") != 0 ? -1 : combined;
}

enum MHD_Result bc_serve_route_batch(server *s, struct MHD_Connection *c, request *rq,
                                     const char *method, const char *url, const char *name)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    int jsonl = ct && (strstr(ct, "jsonl") || strstr(ct, "ndjson") || strstr(ct, "json-lines"));
    int csv = ct && !strncasecmp(ct, "text/csv", 8);
    if (!jsonl && !csv)
        return bc_serve_send_error(s, c, rq, method, url, 415, bc_serve_what_for(415), NULL, 0,
                                   "send the manifest as text/csv or application/jsonl");
    const char *mname = jsonl ? "manifest.jsonl" : "manifest.csv";
    FILE *f = rq->body.len ? fmemopen(rq->body.data, rq->body.len, "r") : NULL;
    if (!f)
        return bc_serve_send_error(s, c, rq, method, url, 400, bc_serve_what_for(400), mname, 0,
                                   "the manifest is empty");
    bc_manifest m;
    bc_error err;
    bc_error_clear(&err);
    if (bc_manifest_open_stream(&m, f, mname, &err) < 0) {
        bc_manifest_close(&m);
        return bc_serve_send_error(s, c, rq, method, url, 400, bc_serve_what_for(400), err.file,
                                   err.line, err.msg);
    }
    int combined = wants_combined(c);
    if (combined < 0) {
        bc_manifest_close(&m);
        return bc_serve_send_error(s, c, rq, method, url, 400, bc_serve_what_for(400), NULL, 0,
                                   "format is pdf (one combined PDF) or zip (a PDF per row)");
    }
    bc_buf rowdefs = {0}; /* combined: every row's "key=value" strings, each row ended by "" */
    int nrowdefs = 0;
    char rowbase[33] = "";
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
            ret = bc_serve_send_error(s, c, rq, method, url, 400, bc_serve_what_for(400),
                                      err.file[0] ? err.file : mname, err.line, err.msg);
            failed = 1;
            break;
        }
        if (++rows > MAX_BATCH_ROWS) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "more than %d rows: build large manifests with briefc batch "
                     "(or a Slurm or Kubernetes job, see examples/)",
                     MAX_BATCH_ROWS);
            ret = bc_serve_send_error(s, c, rq, method, url, 413, bc_serve_what_for(413), mname,
                                      r.line, msg);
            failed = 1;
            break;
        }
        params p;
        memset(&p, 0, sizeof p);
        for (int i = 0; i < r.ncols; i++)
            bc_serve_params_add(&p, r.name[i], strlen(r.name[i]), r.value[i], strlen(r.value[i]));
        bc_serve_result res;
        memset(&res, 0, sizeof res);
        bc_buf pdf = {0};
        int hit = 0, code = 400;
        if (p.err[0]) {
            snprintf(res.msg, sizeof res.msg, "%s", p.err);
        } else if (combined) { /* built in one job below */
            qsort(p.kv, (size_t)p.n, sizeof *p.kv, bc_serve_cmp_kv);
            char key[33];
            if (!rowbase[0]) state_key(s, name, &p, key, rowbase);
            for (int i = 0; i < p.n; i++) bc_buf_add(&rowdefs, p.kv[i], strlen(p.kv[i]) + 1);
            bc_buf_add(&rowdefs, "", 1);
            nrowdefs += p.n + 1;
            code = 200;
        } else {
            qsort(p.kv, (size_t)p.n, sizeof *p.kv, bc_serve_cmp_kv);
            char key[33], base[33];
            state_key(s, name, &p, key, base);
            if (build_cached(s, name, &p, key, base, &pdf, &res, &hit))
                code = 200;
            else
                code = bc_serve_status_for(res.status);
        }
        bc_serve_params_free(&p);
        if (code != 200) {
            /* placed as briefc batch places it: at the error's own line, else the row's */
            char msg[2300];
            snprintf(msg, sizeof msg, "row %ld: %s", r.row, res.msg);
            int own = res.file[0] && res.line > 0;
            ret = bc_serve_send_error(s, c, rq, method, url, code, bc_serve_what_for(code),
                                      own ? res.file : mname, own ? res.line : r.line, msg);
            failed = 1;
            break;
        }
        char fname[BC_SERVE_NAME_MAX + 32];
        snprintf(fname, sizeof fname, "%s-%ld.pdf", name, r.row);
        if (!combined) bc_serve_zip_add(&z, fname, pdf.data ? pdf.data : "", pdf.len);
        bc_buf_free(&pdf);
        bc_record_clear(&r);
    }
    bc_record_clear(&r);
    bc_manifest_close(&m);
    if (!failed && !rows) {
        ret = bc_serve_send_error(s, c, rq, method, url, 400, bc_serve_what_for(400), mname, 0,
                                  "the manifest has no rows");
        failed = 1;
    }
    if (!failed && combined)
        ret = reply_combined(s, c, rq, method, url, name, mname, rowbase, &rowdefs, nrowdefs);
    else if (!failed)
        ret = reply_zip(s, c, rq, method, url, name, &z);
    bc_buf_free(&rowdefs);
    bc_buf_free(&z.out);
    bc_buf_free(&z.cd);
    return ret;
}
