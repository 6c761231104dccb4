/*
** serve_route.c — the routing of `briefc serve`: the Host and token checks, the index and form
** pages, the dispatch of a URL to its route and libmicrohttpd's request callbacks.
*/
#define _GNU_SOURCE
#include "serve/serve_int.h"
#include "serve/deadline.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "batch/manifest.h"

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
        if (!bc_serve_describe(s, names[i], &desc[i], &r, &changed[i])) {
            char t[2600];
            snprintf(t, sizeof t, "%s%s%s", r.file, r.file[0] ? ": error: " : "", r.msg);
            errs[i] = bc_xstrdup(t);
            bc_buf_free(&r.body);
        }
    }
    bc_buf b = {0};
    bc_serve_page_index(&b, names, desc, errs, changed);
    enum MHD_Result ret =
        bc_serve_reply(s, c, rq, method, url, 200, "text/html; charset=utf-8", b.data, b.len, NULL);
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
    if (!bc_serve_describe(s, name, &json, &r, NULL)) {
        int code = bc_serve_status_for(r.status);
        enum MHD_Result ret = bc_serve_send_error(s, c, rq, method, url, code,
                                                  bc_serve_what_for(code), r.file, r.line, r.msg);
        bc_buf_free(&r.body);
        return ret;
    }
    bc_buf b = {0};
    if (schema)
        bc_serve_params_schema(&b, name, json);
    else
        bc_serve_page_form(&b, name, json);
    enum MHD_Result ret = bc_serve_reply(
        s, c, rq, method, url, 200, schema ? "application/schema+json" : "text/html; charset=utf-8",
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
        return bc_serve_send_error(s, c, rq, method, url, 421,
                                   "This server does not answer to that name", NULL, 0,
                                   "the Host header does not name this machine; a reverse proxy "
                                   "passes its name with --allow-host NAME");
    if (!strcmp(url, "/healthz")) {
        rq->route = BC_ROUTE_HEALTHZ;
        if (!get)
            return bc_serve_send_error(s, c, rq, method, url, 405, bc_serve_what_for(405), NULL, 0,
                                       NULL);
        return bc_serve_reply(s, c, rq, method, url, 200, "text/plain; charset=utf-8", "ok\n", 3,
                              NULL);
    }
    if (!authorised(s, c)) {
        rq->route = BC_ROUTE_OTHER;
        return bc_serve_send_error(s, c, rq, method, url, 401, bc_serve_what_for(401), NULL, 0,
                                   "send the server's token as 'Authorization: Bearer TOKEN'");
    }
    if (!strcmp(url, "/metrics")) {
        rq->route = BC_ROUTE_METRICS;
        if (!get)
            return bc_serve_send_error(s, c, rq, method, url, 405, bc_serve_what_for(405), NULL, 0,
                                       NULL);
        int queued, busy;
        long restarted;
        bc_serve_pool_stats(s->pool, &queued, &busy, &restarted);
        bc_buf b = {0};
        bc_serve_metrics_text(&b, queued, busy, restarted,
                              __atomic_load_n(&s->inflight, __ATOMIC_RELAXED));
        enum MHD_Result ret =
            bc_serve_reply(s, c, rq, method, url, 200, "text/plain; version=0.0.4; charset=utf-8",
                           b.data, b.len, NULL);
        bc_buf_free(&b);
        return ret;
    }
    if (!strcmp(url, "/style.css")) {
        rq->route = BC_ROUTE_STATIC;
        if (!get)
            return bc_serve_send_error(s, c, rq, method, url, 405, bc_serve_what_for(405), NULL, 0,
                                       NULL);
        return bc_serve_reply(s, c, rq, method, url, 200, "text/css; charset=utf-8", bc_serve_css,
                              strlen(bc_serve_css), NULL);
    }
    if (!strcmp(url, "/")) {
        rq->route = BC_ROUTE_INDEX;
        if (!get)
            return bc_serve_send_error(s, c, rq, method, url, 405, bc_serve_what_for(405), NULL, 0,
                                       NULL);
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
        rq->route = pdf      ? BC_ROUTE_PDF
                    : schema ? BC_ROUTE_PARAMS
                    : batch  ? BC_ROUTE_BATCH
                             : BC_ROUTE_FORM;
        char *name = bc_serve_lookup(s->briefs, rest, n);
        if (!name) {
            rq->route = BC_ROUTE_OTHER;
            return bc_serve_send_error(s, c, rq, method, url, 404, bc_serve_what_for(404), NULL, 0,
                                       "no brief of that name in the briefs folder");
        }
        enum MHD_Result ret;
        if (batch ? !post : !(get || (post && pdf)))
            ret = bc_serve_send_error(s, c, rq, method, url, 405, bc_serve_what_for(405), NULL, 0,
                                      NULL);
        else if (batch)
            ret = bc_serve_route_batch(s, c, rq, method, url, name);
        else if (pdf)
            ret = bc_serve_route_pdf(s, c, rq, method, url, name, post);
        else
            ret = route_brief(s, c, rq, method, url, name, schema);
        free(name);
        return ret;
    }
    rq->route = BC_ROUTE_OTHER;
    return bc_serve_send_error(s, c, rq, method, url, 404, bc_serve_what_for(404), NULL, 0, NULL);
}

enum MHD_Result bc_serve_on_request(void *cls, struct MHD_Connection *c, const char *url,
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
        if (rq->too_big) {
            bc_serve_deadline_stop(c);
            return bc_serve_send_error(s, c, rq, method, url, 413, bc_serve_what_for(413), NULL, 0,
                                       "the body is larger than the server accepts (--max-body)");
        }
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
    bc_serve_deadline_stop(c); /* the request is whole: --timeout bounds its answer */
    if (rq->too_big)
        return bc_serve_send_error(s, c, rq, method, url, 413, bc_serve_what_for(413), NULL, 0,
                                   "the body is larger than the server accepts (--max-body)");
    return dispatch(s, c, rq, method, url);
}

void bc_serve_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                           enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    server *s = cls;
    request *rq = *con_cls;
    bc_serve_deadline_restart(c); /* a kept-alive connection's next request */
    if (!rq) return;
    bc_buf_free(&rq->body);
    free(rq);
    *con_cls = NULL;
    __atomic_sub_fetch(&s->inflight, 1, __ATOMIC_RELAXED);
}

/* }====================================================== */
