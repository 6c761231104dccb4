/*
** serve.c — `briefc serve`: the HTTP layer on libmicrohttpd, its routes and its signals.
**
**   briefc serve [--listen 127.0.0.1:8080] [--briefs DIR] [-j N] [--max-queue N]
**                [--token-file FILE] [--cache-mb N] [--log FILE] [--timeout S] [--max-body KB]
**                [--request-timeout S] [--allow-host NAME]...
**
** Routes: GET / (the briefs), GET /briefs/NAME (a form from its params), GET|POST
** /briefs/NAME.pdf (the PDF; params in the query, or a JSON or form body), GET
** /briefs/NAME/params (JSON Schema), POST /briefs/NAME/batch (a manifest in, a zip of PDFs
** out), GET /healthz, GET /metrics (Prometheus), GET /style.css.
** A brief's name is looked up in the briefs folder's listing, never joined into a path; builds
** run in the worker pool (pool.h) so a hostile plugin or a crash costs one request. Headers are
** bounded by libmicrohttpd's per-connection memory, bodies by --max-body (413), the time to send
** a whole request by --request-timeout (deadline.h). With
** --token-file every route but /healthz needs "Authorization: Bearer TOKEN" (compared in
** constant time). SIGTERM or SIGINT stops accepting, lets requests in flight finish and exits
** 0; SIGHUP reopens the log.
*/
#define _GNU_SOURCE
#include "serve/serve_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "cli/build.h"
#include "cli/cli.h"
#include "serve/deadline.h"

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
    bc_serve_watch_stop();
    s->token = NULL;
    s->allow_hosts = NULL;
    s->log_fd = -1;
    return rc;
}

/* Waits for SIGTERM or SIGINT and returns it; SIGHUP reopens the log meanwhile. */
static int wait_for_stop(server *s, const sigset_t *set)
{
    int sig = 0;
    for (;;) {
        if (sigwait(set, &sig) != 0) continue;
        if (sig == SIGHUP) {
            if (s->log_path) {
                int fd = open_log(s->log_path);
                if (fd >= 0) {
                    dup2(fd, s->log_fd); /* atomic: a request thread writes to one or the other */
                    close(fd);
                }
            }
            continue;
        }
        break;
    }
    return sig;
}

/* Drain: stop accepting, let requests in flight finish (bounded by the build timeout). */
static void drain(server *s, struct MHD_Daemon *d, long timeout)
{
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET) close(ls);
    double until = bc_now() + (double)timeout + 5;
    while (__atomic_load_n(&s->inflight, __ATOMIC_RELAXED) > 0 && bc_now() < until) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
}

/* Blocks the signals wait_for_stop waits for (every thread the server starts inherits the
   mask, so they come to sigwait) into *set; SIGPIPE is ignored. */
static void block_signals(sigset_t *set)
{
    signal(SIGPIPE, SIG_IGN);
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, set, NULL);
}

/* The HTTP daemon: a thread per connection, 256 connections (128 from one address), 32 KB of
   headers each, 30 s idle, and the whole-request deadline dl (deadline.h); NULL on failure. */
static struct MHD_Daemon *start_daemon(server *s, const struct sockaddr_in *sin,
                                       bc_serve_deadlines *dl)
{
    return MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ITC |
            MHD_USE_POLL,
        0, NULL, NULL, bc_serve_on_request, s, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sin,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)128, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_NOTIFY_COMPLETED,
        bc_serve_on_completed, s, MHD_OPTION_NOTIFY_CONNECTION, bc_serve_deadline_notify, dl,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
}

int bc_cmd_serve(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--worker")) return bc_serve_worker_main(argc, argv);
    const char *listen = "127.0.0.1:8080", *briefs = "briefs", *token_file = NULL, *log = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN), queue = 64, cache_mb = 64, timeout = 60,
         body_kb = 64, request_timeout = 30;
    bc_serve_limits lim = {30, 2048, 256, 256}; /* CPU s, memory MB, file MB, open files */
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
        case BC_OPT_REQUEST_TIMEOUT: request_timeout = number_arg(a, next, 1, 3600, &bad); break;
        case BC_OPT_CPU_LIMIT: lim.cpu_seconds = number_arg(a, next, 0, 86400, &bad); break;
        case BC_OPT_MEMORY_MB: lim.memory_mb = number_arg(a, next, 0, 1 << 20, &bad); break;
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
                                             "127.0.0.1:8080, not '%s'",
                                             listen));
    if (jobs < 1) jobs = 1;
    if (jobs > 64) jobs = 64;
    if ((ntohl(sin.sin_addr.s_addr) >> 24) != 127 && !token_file)
        fprintf(stderr,
                "briefc: serve: warning: listening on %s without --token-file: anyone "
                "who reaches it can build the briefs\n",
                listen);

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
    sigset_t set;
    block_signals(&set);

    /* edits are seen through inotify; without it each request walks the folders */
    if (bc_serve_watch_start(s.briefs) != 0)
        fprintf(stderr, "briefc: serve: note: no change watch (inotify); every request checks "
                        "the brief's files\n");
    bc_error err;
    bc_error_clear(&err);
    if (lim.memory_mb > 0 && lim.memory_mb < 256) lim.memory_mb = 256; /* fonts and libraries */
    s.pool = bc_serve_pool_new(s.briefs, (int)jobs, (int)queue, (double)timeout, &lim, &err);
    if (!s.pool) {
        bc_error_print(&err, "briefc");
        return serve_exit(&s, BC_EXIT_BRIEF);
    }
    s.cache = bc_serve_cache_new((size_t)cache_mb << 20);
    bc_serve_deadlines *dl = bc_serve_deadlines_new((double)request_timeout);
    if (!dl) {
        fprintf(stderr, "briefc: serve: error: cannot start a thread: %s\n", strerror(errno));
        bc_serve_pool_free(s.pool);
        bc_serve_cache_free(s.cache);
        return serve_exit(&s, BC_EXIT_BRIEF);
    }
    struct MHD_Daemon *d = start_daemon(&s, &sin, dl);
    if (!d) {
        fprintf(stderr, "briefc: serve: error: cannot listen on %s: %s\n", listen,
                errno ? strerror(errno) : "address in use or not allowed");
        bc_serve_deadlines_free(dl);
        bc_serve_pool_free(s.pool);
        bc_serve_cache_free(s.cache);
        return serve_exit(&s, BC_EXIT_BRIEF);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char shown[INET_ADDRSTRLEN] = "?";
    inet_ntop(AF_INET, &sin.sin_addr, shown, sizeof shown);
    fprintf(stderr, "briefc: serving %s on http://%s:%u/ with %ld workers\n", s.briefs, shown,
            info ? info->port : ntohs(sin.sin_port), jobs);

    int sig = wait_for_stop(&s, &set);
    drain(&s, d, timeout);
    bc_serve_deadlines_free(dl);
    bc_serve_pool_free(s.pool);
    bc_serve_cache_free(s.cache);
    fprintf(stderr, "briefc: serve: stopped (signal %d)\n", sig);
    return serve_exit(&s, 0);
}

/* }====================================================== */
