/*
** pool.c — briefc serve's build workers: the server's side (spawn, queue, deadline, replace)
** and the worker's loop (build or describe one brief per job). See pool.h.
**
** Wire format, over two pipes per worker:
**   job    (server -> worker): job_head, then name_len bytes of the brief's name, key_len bytes
**          of its state key, defs_len bytes of "key=value" strings each ended by a NUL;
**   result (worker -> server): result_head, then file_len, msg_len and body_len bytes.
** Every length is checked against a bound on both sides, so neither trusts the other's sizes.
*/
#define _GNU_SOURCE
#include "serve/pool.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cJSON.h>

#include "batch/combine.h"
#include "lua/brief.h"
#include "cli/build.h"
#include "pdf/embed.h"
#include "pdf/pdf.h"
#include "lua/fmt.h"
#include "layout/fontset.h"
#include "lua/host.h"
#include "text/hyph.h"
#include "lua/sandbox.h"

#define MAX_WORKERS 64
#define MAX_NAME 256
#define MAX_DEFS_BYTES (1u << 20)
#define MAX_NDEFS 8192               /* a combined batch: 100 rows of many params */
#define MAX_BODY ((uint32_t)1 << 30) /* a PDF larger than 1 GB is a failed request */
#define WORKER_FD_IN 3
#define WORKER_FD_OUT 4

typedef struct job_head {
    uint32_t kind, name_len, key_len, ndefs, defs_len;
} job_head;

typedef struct result_head {
    int32_t status, line;
    uint32_t file_len, msg_len, body_len;
    double seconds;
} result_head;

/* {====================================================== server side */

typedef struct worker {
    pid_t pid; /* 0: not running (start it before use) */
    int to, from;
    int busy;
} worker;

/* A request waiting for a worker, in the pool's first-come-first-served line. */
typedef struct waiter {
    pthread_cond_t handed; /* signalled when a finishing request hands it its worker */
    worker *w;
    struct waiter *next;
} waiter;

struct bc_serve_pool {
    pthread_mutex_t mu;
    worker w[MAX_WORKERS];
    waiter *line, *line_end; /* requests waiting for a worker, oldest first */
    int n, waiting, max_queue;
    long restarted;
    double timeout;
    char *dir;
    bc_serve_limits lim;
    char lim_args[4][24]; /* the limits as the worker's arguments */
};

static void worker_stop(worker *w, int sig)
{
    if (w->pid > 0) {
        if (sig) kill(w->pid, sig);
        close(w->to);
        close(w->from);
        while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR) {}
    }
    w->pid = 0;
    w->to = w->from = -1;
}

/* fork and exec a worker. Between the two only async-signal-safe calls: the server has
   threads, and the child must not take a lock one of them held. */
static int worker_start(bc_serve_pool *p, worker *w)
{
    int down[2], up[2];
    if (pipe2(down, O_CLOEXEC) < 0) return -1;
    if (pipe2(up, O_CLOEXEC) < 0) {
        close(down[0]);
        close(down[1]);
        return -1;
    }
    char *argv[] = {(char *)"briefc", (char *)"serve", (char *)"--worker", p->dir, p->lim_args[0],
                    p->lim_args[1],   p->lim_args[2],  p->lim_args[3],     NULL};
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        int a = fcntl(down[0], F_DUPFD_CLOEXEC, 10), b = fcntl(up[1], F_DUPFD_CLOEXEC, 10);
        if (a < 0 || b < 0 || dup2(a, WORKER_FD_IN) < 0 || dup2(b, WORKER_FD_OUT) < 0) _exit(127);
        /* nothing else serve was started with (a log, a socket its launcher left open) */
        if (syscall(SYS_close_range, WORKER_FD_OUT + 1, ~0u, 0u) != 0) /* before Linux 5.9 */
            for (int fd = WORKER_FD_OUT + 1; fd < 65536; fd++) close(fd);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL); /* the server blocks its signals in every thread */
        signal(SIGPIPE, SIG_DFL);
        /* no PR_SET_PDEATHSIG: it follows the thread that forks, and a worker replaced by a
           request's connection thread died when that connection closed (watch_server) */
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); /* no set-uid program gains anything for it */
        if (getppid() != parent) _exit(127);
        execv("/proc/self/exe", argv);
        _exit(127);
    }
    close(down[0]);
    close(up[1]);
    if (pid < 0) {
        close(down[1]);
        close(up[0]);
        return -1;
    }
    w->pid = pid;
    w->to = down[1];
    w->from = up[0];
    return 0;
}

bc_serve_pool *bc_serve_pool_new(const char *briefs_dir, int n, int max_queue, double timeout,
                                 const bc_serve_limits *lim, bc_error *err)
{
    if (n < 1) n = 1;
    if (n > MAX_WORKERS) n = MAX_WORKERS;
    bc_serve_pool *p = bc_xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    p->n = n;
    p->max_queue = max_queue < 0 ? 0 : max_queue;
    p->timeout = timeout;
    p->dir = bc_xstrdup(briefs_dir);
    if (lim) p->lim = *lim;
    const long v[4] = {p->lim.cpu_seconds, p->lim.memory_mb, p->lim.file_mb, p->lim.open_files};
    for (int i = 0; i < 4; i++) snprintf(p->lim_args[i], sizeof p->lim_args[i], "%ld", v[i]);
    for (int i = 0; i < n; i++) {
        p->w[i].to = p->w[i].from = -1;
        if (worker_start(p, &p->w[i]) < 0) {
            bc_error_set(err, NULL, 0, "cannot start a build worker: %s", strerror(errno));
            bc_serve_pool_free(p);
            return NULL;
        }
    }
    return p;
}

void bc_serve_pool_stats(bc_serve_pool *p, int *queued, int *busy, long *restarted)
{
    pthread_mutex_lock(&p->mu);
    *queued = p->waiting;
    *busy = 0;
    for (int i = 0; i < p->n; i++) *busy += p->w[i].busy;
    *restarted = p->restarted;
    pthread_mutex_unlock(&p->mu);
}

/* Waits until fd is readable or the deadline passes: 1 readable, 0 timed out. */
static int wait_readable(int fd, double deadline)
{
    for (;;) {
        double left = deadline - bc_now();
        if (left <= 0) return 0;
        struct pollfd pf = {fd, POLLIN, 0};
        int ms = left > 1e6 ? 1000000000 : (int)(left * 1000) + 1;
        int k = poll(&pf, 1, ms);
        if (k > 0) return 1;
        if (k < 0 && errno != EINTR) return 1; /* the read says what is wrong */
    }
}

static int read_deadline(int fd, void *buf, size_t n, double deadline, int *timed_out)
{
    char *c = buf;
    while (n) {
        if (!wait_readable(fd, deadline)) {
            *timed_out = 1;
            return -1;
        }
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Sends the job and reads the result; -1 when the worker failed us (timed_out set when it
   ran out of time). */
static int exchange(bc_serve_pool *p, worker *w, bc_serve_job_kind kind, const char *name,
                    const char *key, const char *const *defs, int ndefs, bc_serve_result *r,
                    int *timed_out)
{
    bc_buf job = {0};
    job_head h = {(uint32_t)kind, (uint32_t)strlen(name), (uint32_t)strlen(key), (uint32_t)ndefs,
                  0};
    for (int i = 0; i < ndefs; i++) h.defs_len += (uint32_t)strlen(defs[i]) + 1;
    bc_buf_add(&job, &h, sizeof h);
    bc_buf_add(&job, name, h.name_len);
    bc_buf_add(&job, key, h.key_len);
    for (int i = 0; i < ndefs; i++) bc_buf_add(&job, defs[i], strlen(defs[i]) + 1);
    int rc = bc_write_all(w->to, job.data, job.len) == BC_OK ? 0 : -1;
    bc_buf_free(&job);
    if (rc < 0) return -1;
    double deadline = bc_now() + p->timeout;
    result_head rh;
    if (read_deadline(w->from, &rh, sizeof rh, deadline, timed_out) < 0) return -1;
    if (rh.file_len >= sizeof r->file || rh.msg_len >= sizeof r->msg || rh.body_len > MAX_BODY ||
        rh.status < BC_SERVE_OK || rh.status > BC_SERVE_BAD_PARAMS)
        return -1;
    if (read_deadline(w->from, r->file, rh.file_len, deadline, timed_out) < 0) return -1;
    r->file[rh.file_len] = 0;
    if (read_deadline(w->from, r->msg, rh.msg_len, deadline, timed_out) < 0) return -1;
    r->msg[rh.msg_len] = 0;
    bc_buf_reserve(&r->body, rh.body_len);
    if (read_deadline(w->from, r->body.data, rh.body_len, deadline, timed_out) < 0) return -1;
    r->body.len = rh.body_len;
    r->body.data[r->body.len] = 0;
    r->status = rh.status;
    r->line = rh.line;
    r->seconds = rh.seconds;
    return 0;
}

void bc_serve_pool_run(bc_serve_pool *p, bc_serve_job_kind kind, const char *name, const char *key,
                       const char *const *defs, int ndefs, bc_serve_result *r)
{
    memset(r, 0, sizeof *r);
    double queued_at = bc_now();
    /* Requests get workers in the order they arrived: a finishing request hands its worker
    ** straight to the oldest waiting one. With a condition variable shared by all, a request
    ** arriving just as a worker frees up could take it before the one woken for it, and under
    ** load that unfairness was most of the latency's tail (p99 over twice p50). */
    pthread_mutex_lock(&p->mu);
    worker *w = NULL;
    for (int i = 0; i < p->n && !w && !p->line; i++)
        if (!p->w[i].busy) w = &p->w[i];
    if (w) {
        w->busy = 1;
    } else if (p->waiting >= p->max_queue) {
        pthread_mutex_unlock(&p->mu);
        r->status = BC_SERVE_BUSY;
        snprintf(r->msg, sizeof r->msg,
                 "every build worker is busy and the queue is full; "
                 "try again shortly");
        return;
    } else {
        waiter me = {.w = NULL, .next = NULL};
        pthread_cond_init(&me.handed, NULL);
        if (p->line_end)
            p->line_end->next = &me;
        else
            p->line = &me;
        p->line_end = &me;
        p->waiting++;
        while (!me.w) pthread_cond_wait(&me.handed, &p->mu);
        pthread_cond_destroy(&me.handed);
        w = me.w; /* still marked busy: handed over, never free in between */
    }
    pthread_mutex_unlock(&p->mu);
    double waited = bc_now() - queued_at;

    /* a worker that died while idle (killed from outside) is replaced before use */
    if (w->pid > 0 && waitpid(w->pid, NULL, WNOHANG) == w->pid) {
        w->pid = 0;
        close(w->to);
        close(w->from);
        pthread_mutex_lock(&p->mu);
        p->restarted++;
        pthread_mutex_unlock(&p->mu);
    }
    if (w->pid <= 0 && worker_start(p, w) < 0) w->pid = 0;
    int timed_out = 0;
    double t0 = bc_now();
    if (w->pid <= 0 || exchange(p, w, kind, name, key, defs, ndefs, r, &timed_out) < 0) {
        /* the worker crashed, was killed, or ran out of time: it costs this request only */
        int st = 0;
        pid_t pid = w->pid;
        if (pid > 0) {
            kill(pid, SIGKILL);
            close(w->to);
            close(w->from);
            while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
        }
        w->pid = 0;
        bc_buf_free(&r->body);
        memset(r, 0, sizeof *r);
        r->status = BC_SERVE_CRASHED;
        snprintf(r->file, sizeof r->file, "%s/brief.lua", name);
        if (timed_out)
            snprintf(r->msg, sizeof r->msg,
                     "the build was stopped after %.0f s, the server's "
                     "limit for one request (briefc serve --timeout)",
                     bc_now() - t0);
        else if (pid > 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU)
            snprintf(r->msg, sizeof r->msg,
                     "the build used more than %ld s of CPU time, the "
                     "server's limit for one request (briefc serve --cpu-limit); its worker has "
                     "been replaced",
                     p->lim.cpu_seconds);
        else if (pid > 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ)
            snprintf(r->msg, sizeof r->msg,
                     "the build wrote a file larger than %ld MB, the "
                     "server's limit for one request; its worker has been replaced",
                     p->lim.file_mb);
        else if (pid > 0 && WIFSIGNALED(st))
            snprintf(r->msg, sizeof r->msg,
                     "the build's worker stopped with signal %d (%s)%s; it "
                     "has been replaced",
                     WTERMSIG(st), strsignal(WTERMSIG(st)),
                     WTERMSIG(st) == SIGABRT && p->lim.memory_mb
                         ? ", perhaps out of memory (briefc serve --memory-mb)"
                         : "");
        else
            snprintf(r->msg, sizeof r->msg, "the build's worker stopped; it has been replaced");
        pthread_mutex_lock(&p->mu);
        p->restarted++;
        pthread_mutex_unlock(&p->mu);
        if (worker_start(p, w) < 0) w->pid = 0; /* tried again on its next request */
    }
    r->queue_seconds = waited;
    pthread_mutex_lock(&p->mu);
    waiter *next = p->line;
    if (next) { /* hand the worker to the oldest waiting request */
        p->line = next->next;
        if (!p->line) p->line_end = NULL;
        p->waiting--;
        next->w = w;
        pthread_cond_signal(&next->handed);
    } else {
        w->busy = 0;
    }
    pthread_mutex_unlock(&p->mu);
}

void bc_serve_pool_free(bc_serve_pool *p)
{
    if (!p) return;
    for (int i = 0; i < p->n; i++) worker_stop(&p->w[i], 0); /* EOF: each ends after its job */
    pthread_mutex_destroy(&p->mu);
    free(p->dir);
    free(p);
}

/* }====================================================== */

/* {====================================================== worker side */

/* Paths in messages are shown relative to the briefs folder (the worker's working folder) or
   to the project: nothing outside the briefs folder reaches a client. */
static char scrub_from[2][PATH_MAX + 1];

static void scrub(char *s)
{
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(scrub_from[k]);
        if (n < 2) continue;
        char *hit;
        while ((hit = strstr(s, scrub_from[k]))) memmove(hit, hit + n, strlen(hit + n) + 1);
    }
}

/* Fonts opened once per brief state: a request for the same brief reuses them. */
#define FONT_SLOTS 8
static struct {
    char *key;
    bc_fontset *fonts;
    unsigned long used;
} font_slots[FONT_SLOTS];
static unsigned long font_clock;

static bc_fontset *fonts_for(const char *name, const char *key)
{
    int victim = 0;
    for (int i = 0; i < FONT_SLOTS; i++) {
        if (font_slots[i].key && !strcmp(font_slots[i].key, key)) {
            font_slots[i].used = ++font_clock;
            return font_slots[i].fonts;
        }
        if (font_slots[i].used < font_slots[victim].used) victim = i;
    }
    bc_host_config cfg = {0};
    cfg.brief = name;
    cfg.project_dir = bc_project_dir();
    bc_host *h = NULL;
    bc_error e;
    bc_error_clear(&e);
    bc_fontset *fs = NULL;
    if (bc_host_new(&cfg, &h, &e) == BC_OK) {
        const bc_brief *br = bc_host_brief(h);
        fs = bc_build_fonts(br);
        bc_hyph_for(br->meta.language);
    }
    bc_host_free(h);
    if (!fs) return NULL; /* the build itself reports why */
    free(font_slots[victim].key);
    bc_fontset_free(font_slots[victim].fonts);
    font_slots[victim].key = bc_xstrdup(key);
    font_slots[victim].fonts = fs;
    font_slots[victim].used = ++font_clock;
    return fs;
}

/* The build failed: was it loading the brief with these params, when it loads without? Then a
   param was refused as -D refuses it. */
static int params_refused(const char *name, const char *const *defs, int ndefs)
{
    if (!ndefs) return 0;
    bc_host_config cfg = {0};
    cfg.brief = name;
    cfg.project_dir = bc_project_dir();
    cfg.defines = defs;
    cfg.ndefines = ndefs;
    bc_host *h = NULL;
    bc_error e;
    bc_error_clear(&e);
    if (bc_host_new(&cfg, &h, &e) == BC_OK) {
        bc_host_free(h);
        return 0;
    }
    cfg.defines = NULL;
    cfg.ndefines = 0;
    bc_error_clear(&e);
    int ok = bc_host_new(&cfg, &h, &e) == BC_OK;
    bc_host_free(h);
    return ok;
}

static void json_text(cJSON *o, const char *k, const char *v)
{
    if (v) cJSON_AddStringToObject(o, k, v);
}

/* The brief's metadata and params, as JSON: {"title":…, "params":[{"name","type","default"}]}. */
static int describe(const char *name, bc_buf *out, bc_error *err)
{
    bc_limits lim;
    bc_limits_default(&lim);
    const char *none[] = {NULL};
    bc_sandbox *sb = bc_sandbox_new(&lim, none);
    if (!sb) {
        bc_error_set(err, NULL, 0, "cannot create the Lua state (out of memory)");
        return BC_SERVE_FAILED;
    }
    lua_State *L = bc_sandbox_state(sb);
    bc_fmt_push(L);
    bc_sandbox_set_global(sb, "fmt");
    bc_brief b;
    if (bc_brief_load(sb, name, NULL, NULL, 0, &b, err) != BC_OK) {
        bc_sandbox_free(sb);
        return BC_SERVE_FAILED;
    }
    cJSON *o = cJSON_CreateObject();
    json_text(o, "title", b.meta.title);
    json_text(o, "subtitle", b.meta.subtitle);
    json_text(o, "series", b.meta.series);
    json_text(o, "date", b.meta.date);
    json_text(o, "authors", b.meta.authors);
    json_text(o, "subject", b.meta.subject);
    json_text(o, "language", b.meta.language);
    cJSON *ps = cJSON_AddArrayToObject(o, "params");
    bc_brief_params_json(sb, &b, ps);
    char *s = cJSON_PrintUnformatted(o);
    if (s) bc_buf_adds(out, s);
    free(s);
    cJSON_Delete(o);
    bc_brief_free(&b);
    bc_sandbox_free(sb);
    return BC_SERVE_OK;
}

/*
** A combined batch: each row of defs (ended by "") built as `briefc batch --combine` builds a
** row, its layout packed and kept under a bookmark naming its params ("year 2010"), then all
** rows laid end to end into one PDF in body. The first failing row stops it, err naming it.
*/
static int combine_rows(const char *name, const char *key, const char *const *defs, int nd,
                        bc_buf *body, bc_error *err)
{
    bc_fontset *fonts = fonts_for(name, key);
    bc_combine *cb = bc_combine_new();
    bc_buf pack = {0}, title = {0};
    int status = BC_SERVE_OK;
    long row = 0;
    for (int i = 0; i < nd && status == BC_SERVE_OK;) {
        int j = i;
        while (j < nd && defs[j][0]) j++;
        row++;
        bc_build_opts o = {0};
        o.brief = name;
        o.defines = (const char **)(defs + i);
        o.ndefines = j - i;
        o.quiet = 1;
        o.pack = &pack;
        o.error = err;
        o.fonts = fonts;
        pack.len = 0;
        if (bc_build_run(&o) != 0) {
            status = params_refused(name, defs + i, j - i) ? BC_SERVE_BAD_PARAMS : BC_SERVE_FAILED;
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "row %ld: %.1900s", row, err->msg[0] ? err->msg : "failed");
            snprintf(err->msg, sizeof err->msg, "%s", msg);
            break;
        }
        title.len = 0;
        for (int k = i; k < j; k++) {
            const char *eq = strchr(defs[k], '=');
            if (eq)
                bc_buf_printf(&title, "%s%.*s %s", k > i ? ", " : "", (int)(eq - defs[k]), defs[k],
                              eq + 1);
        }
        if (!title.len) bc_buf_printf(&title, "Row %ld", row);
        bc_combine_add(cb, row, title.data, pack.data, pack.len);
        i = j + 1;
    }
    bc_host *h = NULL;
    bc_layout *lay = NULL;
    if (status == BC_SERVE_OK) {
        bc_host_config cfg = {0};
        cfg.brief = name;
        cfg.project_dir = bc_project_dir();
        status = BC_SERVE_FAILED;
        if (bc_host_new(&cfg, &h, err) == BC_OK) {
            const bc_brief *br = bc_host_brief(h);
            bc_fontset_usage_clear(fonts);
            if (bc_combine_layout(cb, br->theme.page_w, br->theme.page_h, fonts, &lay, err) ==
                    BC_OK &&
                bc_pdf_render(lay, &br->theme, &br->meta, fonts, body, err) == BC_OK)
                status = BC_SERVE_OK;
        }
    }
    bc_layout_free(lay);
    bc_host_free(h);
    bc_combine_free(cb);
    bc_buf_free(&pack);
    bc_buf_free(&title);
    return status;
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void set_limit(int what, rlim_t soft, rlim_t hard)
{
    struct rlimit rl = {soft, hard};
    setrlimit(what, &rl); /* lowering a limit cannot fail for want of rights */
}

/* The limits that hold for the worker's whole life: memory, file size, open files, no core. */
static void limit_worker(const bc_serve_limits *lim)
{
#ifndef UNDER_ASAN
    if (lim->memory_mb > 0)
        set_limit(RLIMIT_AS, (rlim_t)lim->memory_mb << 20, (rlim_t)lim->memory_mb << 20);
#endif
    if (lim->file_mb > 0)
        set_limit(RLIMIT_FSIZE, (rlim_t)lim->file_mb << 20, (rlim_t)lim->file_mb << 20);
    if (lim->open_files > 0)
        set_limit(RLIMIT_NOFILE, (rlim_t)lim->open_files, (rlim_t)lim->open_files);
    set_limit(RLIMIT_CORE, 0, 0);
}

/* Before each job: the CPU time used so far plus one request's share. */
static void limit_job(const bc_serve_limits *lim)
{
    if (lim->cpu_seconds <= 0) return;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    rlim_t used = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + 1);
    set_limit(RLIMIT_CPU, used + (rlim_t)lim->cpu_seconds, used + (rlim_t)lim->cpu_seconds + 1);
}

/* serve gone: so is its worker, mid-build too. Only serve holds the job pipe's write end, and
   poll reports its closing (POLLHUP) whatever the worker's main thread is doing. */
static void *watch_server(void *ud)
{
    (void)ud;
    struct pollfd p = {WORKER_FD_IN, 0, 0};
    for (;;) {
        int r = poll(&p, 1, -1);
        if (r > 0 && (p.revents & (POLLHUP | POLLERR))) _exit(0);
        if ((r < 0 && errno != EINTR) || (r > 0 && (p.revents & POLLNVAL))) return NULL;
    }
}

int bc_serve_worker_main(int argc, char **argv)
{
    if (argc < 3) return 1;
    const char *briefs_dir = argv[2];
    bc_serve_limits lim = {0};
    if (argc >= 7) {
        lim.cpu_seconds = atol(argv[3]);
        lim.memory_mb = atol(argv[4]);
        lim.file_mb = atol(argv[5]);
        lim.open_files = atol(argv[6]);
    }
    limit_worker(&lim);
    pthread_t watcher;
    if (pthread_create(&watcher, NULL, watch_server, NULL) == 0) pthread_detach(watcher);
    /* the server decides when a worker stops: its pipe closes, or it is killed */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    char home[PATH_MAX];
    if (realpath(bc_project_dir(), home)) setenv("BRIEFC_HOME", home, 1);
    snprintf(scrub_from[0], sizeof scrub_from[0], "%s/", home);
    if (!realpath(briefs_dir, scrub_from[1]) || chdir(scrub_from[1]) != 0) {
        fprintf(stderr, "briefc: serve: cannot enter '%s': %s\n", briefs_dir, strerror(errno));
        return 1;
    }
    strcat(scrub_from[1], "/");
    bc_sandbox_memo(1); /* plugins compiled once per worker (and again when they change) */
    bc_buf payload = {0}, body = {0};
    const char *defs[MAX_NDEFS];
    for (;;) {
        job_head h;
        if (bc_read_all(WORKER_FD_IN, &h, sizeof h) != BC_OK) break;
        if (h.name_len == 0 || h.name_len > MAX_NAME || h.key_len > MAX_NAME ||
            h.ndefs > MAX_NDEFS || h.defs_len > MAX_DEFS_BYTES)
            break;
        size_t total = (size_t)h.name_len + h.key_len + h.defs_len;
        payload.len = 0;
        bc_buf_reserve(&payload, total);
        if (bc_read_all(WORKER_FD_IN, payload.data, total) != BC_OK) break;
        payload.data[total] = 0;
        char *name = bc_xstrndup(payload.data, h.name_len);
        char *key = bc_xstrndup(payload.data + h.name_len, h.key_len);
        const char *d = payload.data + h.name_len + h.key_len, *dend = payload.data + total;
        int nd = 0;
        for (; d < dend && nd < (int)h.ndefs; d += strlen(d) + 1) defs[nd++] = d;

        limit_job(&lim);
        double t0 = bc_now();
        bc_error err;
        bc_error_clear(&err);
        body.len = 0;
        int status;
        if (h.kind == BC_SERVE_JOB_DESCRIBE) {
            status = describe(name, &body, &err);
        } else if (h.kind == BC_SERVE_JOB_COMBINE) {
            status = combine_rows(name, key, defs, nd, &body, &err);
            if (status != BC_SERVE_OK) body.len = 0;
        } else {
            bc_build_opts o = {0};
            o.brief = name;
            o.defines = defs;
            o.ndefines = nd;
            o.quiet = 1;
            o.write = 1;
            o.pdf_out = &body;
            o.error = &err;
            o.fonts = fonts_for(name, key);
            status = bc_build_run(&o) == 0 ? BC_SERVE_OK : BC_SERVE_FAILED;
            if (status != BC_SERVE_OK) {
                body.len = 0;
                if (params_refused(name, defs, nd)) status = BC_SERVE_BAD_PARAMS;
            }
        }
        if (status != BC_SERVE_OK && !err.msg[0])
            snprintf(err.msg, sizeof err.msg, "the brief failed without a message");
        scrub(err.file);
        scrub(err.msg);
        if (err.file[0] == '/') { /* a plugin folder elsewhere: its file's name only */
            const char *base = strrchr(err.file, '/') + 1;
            memmove(err.file, base, strlen(base) + 1);
        }
        result_head rh = {status,
                          err.line,
                          (uint32_t)strlen(err.file),
                          (uint32_t)strlen(err.msg),
                          (uint32_t)body.len,
                          bc_now() - t0};
        free(name);
        free(key);
        if (bc_write_all(WORKER_FD_OUT, &rh, sizeof rh) != BC_OK ||
            bc_write_all(WORKER_FD_OUT, err.file, rh.file_len) != BC_OK ||
            bc_write_all(WORKER_FD_OUT, err.msg, rh.msg_len) != BC_OK ||
            bc_write_all(WORKER_FD_OUT, body.data ? body.data : "", body.len) != BC_OK)
            break;
    }
    bc_buf_free(&payload);
    bc_buf_free(&body);
    for (int i = 0; i < FONT_SLOTS; i++) {
        free(font_slots[i].key);
        bc_fontset_free(font_slots[i].fonts);
    }
    return 0; /* the worker leaves through main: bc_process_release runs at exit */
}

/* }====================================================== */
