/*
** serve_http.c — the request and response helpers of `briefc serve`: common headers, the access
** log, replies and errors, and the parameters read from a query, a form or a JSON body.
*/
#define _GNU_SOURCE
#include "serve/serve_int.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "batch/manifest.h"

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

enum MHD_Result bc_serve_reply(server *s, struct MHD_Connection *c, request *rq, const char *method,
                               const char *url, int code, const char *type, const void *data,
                               size_t len, struct MHD_Response **keep)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)(data ? data : ""), MHD_RESPMEM_MUST_COPY);
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
enum MHD_Result bc_serve_send_error(server *s, struct MHD_Connection *c, request *rq,
                                    const char *method, const char *url, int code, const char *what,
                                    const char *file, int line, const char *msg)
{
    char diag[4096] = "";
    if (msg && msg[0]) {
        if (file && file[0] && line > 0)
            snprintf(diag, sizeof diag, "%s:%d: error: %s", file, line, msg);
        else if (file && file[0])
            snprintf(diag, sizeof diag, "%s: error: %s", file, msg);
        else
            snprintf(diag, sizeof diag, "%s", msg);
    }
    bc_buf b = {0};
    const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    int html = accept && strstr(accept, "text/html"), text = !html && accept &&
                                                             strstr(accept, "text/plain") &&
                                                             !strstr(accept, "application/json");
    const char *type = html   ? "text/html; charset=utf-8"
                       : text ? "text/plain; charset=utf-8"
                              : "application/json";
    if (html)
        bc_serve_page_error(&b, code, what, diag);
    else if (text)
        bc_buf_printf(&b, "%s\n", diag[0] ? diag : what); /* as briefc build prints it */
    else
        bc_serve_json_error(&b, code, file, line, msg && msg[0] ? msg : what, diag);
    struct MHD_Response *r = NULL;
    enum MHD_Result ret = bc_serve_reply(s, c, rq, method, url, code, type, b.data, b.len, &r);
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
void bc_serve_params_free(params *p)
{
    for (int i = 0; i < p->n; i++) free(p->kv[i]);
    p->n = 0;
}

/* Adds key=value; 0 with p->err set when refused. Keys starting with '_' are the server's. */
int bc_serve_params_add(params *p, const char *key, size_t klen, const char *val, size_t vlen)
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

enum MHD_Result bc_serve_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    params *p = cls;
    bc_serve_params_add(p, key, key_size, value ? value : "", value ? value_size : 0);
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
        if (in[i] == '+')
            out[k++] = ' ';
        else if (in[i] == '%') {
            if (i + 2 >= n) return -1;
            int h = hexval(in[i + 1]), l = hexval(in[i + 2]);
            if (h < 0 || l < 0) return -1;
            out[k++] = (char)(h * 16 + l);
            i += 2;
        } else
            out[k++] = in[i];
    }
    return (long)k;
}

void bc_serve_parse_form(params *p, const char *s, size_t n)
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
        if (kl < 0 || vl < 0)
            snprintf(p->err, sizeof p->err, "the form body has a bad %%-escape");
        else if (kl > 0)
            bc_serve_params_add(p, kbuf, (size_t)kl, vbuf, (size_t)vl);
        i = j + 1;
    }
    free(kbuf);
    free(vbuf);
}

void bc_serve_parse_json(params *p, const char *s, size_t n)
{
    cJSON *o = cJSON_ParseWithLength(s, n);
    if (!cJSON_IsObject(o)) {
        snprintf(p->err, sizeof p->err, "the body is not a JSON object of parameters");
        cJSON_Delete(o);
        return;
    }
    const cJSON *v;
    cJSON_ArrayForEach(v, o)
    {
        const char *k = v->string ? v->string : "";
        char num[64];
        if (cJSON_IsString(v))
            bc_serve_params_add(p, k, strlen(k), v->valuestring, strlen(v->valuestring));
        else if (cJSON_IsBool(v)) {
            const char *t = cJSON_IsTrue(v) ? "true" : "false";
            bc_serve_params_add(p, k, strlen(k), t, strlen(t));
        } else if (cJSON_IsNumber(v)) {
            bc_serve_number(num, sizeof num, v->valuedouble);
            bc_serve_params_add(p, k, strlen(k), num, strlen(num));
        } else if (!p->err[0]) {
            snprintf(p->err, sizeof p->err,
                     "param '%.100s': expected a number, text or "
                     "true/false in the JSON body",
                     k);
        }
        if (p->err[0]) break;
    }
    cJSON_Delete(o);
}

int bc_serve_cmp_kv(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* }====================================================== */
