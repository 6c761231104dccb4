/*
** supervise.c — the supervising parent and its child's record of leases (see supervise.h).
**
** Parent and child share one page, written only by the child's host code (a plugin has no way
** to reach it) under a sequence lock: the current lease (when it began, how long, for what),
** the brief's path, and the outputs completed in their memory files. The parent sleeps until
** SIGCHLD, a forwarded signal, or a tick (a tenth of a second), so a lease costs the child a
** clock read and a few stores, and the parent wakes about once for a short build; at each
** wake it reads the lease and kills the child once it is past it by a grace that lets the
** sandbox's own hook, which names the plugin line, fire first.
*/
#define _GNU_SOURCE
#include "cli/supervise.h"

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
#include <sys/wait.h>
#include <unistd.h>

#include "cli/build.h"
#include "pdf/pdf.h"
#include "lua/sandbox.h"

/* ASan reserves terabytes of address space: an RLIMIT_AS would break it, not the brief. A
   sanitized build also runs C code several times slower, so its grace is longer (below). */
#if defined(__SANITIZE_ADDRESS__)
#define BC_NO_RLIMIT_AS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define BC_NO_RLIMIT_AS 1
#endif
#endif
#ifdef BC_NO_RLIMIT_AS
#define GRACE_SCALE 4.0
#else
#define GRACE_SCALE 1.0
#endif

/* Past a lease, the kill waits a grace of a second and half the lease (at most 3 s more): the
   sandbox's own hook, which names the plugin line, fires first whenever it can, and a section
   that looks at the clock seldom (C work between hook counts) on a loaded machine is not cut
   short of its time. The default 10 s become 14 s (26 s in a sanitized build). */
#define GRACE(lease) (GRACE_SCALE * (1.0 + ((lease) < 6.0 ? 0.5 * (lease) : 3.0)))
/* How often the parent looks at the lease while the child runs. */
#define TICK_SECONDS 0.1
/* Address space for the host beyond the brief's memory limit (libraries, fonts, layout). */
#define HOST_ADDRESS_SPACE ((size_t)1 << 30)

/* The page parent and child share. */
typedef struct shared {
    unsigned seq;          /* odd while the child writes (a sequence lock) */
    double start, seconds; /* the current lease: bc_now() when it began, and its length */
    char what[208];        /* what it is for: "section 'gdp'", "host: laying out the brief" */
    char brief[512];       /* the brief's path, once read */
    int done[2];           /* outputs complete in their memory files */
} shared;

/* {====================================================== child side */

static shared *sh;               /* in the child: the record it keeps */
static int out_fd[2] = {-1, -1}; /* memory files for the outputs, in the child */

int bc_supervise_active(void) { return sh != NULL; }

static void begin_write(void)
{
    __atomic_store_n(&sh->seq, sh->seq + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

static void end_write(void) { __atomic_store_n(&sh->seq, sh->seq + 1, __ATOMIC_RELEASE); }

void bc_supervise_lease(double seconds, const char *what)
{
    if (!sh) return;
    begin_write();
    sh->start = bc_now();
    sh->seconds = seconds;
    snprintf(sh->what, sizeof sh->what, "%s", what ? what : "");
    end_write();
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
    if (!sh) return;
    begin_write();
    snprintf(sh->brief, sizeof sh->brief, "%s", path);
    end_write();
    /* from here on the brief's own seconds, until each protected call leases its own */
    bc_supervise_lease(lim->seconds, "loading the brief's plugins");
#ifndef BC_NO_RLIMIT_AS
    /* The Lua heap and the document share limits.memory (sandbox.c, api.c); the layout grows
       with the document, so twice that again, and a fixed allowance for the host. */
    size_t as = mapped_now() + HOST_ADDRESS_SPACE;
    size_t mem = lim->memory;
    as = mem > (SIZE_MAX - as) / 3 ? SIZE_MAX : as + 3 * mem;
    struct rlimit r;
    if (getrlimit(RLIMIT_AS, &r) == 0 && (r.rlim_max == RLIM_INFINITY || as < r.rlim_max)) {
        r.rlim_cur = as;
        setrlimit(RLIMIT_AS, &r);
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

bc_status bc_supervise_put(bc_supervise_output which, const void *data, size_t len, bc_error *err)
{
    int fd = out_fd[which];
    if (!sh || fd < 0) return BC_ERR;
    if (bc_write_all(fd, data, len) != BC_OK) {
        bc_error_set(err, NULL, 0, "cannot keep the %s in memory: %s",
                     which == BC_SUPERVISE_PDF ? "PDF" : "layout dump", strerror(errno));
        return BC_EIO;
    }
    begin_write();
    sh->done[which] = 1;
    end_write();
    return BC_OK;
}

/* }====================================================== */

/* {====================================================== parent side */

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }
static void on_child(int sig) { (void)sig; } /* only to end ppoll */

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGCHLD};
#define NCAUGHT (int)(sizeof caught / sizeof *caught)

/* A consistent copy of the record; 0 when the child stays in the middle of a write (stopped
   there, or killed), and the caller keeps its last copy. */
static int snapshot(const shared *from, shared *to)
{
    for (int tries = 0; tries < 1000; tries++) {
        unsigned s1 = __atomic_load_n(&from->seq, __ATOMIC_ACQUIRE);
        if (s1 & 1) continue;
        memcpy(to, (const void *)from, sizeof *to);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&from->seq, __ATOMIC_RELAXED) == s1) {
            to->what[sizeof to->what - 1] = 0;
            to->brief[sizeof to->brief - 1] = 0;
            return 1;
        }
    }
    return 0;
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

static void kill_message(const shared *w, const bc_build_opts *o, bc_error *err)
{
    const char *brief = w->brief[0] ? w->brief : o->brief;
    double ran = bc_now() - w->start;
    if (!strncmp(w->what, "host: ", 6))
        bc_error_set(err, brief, 0,
                     "the build was stopped after %.0f s %s; the brief is too "
                     "large to build in time (raise limits.pages or split it)",
                     ran, w->what + 6);
    else
        bc_error_set(err, brief, 0,
                     "%s: time limit reached (%g s): stopped after %.1f s, "
                     "in code the sandbox's own clock cannot interrupt; raise limits.seconds in "
                     "brief.lua if this is not an endless loop",
                     w->what[0] ? w->what : "the brief", w->seconds, ran);
}

static const char *phase(const shared *w)
{
    return strncmp(w->what, "host: ", 6) ? w->what : w->what + 6;
}

/* long: fork, signal masks, the wait loop and the cleanup must stay in one frame: the
   masks and the child are restored on every path out */
int bc_supervise_build(const bc_build_opts *o)
{
    const char *nofork = getenv("BRIEFC_NO_FORK");
    if ((nofork && nofork[0] && strcmp(nofork, "0")) || o->error || o->pack) return bc_build_run(o);

    bc_error err;
    bc_error_clear(&err);
    int mem[2] = {-1, -1};
    if (o->dump) mem[BC_SUPERVISE_DUMP] = memfd_create("briefc-dump", MFD_CLOEXEC);
    if (o->write) mem[BC_SUPERVISE_PDF] = memfd_create("briefc-pdf", MFD_CLOEXEC);
    shared *rec =
        mmap(NULL, sizeof(shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if ((o->dump && mem[0] < 0) || (o->write && mem[1] < 0) || rec == MAP_FAILED) {
        /* no memory files (an old kernel, no descriptors left): unsupervised */
        for (int k = 0; k < 2; k++)
            if (mem[k] >= 0) close(mem[k]);
        if (rec != MAP_FAILED) munmap(rec, sizeof(shared));
        return bc_build_run(o);
    }
    shared w;
    memset(rec, 0, sizeof *rec);
    rec->start = bc_now();
    rec->seconds = BC_SUPERVISE_HOST_SECONDS;
    snprintf(rec->what, sizeof rec->what, "host: reading the brief");
    w = *rec;

    /* The caught signals wait (blocked) until ppoll below, so none is lost in between. */
    struct sigaction sa, old[NCAUGHT];
    memset(&sa, 0, sizeof sa);
    sigset_t block, oldmask;
    sigemptyset(&block);
    for (int i = 0; i < NCAUGHT; i++) sigaddset(&block, caught[i]);
    sigprocmask(SIG_BLOCK, &block, &oldmask);
    got_signal = 0;
    for (int i = 0; i < NCAUGHT; i++) {
        sa.sa_handler = caught[i] == SIGCHLD ? on_child : on_signal;
        sa.sa_flags = caught[i] == SIGCHLD ? SA_NOCLDSTOP : 0;
        sigaction(caught[i], &sa, &old[i]);
    }
    sigset_t waitmask = oldmask;
    for (int i = 0; i < NCAUGHT; i++) sigdelset(&waitmask, caught[i]);

    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        /* the child: default signals, dies with its parent, does the build */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int i = 0; i < NCAUGHT; i++) sigaction(caught[i], &dfl, NULL);
        sigprocmask(SIG_SETMASK, &oldmask, NULL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(BC_EXIT_BRIEF);
        sh = rec;
        out_fd[0] = mem[0];
        out_fd[1] = mem[1];
        int rc = bc_build_run(o);
        fflush(NULL);
        exit(rc);
    }
    int status = BC_EXIT_BRIEF, wst = 0, exited = 0;
    if (pid < 0) {
        bc_error_set(&err, o->brief, 0, "cannot start the build: %s", strerror(errno));
    } else {
        for (;;) {
            snapshot(rec, &w);
            if (waitpid(pid, &wst, WNOHANG) == pid) {
                exited = 1;
                break;
            }
            if (got_signal) break;
            double left = w.start + w.seconds + GRACE(w.seconds) - bc_now();
            if (left <= 0) break;
            double t = left < TICK_SECONDS ? left : TICK_SECONDS;
            struct timespec ts;
            ts.tv_sec = (time_t)t;
            ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
            ppoll(NULL, 0, &ts, &waitmask);
        }
        if (exited) snapshot(rec, &w); /* its last words */
        if (!exited) {
            /* interrupted, or past its lease: the child goes (unless the signal ended it) */
            kill(pid, SIGKILL);
            while (waitpid(pid, &wst, 0) < 0 && errno == EINTR) {}
            if (!got_signal) kill_message(&w, o, &err);
        } else if (WIFEXITED(wst)) {
            status = WEXITSTATUS(wst);
        } else if (WIFSIGNALED(wst) && !got_signal) {
            int sig = WTERMSIG(wst);
            const char *brief = w.brief[0] ? w.brief : o->brief;
            if (sig == SIGXCPU)
                bc_error_set(&err, brief, 0,
                             "%s: the build was stopped by its CPU time limit; "
                             "raise limits.seconds in brief.lua if this is not an endless loop",
                             phase(&w));
            else
                bc_error_set(&err, brief, 0, "the build stopped with signal %d (%s) %s %s", sig,
                             strsignal(sig), strncmp(w.what, "host: ", 6) ? "in" : "while",
                             phase(&w));
        }
    }
    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    for (int i = 0; i < NCAUGHT; i++) sigaction(caught[i], &old[i], NULL);
    if (exited && WIFEXITED(wst) && !got_signal) {
        /* the child printed its own errors; commit what it completed (dump first) */
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
    }
    munmap(rec, sizeof(shared));
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
