/*
** supervise.c — the supervising parent and its child's side of the pipe (see supervise.h).
**
** The pipe carries short lines from the child to the parent, written only by host code (a
** plugin has no way to reach the descriptor):
**   "B <brief path>"       the brief is read: name it in messages
**   "L <seconds> <what>"   a lease: the next <seconds> belong to <what>
**   "W <output>"           an output is complete in its memory file
** The parent polls the pipe and a pidfd of the child with the lease's end as timeout; past it
** (plus a grace for the sandbox's own hook to fire first) the child is killed.
*/
#define _GNU_SOURCE
#include "supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build.h"
#include "pdf.h"
#include "sandbox.h"

/* ASan reserves terabytes of address space: an RLIMIT_AS would break it, not the brief. */
#if defined(__SANITIZE_ADDRESS__)
#define BC_NO_RLIMIT_AS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define BC_NO_RLIMIT_AS 1
#endif
#endif

/* Seconds past a lease before the kill: the sandbox's own hook, which names the plugin line,
   fires first whenever it can. */
#define GRACE_SECONDS 1.0
/* Address space for the host beyond the brief's memory limit (libraries, fonts, layout). */
#define HOST_ADDRESS_SPACE ((size_t)1 << 30)

/* {====================================================== child side */

static int child_fd = -1;                 /* write end of the pipe, in the child */
static int out_fd[2] = {-1, -1};          /* memory files for the outputs, in the child */

int bc_supervise_active(void) { return child_fd >= 0; }

static void say(const char *line, size_t n)
{
    if (child_fd < 0) return;
    while (write(child_fd, line, n) < 0 && errno == EINTR) {}
}

void bc_supervise_lease(double seconds, const char *what)
{
    if (child_fd < 0) return;
    char line[256];
    int n = snprintf(line, sizeof line, "L %.3f %.200s\n", seconds, what ? what : "");
    if (n > 0) say(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

#ifndef BC_NO_RLIMIT_AS
/* Virtual memory the process maps now, in bytes. */
static size_t mapped_now(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1) pages = 0;
        fclose(f);
    }
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}
#endif

void bc_supervise_brief(const char *path, const bc_limits *lim, int nsections)
{
    if (child_fd < 0) return;
    char line[600];
    int n = snprintf(line, sizeof line, "B %.500s\n", path);
    if (n > 0) say(line, (size_t)n);
#ifndef BC_NO_RLIMIT_AS
    /* The Lua heap and the document share limits.memory (sandbox.c, api.c); the layout grows
       with the document, so twice that again, and a fixed allowance for the host. */
    if (!getenv("BRIEFC_NO_RLIMIT_AS")) {
        size_t as = mapped_now() + HOST_ADDRESS_SPACE;
        size_t mem = lim->memory;
        as = mem > (SIZE_MAX - as) / 3 ? SIZE_MAX : as + 3 * mem;
        struct rlimit r;
        if (getrlimit(RLIMIT_AS, &r) == 0 && (r.rlim_max == RLIM_INFINITY || as < r.rlim_max)) {
            r.rlim_cur = as;
            setrlimit(RLIMIT_AS, &r);
        }
    }
#endif
    /* CPU time as a backstop of the wall clock: every protected call's share and the host's. */
    double cpu = lim->seconds * (3.0 * nsections + 2) + 3 * BC_SUPERVISE_HOST_SECONDS;
    struct rlimit c;
    if (getrlimit(RLIMIT_CPU, &c) == 0) {
        rlim_t want = (rlim_t)ceil(cpu);
        if (c.rlim_max == RLIM_INFINITY || want < c.rlim_max) {
            c.rlim_cur = want;
            setrlimit(RLIMIT_CPU, &c);
        }
    }
}

bc_status bc_supervise_put(bc_supervise_output which, const void *data, size_t len,
                           bc_error *err)
{
    int fd = out_fd[which];
    if (child_fd < 0 || fd < 0) return BC_ERR;
    if (bc_write_all(fd, data, len) != BC_OK) {
        bc_error_set(err, NULL, 0, "cannot keep the %s in memory: %s",
                     which == BC_SUPERVISE_PDF ? "PDF" : "layout dump", strerror(errno));
        return BC_EIO;
    }
    char line[8];
    int n = snprintf(line, sizeof line, "W %d\n", (int)which);
    say(line, (size_t)n);
    return BC_OK;
}

/* }====================================================== */

/* {====================================================== parent side */

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP};
#define NFORWARDED (int)(sizeof forwarded / sizeof *forwarded)

/* What the parent knows of its child. */
typedef struct watch {
    pid_t pid;
    int pipe_fd, pid_fd;
    char brief[512];         /* the brief's path once the child named it */
    char what[210];          /* what the current lease is for */
    double lease_s;          /* its length, as leased */
    double started, ends;    /* bc_now() when it began, and when the child dies */
    int done[2];             /* outputs the child completed */
    char line[1024];         /* a partial line from the pipe */
    size_t nline;
} watch;

static void take_line(watch *w, char *s)
{
    if (s[0] == 'L' && s[1] == ' ') {
        char *end;
        double secs = strtod(s + 2, &end);
        if (end == s + 2 || !isfinite(secs) || secs < 0) return;
        if (secs > 1e6) secs = 1e6;
        if (*end == ' ') end++;
        snprintf(w->what, sizeof w->what, "%s", end);
        w->lease_s = secs;
        w->started = bc_now();
        w->ends = w->started + secs + GRACE_SECONDS;
    } else if (s[0] == 'B' && s[1] == ' ') {
        snprintf(w->brief, sizeof w->brief, "%s", s + 2);
    } else if (s[0] == 'W' && s[1] == ' ') {
        int k = atoi(s + 2);
        if (k == 0 || k == 1) w->done[k] = 1;
    }
}

/* Reads what the pipe holds; returns 0 at end of file. */
static int drain(watch *w)
{
    char buf[4096];
    for (;;) {
        ssize_t n = read(w->pipe_fd, buf, sizeof buf);
        if (n == 0) return 0;
        if (n < 0) return errno == EINTR || errno == EAGAIN ? 1 : 0;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                w->line[w->nline] = 0;
                take_line(w, w->line);
                w->nline = 0;
            } else if (w->nline + 1 < sizeof w->line) {
                w->line[w->nline++] = buf[i];
            }
        }
    }
}

/* Copies a memory file's bytes to its output through the usual atomic commit. */
static bc_status commit_memfile(int fd, const char *path, bc_error *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0) return bc_error_set(err, path, 0, "cannot read back '%s'", path);
    size_t len = (size_t)st.st_size;
    void *data = len ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    if (len && data == MAP_FAILED)
        return bc_error_set(err, path, 0, "cannot read back '%s': %s", path, strerror(errno));
    bc_status s = bc_pdf_commit(len ? data : (const unsigned char *)"", len, path, err);
    if (len) munmap(data, len);
    return s;
}

static void kill_message(const watch *w, const bc_build_opts *o, bc_error *err)
{
    const char *brief = w->brief[0] ? w->brief : o->brief;
    double ran = bc_now() - w->started;
    if (!strncmp(w->what, "host: ", 6))
        bc_error_set(err, brief, 0, "the build was stopped after %.0f s %s; the brief is too "
                     "large to build in time (raise limits.pages or split it)", ran, w->what + 6);
    else
        bc_error_set(err, brief, 0, "%s: time limit reached (%g s): stopped after %.1f s, "
                     "in code the sandbox's own clock cannot interrupt; raise limits.seconds in "
                     "brief.lua if this is not an endless loop", w->what[0] ? w->what : "the brief",
                     w->lease_s, ran);
}

static int run_inline(const bc_build_opts *o) { return bc_build_run(o); }

int bc_supervise_build(const bc_build_opts *o)
{
    const char *nofork = getenv("BRIEFC_NO_FORK");
    if ((nofork && nofork[0] && strcmp(nofork, "0")) || o->error || o->pack) return run_inline(o);

    bc_error err;
    bc_error_clear(&err);
    watch w;
    memset(&w, 0, sizeof w);
    w.pid_fd = -1;
    int mem[2] = {-1, -1};
    if (o->dump) mem[BC_SUPERVISE_DUMP] = memfd_create("briefc-dump", MFD_CLOEXEC);
    if (o->write) mem[BC_SUPERVISE_PDF] = memfd_create("briefc-pdf", MFD_CLOEXEC);
    int fds[2];
    if ((o->dump && mem[0] < 0) || (o->write && mem[1] < 0) || pipe2(fds, O_CLOEXEC) != 0) {
        /* no memory files or pipe (an old kernel, no descriptors left): unsupervised */
        for (int k = 0; k < 2; k++)
            if (mem[k] >= 0) close(mem[k]);
        return run_inline(o);
    }

    /* The forwarded signals wait (blocked) until ppoll below, so none is lost in between. */
    struct sigaction sa, old[NFORWARDED];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigset_t block, oldmask;
    sigemptyset(&block);
    for (int i = 0; i < NFORWARDED; i++) sigaddset(&block, forwarded[i]);
    sigprocmask(SIG_BLOCK, &block, &oldmask);
    got_signal = 0;
    for (int i = 0; i < NFORWARDED; i++) sigaction(forwarded[i], &sa, &old[i]);

    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        /* the child: default signals, dies with its parent, does the build */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int i = 0; i < NFORWARDED; i++) sigaction(forwarded[i], &dfl, NULL);
        sigprocmask(SIG_SETMASK, &oldmask, NULL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(BC_EXIT_BRIEF);
        close(fds[0]);
        child_fd = fds[1];
        out_fd[0] = mem[0];
        out_fd[1] = mem[1];
        int rc = bc_build_run(o);
        fflush(NULL);
        exit(rc);
    }
    close(fds[1]);
    int status = BC_EXIT_BRIEF, wst = 0, exited = 0;
    if (pid < 0) {
        bc_error_set(&err, o->brief, 0, "cannot start the build: %s", strerror(errno));
        goto restore;
    }
    w.pid = pid;
    w.pipe_fd = fds[0];
    fcntl(w.pipe_fd, F_SETFL, O_NONBLOCK);
#ifdef SYS_pidfd_open
    w.pid_fd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
    w.started = bc_now();
    w.ends = w.started + BC_SUPERVISE_HOST_SECONDS;
    snprintf(w.what, sizeof w.what, "host: reading the brief");
    w.lease_s = BC_SUPERVISE_HOST_SECONDS;
    int open_pipe = 1;
    while (!exited) {
        if (got_signal) break;
        double left = w.ends - bc_now();
        if (left <= 0) break;
        struct pollfd p[2] = {{w.pipe_fd, POLLIN, 0}, {w.pid_fd, POLLIN, 0}};
        /* without a pidfd, wait for the child by short naps once its pipe closed */
        double t = !open_pipe && w.pid_fd < 0 && left > 0.002 ? 0.002 : left;
        struct timespec ts;
        ts.tv_sec = (time_t)t;
        ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
        int r = ppoll(open_pipe ? p : p + 1, (nfds_t)open_pipe + (w.pid_fd >= 0), &ts, &oldmask);
        if (r < 0 && errno != EINTR) break;
        if (open_pipe && r > 0 && p[0].revents) open_pipe = drain(&w);
        if (waitpid(pid, &wst, WNOHANG) == pid) {
            exited = 1;
            if (open_pipe) drain(&w); /* the last lines, written before the exit */
        }
    }
    if (got_signal) {
        /* interrupted: the child goes (if the signal has not ended it already), unheard */
        if (!exited) kill(pid, SIGKILL);
        while (!exited && waitpid(pid, &wst, 0) < 0 && errno == EINTR) {}
    } else if (!exited) {
        kill(pid, SIGKILL);
        while (waitpid(pid, &wst, 0) < 0 && errno == EINTR) {}
        kill_message(&w, o, &err);
    } else if (WIFEXITED(wst)) {
        status = WEXITSTATUS(wst);
        /* the child printed its own errors; commit what it completed (dump first) */
        sigprocmask(SIG_SETMASK, &oldmask, NULL);
        for (int i = 0; i < NFORWARDED; i++) sigaction(forwarded[i], &old[i], NULL);
        const char *names[2] = {o->dump, NULL};
        char *out = w.done[BC_SUPERVISE_PDF] ? bc_build_output_path(o) : NULL;
        names[BC_SUPERVISE_PDF] = out;
        for (int k = 0; k < 2; k++) {
            if (!w.done[k] || mem[k] < 0 || !names[k]) continue;
            bc_error cerr;
            bc_error_clear(&cerr);
            if (commit_memfile(mem[k], names[k], &cerr) != BC_OK) {
                bc_error_print(&cerr, "briefc");
                status = BC_EXIT_BRIEF;
            }
        }
        free(out);
        goto close;
    } else if (WIFSIGNALED(wst)) {
        int sig = WTERMSIG(wst);
        const char *brief = w.brief[0] ? w.brief : o->brief;
        if (sig == SIGXCPU)
            bc_error_set(&err, brief, 0, "%s: the build was stopped by its CPU time limit; "
                         "raise limits.seconds in brief.lua if this is not an endless loop",
                         strncmp(w.what, "host: ", 6) ? w.what : w.what + 6);
        else
            bc_error_set(&err, brief, 0, "the build stopped with signal %d (%s) %s%s", sig,
                         strsignal(sig), strncmp(w.what, "host: ", 6) ? "in " : "",
                         strncmp(w.what, "host: ", 6) ? w.what : w.what + 6);
    }

restore:
    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    for (int i = 0; i < NFORWARDED; i++) sigaction(forwarded[i], &old[i], NULL);
close:
    if (w.pipe_fd > 0) close(w.pipe_fd);
    if (w.pid_fd >= 0) close(w.pid_fd);
    for (int k = 0; k < 2; k++)
        if (mem[k] >= 0) close(mem[k]);
    if (err.msg[0]) {
        bc_error_print(&err, "briefc");
        status = BC_EXIT_BRIEF;
    }
    if (got_signal) {
        /* the child is gone and nothing was written: let the usual handler end us */
        int sig = got_signal;
        got_signal = 0;
        raise(sig);
        status = BC_EXIT_BRIEF;
    }
    return status;
}

/* }====================================================== */
