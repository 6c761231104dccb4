/*
** stat_child.c — the isolated child of ctx:stat_file (see stat_child.h). The parent writes the
** job (options and the file's bytes) into a sealed memory file and starts a fresh image of this
** very executable (/proc/self/exe) with posix_spawn: its stdin the job, its stdout the result
** pipe, no other descriptor, an empty environment, every signal at its default. The image sees
** BC_STAT_CHILD_ARG before main runs (a constructor), maps the job, opens ReadStat, drops to
** rlimits and a seccomp filter, then parses. The parent reads the pipe under a deadline and a
** size cap and judges how the child ended.
**
** Why exec and not a plain fork: a forked child would carry the parent's whole address space
** (other sections' data, serve's requests) where an over-read inside ReadStat could find it,
** every descriptor the parent had (serve's socket, logs), and the parent's ASLR layout; and in
** a threaded parent (serve) malloc after fork may deadlock. The fresh image has none of these.
*/
#define _GNU_SOURCE
#include "lua/stat_child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#if defined(__SANITIZE_ADDRESS__)
#define STAT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STAT_ASAN 1
#endif
#endif

#if defined(__x86_64__)
#define STAT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define STAT_ARCH AUDIT_ARCH_AARCH64
#endif

#define STAT_IN 0           /* the job (a sealed memory file), in the child */
#define STAT_FD 1           /* the result pipe, in the child */
#define STAT_EXIT_ISOLATE 4 /* the child could not isolate itself */
#define STAT_EXIT_BIG 5     /* its stream would pass BC_STAT_MAX_STREAM */
#define STAT_EXIT_JOB 6     /* the job it was given is not one */
#define STAT_EXTRA_MB 1024  /* address space the child may add to what it has at start */
#define STAT_JOB_MAGIC "BCSTATJ1"
#define STAT_FORGED 1u /* job flag: the data is a stream to send as it is (tests) */
#define STAT_HANG 2u   /* job flag: spin once isolated (tests) */

/* The job's fixed head, in native byte order (parent and child are the same executable). */
typedef struct job_head {
    char magic[8];
    uint32_t fmt, seconds, flags, parent, ncolumns, pad;
    int64_t limit;
    uint64_t data_len; /* after the columns, each a u32 length and its bytes */
} job_head;

/* {====================================================== the child */

typedef struct pipe_sink {
    char buf[1 << 16];
    size_t n, total;
} pipe_sink;

static int flush_pipe(pipe_sink *s)
{
    size_t off = 0;
    while (off < s->n) {
        ssize_t w = write(STAT_FD, s->buf + off, s->n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        off += (size_t)w;
    }
    s->n = 0;
    return 0;
}

static int to_pipe(void *ud, const void *p, size_t n)
{
    pipe_sink *s = ud;
    if ((s->total += n) > BC_STAT_MAX_STREAM) return -1;
    while (n) {
        size_t k = sizeof s->buf - s->n < n ? sizeof s->buf - s->n : n;
        memcpy(s->buf + s->n, p, k);
        s->n += k;
        p = (const char *)p + k;
        n -= k;
        if (s->n == sizeof s->buf && flush_pipe(s) != 0) return -1;
    }
    return 0;
}

#ifndef STAT_ASAN
/* The child's virtual size now, in bytes (0 when unknown), read before the filter is on. */
static size_t vm_size(void)
{
    char b[64] = "";
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, b, sizeof b - 1);
    close(fd);
    return n > 0 ? (size_t)strtoull(b, NULL, 10) * (size_t)sysconf(_SC_PAGESIZE) : 0;
}
#endif

static void set_limit(int what, rlim_t soft, rlim_t hard)
{
    struct rlimit r = {soft, hard};
    setrlimit(what, &r);
}

static void limits(int seconds)
{
    set_limit(RLIMIT_CPU, (rlim_t)seconds, (rlim_t)seconds + 1);
#ifndef STAT_ASAN /* ASan reserves terabytes of shadow memory up front */
    size_t vm = vm_size();
    if (vm)
        set_limit(RLIMIT_AS, vm + ((rlim_t)STAT_EXTRA_MB << 20),
                  vm + ((rlim_t)STAT_EXTRA_MB << 20));
#endif
    set_limit(RLIMIT_FSIZE, 0, 0);                      /* no byte written to any file */
    set_limit(RLIMIT_NOFILE, STAT_FD + 1, STAT_FD + 1); /* no descriptor opened */
    set_limit(RLIMIT_NPROC, 0, 0);                      /* no process made (unless root) */
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_MEMLOCK, 0, 0);
}

#define ALLOW(nr) \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

/* Memory, the pipe, time and the way out; every other call fails with EPERM (opening a file,
   a socket, a process, a signal to another process), and another architecture's calls kill. */
static int seccomp_on(void)
{
#ifdef STAT_ARCH
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, STAT_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        ALLOW(__NR_read),
        ALLOW(__NR_write),
        ALLOW(__NR_close),
        ALLOW(__NR_lseek),
        ALLOW(__NR_mmap),
        ALLOW(__NR_munmap),
        ALLOW(__NR_mremap),
        ALLOW(__NR_mprotect),
        ALLOW(__NR_brk),
        ALLOW(__NR_madvise),
        ALLOW(__NR_futex),
        ALLOW(__NR_clock_gettime),
        ALLOW(__NR_rt_sigreturn),
        ALLOW(__NR_rt_sigprocmask),
        ALLOW(__NR_getpid),
        ALLOW(__NR_gettid),
        ALLOW(__NR_fstat),
        ALLOW(__NR_newfstatat),
        ALLOW(__NR_sched_yield),
        ALLOW(__NR_exit),
        ALLOW(__NR_exit_group),
        ALLOW(__NR_sigaltstack), /* AddressSanitizer, before a function that does not return */
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
    };
    struct sock_fprog prog = {(unsigned short)(sizeof f / sizeof *f), f};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0 ? 0 : -1;
#else
    return -1; /* no filter for this architecture: fail closed */
#endif
}

/* The job the parent mapped at stdin: its options (columns copied, NUL-terminated) and data. */
typedef struct job {
    job_head h;
    bc_stat_opts o;
    const char **cols;
    const unsigned char *data;
} job;

static int read_job(job *j)
{
    struct stat st;
    if (fstat(STAT_IN, &st) != 0 || st.st_size < (off_t)sizeof j->h) return -1;
    size_t size = (size_t)st.st_size, pos = sizeof j->h;
    const unsigned char *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, STAT_IN, 0);
    if (m == MAP_FAILED) return -1;
    memcpy(&j->h, m, sizeof j->h);
    if (memcmp(j->h.magic, STAT_JOB_MAGIC, 8) || j->h.fmt >= BC_STAT_NFORMATS ||
        j->h.ncolumns > BC_STAT_MAX_VARS || j->h.seconds < 1 || j->h.seconds > BC_STAT_SECONDS ||
        j->h.limit < 0 || j->h.limit > BC_STAT_MAX_ROWS + 1)
        return -1;
    j->cols = j->h.ncolumns ? calloc(j->h.ncolumns, sizeof *j->cols) : NULL;
    if (j->h.ncolumns && !j->cols) return -1;
    for (uint32_t i = 0; i < j->h.ncolumns; i++) {
        uint32_t n;
        if (size - pos < 4) return -1;
        memcpy(&n, m + pos, 4);
        pos += 4;
        char *c = n <= BC_STAT_MAX_STR && n <= size - pos ? malloc((size_t)n + 1) : NULL;
        if (!c) return -1;
        memcpy(c, m + pos, n);
        c[n] = 0;
        pos += n;
        j->cols[i] = c;
    }
    if (j->h.data_len != size - pos) return -1;
    j->data = m + pos;
    j->o = (bc_stat_opts){j->cols, (int)j->h.ncolumns, (long)j->h.limit, (int)j->h.seconds};
    return 0;
}

/* The fresh image's whole life: never returns to the constructor that called it. */
static __attribute__((noreturn)) void child_main(void)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* briefc gone: so is its reader */
    prctl(PR_SET_NAME, "briefc-stat", 0, 0, 0);
    for (int sig = 1; sig < NSIG; sig++) /* the sanitizers' handlers too: a kill is a kill */
        if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
    job j;
    memset(&j, 0, sizeof j);
    if (read_job(&j) != 0) _exit(STAT_EXIT_JOB);
    if (getppid() != (pid_t)j.h.parent) _exit(STAT_EXIT_ISOLATE); /* orphaned before PDEATHSIG */
    char why[300];
    if (!(j.h.flags & STAT_FORGED))
        bc_stat_open_library(why, sizeof why); /* files: before seccomp */
    limits((int)j.h.seconds);
    if (seccomp_on() != 0) _exit(STAT_EXIT_ISOLATE);
    if (j.h.flags & STAT_HANG)
        for (volatile unsigned long i = 0;; i++) {}
    static pipe_sink s;
    if (j.h.flags & STAT_FORGED)
        to_pipe(&s, j.data, (size_t)j.h.data_len);
    else
        bc_stat_encode(j.data, (size_t)j.h.data_len, (bc_stat_format)j.h.fmt, &j.o, to_pipe, &s);
    if (s.total > BC_STAT_MAX_STREAM) _exit(STAT_EXIT_BIG);
    _exit(flush_pipe(&s) == 0 ? 0 : 3);
}

/* Every image of an executable holding this file looks at its arguments before main: the child
   is this executable started with exactly BC_STAT_CHILD_ARG (glibc passes argc and argv to
   constructors). Anyone may start it so; it then parses its stdin and writes its stdout. */
__attribute__((constructor)) static void stat_child_entry(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc == 2 && argv && argv[1] && !strcmp(argv[1], BC_STAT_CHILD_ARG)) child_main();
}

/* {====================================================== the parent */
static void pause_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Waits for pid until deadline (kills it then); the status, and *killed when we killed it.
   A pidfd wakes the wait the moment the child ends; without one, growing naps. */
static int reap(pid_t pid, double deadline, int *killed)
{
    int st = 0;
    long ms = 1;
#ifdef SYS_pidfd_open
    int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pfd >= 0) {
        double left = deadline - bc_now();
        struct pollfd p = {pfd, POLLIN, 0};
        while (left > 0 && poll(&p, 1, (int)(left * 1000) + 1) < 0 && errno == EINTR)
            left = deadline - bc_now();
        close(pfd);
    }
#endif
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) return st;
        if (r < 0 && errno != EINTR) return 0;
        if (bc_now() > deadline && !*killed) {
            kill(pid, SIGKILL);
            *killed = 1;
            waitpid(pid, &st, 0);
            return st;
        }
        pause_ms(ms);
        if (ms < 50) ms *= 2;
    }
}

/* Reads the pipe until its end, the deadline or the cap; 0, 1 past the cap, 2 past the time. */
static int drain(int fd, double deadline, bc_buf *out)
{
    for (;;) {
        double left = deadline - bc_now();
        if (left <= 0) return 2;
        struct pollfd p = {fd, POLLIN, 0};
        int pr = poll(&p, 1, (int)(left * 1000) + 1);
        if (pr < 0 && errno == EINTR) continue;
        if (pr == 0) continue;
        if (pr < 0) return 2;
        bc_buf_reserve(out, 1 << 16);
        ssize_t n = read(fd, out->data + out->len, 1 << 16);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0;
        out->len += (size_t)n;
        out->data[out->len] = 0;
        if (out->len > BC_STAT_MAX_STREAM + 64) return 1;
    }
}

#ifdef BC_TEST_HOOKS
/* The stream of the file BRIEFC_TEST_STAT_FORGE names, read whole into forged. */
static void read_forged(bc_buf *forged)
{
    const char *path = getenv("BRIEFC_TEST_STAT_FORGE");
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) return;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && forged->len <= BC_STAT_MAX_STREAM)
        bc_buf_add(forged, chunk, n);
    fclose(f);
}
#endif

static int write_all(int fd, const void *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p = (const char *)p + w;
        n -= (size_t)w;
    }
    return 0;
}

/* The job as a sealed memory file (nobody may change it once the child has it), or -1. The
   test hooks, when this build has them (BC_TEST_HOOKS), swap in a forged stream or a hang. */
static int make_job(const void *bytes, size_t len, bc_stat_format fmt, const bc_stat_opts *o)
{
    job_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, STAT_JOB_MAGIC, 8);
    h.fmt = (uint32_t)fmt;
    h.seconds = (uint32_t)o->seconds;
    h.parent = (uint32_t)getpid();
    h.ncolumns = o->columns && o->ncolumns > 0 ? (uint32_t)o->ncolumns : 0;
    h.limit = o->limit;
    bc_buf forged = {0};
#ifdef BC_TEST_HOOKS
    read_forged(&forged);
    if (forged.data) {
        h.flags |= STAT_FORGED;
        bytes = forged.data;
        len = forged.len;
    }
    if (getenv("BRIEFC_TEST_STAT_HANG")) h.flags |= STAT_HANG;
#endif
    h.data_len = len;
    bc_buf b = {0};
    bc_buf_add(&b, &h, sizeof h);
    for (uint32_t i = 0; i < h.ncolumns; i++) {
        size_t n = strlen(o->columns[i]);
        uint32_t n32 = (uint32_t)(n < BC_STAT_MAX_STR ? n : BC_STAT_MAX_STR);
        bc_buf_add(&b, &n32, 4);
        bc_buf_add(&b, o->columns[i], n32);
    }
    int fd = memfd_create("briefc-stat-job", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd >= 0 &&
        (write_all(fd, b.data, b.len) != 0 || write_all(fd, bytes, len) != 0 ||
         fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0)) {
        close(fd);
        fd = -1;
    }
    bc_buf_free(&b);
    bc_buf_free(&forged);
    return fd;
}

/* fd moved to 3 or above (the child's 0 and 1 are made from these two by dup2, which must not
   clobber the other); fd itself when it already is, -1 when no descriptor is left. */
static int above_std(int fd)
{
    if (fd < 0 || fd > 2) return fd;
    int hi = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    close(fd);
    return hi;
}

/* The child's environment: empty, but for the sanitizers' options in a sanitizer build. */
static void child_env(char **env, int cap)
{
    int n = 0;
#ifdef STAT_ASAN
    extern char **environ;
    for (char **e = environ; e && *e && n < cap - 1; e++)
        if (!strncmp(*e, "ASAN_OPTIONS=", 13) || !strncmp(*e, "UBSAN_OPTIONS=", 14) ||
            !strncmp(*e, "LSAN_OPTIONS=", 13))
            env[n++] = *e;
#endif
    (void)cap;
    env[n] = NULL;
}

/* Starts the fresh image on job and the pipe's write end: 0, or an errno. */
static int spawn(int job_fd, int wfd, pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    posix_spawn_file_actions_adddup2(&fa, job_fd, STAT_IN);
    posix_spawn_file_actions_adddup2(&fa, wfd, STAT_FD);
    posix_spawn_file_actions_addclosefrom_np(&fa, STAT_FD + 1);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    char *argv[] = {(char *)"briefc-stat", (char *)BC_STAT_CHILD_ARG, NULL}, *env[4];
    child_env(env, 4);
    int rc = posix_spawn(pid, "/proc/self/exe", &fa, &at, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    return rc;
}

bc_status bc_stat_read(const void *bytes, size_t len, bc_stat_format fmt, const bc_stat_opts *o,
                       bc_buf *out, bc_error *e)
{
    char why[300];
    if (bc_stat_open_library(why, sizeof why) != 0)
        return bc_error_set(e, "", 0, "ReadStat is not available (%s); install libreadstat1", why);
    int seconds = o->seconds > 0 && o->seconds < BC_STAT_SECONDS ? o->seconds : BC_STAT_SECONDS;
    bc_stat_opts opts = *o;
    opts.seconds = seconds;
    int job_fd = above_std(make_job(bytes, len, fmt, &opts)), p[2] = {-1, -1};
    if (job_fd < 0 || pipe2(p, O_CLOEXEC) != 0 || (p[0] = above_std(p[0])) < 0 ||
        (p[1] = above_std(p[1])) < 0) {
        int err = errno;
        for (int k = 0; k < 2; k++)
            if (p[k] >= 0) close(p[k]);
        if (job_fd >= 0) close(job_fd);
        return bc_error_set(e, "", 0, "cannot hand the file to the reader: %s", strerror(err));
    }
    pid_t pid;
    int rc = spawn(job_fd, p[1], &pid);
    close(job_fd);
    close(p[1]);
    if (rc != 0) {
        close(p[0]);
        return bc_error_set(e, "", 0, "cannot start the reader: %s", strerror(rc));
    }
    double deadline = bc_now() + seconds;
    int why_stop = drain(p[0], deadline, out), killed = 0;
    close(p[0]);
    if (why_stop) {
        kill(pid, SIGKILL);
        killed = 1;
    }
    int st = reap(pid, deadline + 1, &killed);
    if (why_stop == 1 || (WIFEXITED(st) && WEXITSTATUS(st) == STAT_EXIT_BIG))
        return bc_error_set(e, "", 0,
                            "the data is larger than %u MB once read; read fewer columns "
                            "(columns = {...}) or rows (limit = n)",
                            BC_STAT_MAX_STREAM >> 20);
    if (why_stop == 2 || (killed && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) ||
        (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU))
        return bc_error_set(e, "", 0,
                            "the reader was stopped after %d s; the file may be damaged, "
                            "or read fewer rows (limit = n)",
                            seconds);
    if (WIFSIGNALED(st))
        return bc_error_set(e, "", 0,
                            "the reader crashed (signal %d, %s); the file is damaged or "
                            "not what its name says",
                            WTERMSIG(st), strsignal(WTERMSIG(st)));
    if (WIFEXITED(st) && WEXITSTATUS(st) == STAT_EXIT_ISOLATE)
        return bc_error_set(e, "", 0,
                            "the reader could not isolate itself (no seccomp filter); "
                            "the file was not read");
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return bc_error_set(e, "", 0, "the reader failed (exit status %d)",
                            WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return BC_OK;
}
