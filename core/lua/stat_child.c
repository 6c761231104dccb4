/*
** stat_child.c — the isolated child of ctx:stat_file (see stat_child.h): fork, shed every
** descriptor but the pipe, rlimits, a seccomp filter, then ReadStat; the parent reads the pipe
** under a deadline and a size cap and judges how the child ended.
*/
#define _GNU_SOURCE
#include "lua/stat_child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
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

#define STAT_FD 3              /* the pipe, in the child */
#define STAT_EXIT_ISOLATE 4    /* the child could not isolate itself */
#define STAT_EXIT_BIG 5        /* its stream would pass BC_STAT_MAX_STREAM */
#define STAT_EXTRA_MB 1024     /* address space the child may add to what it inherits */

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
    if (vm) set_limit(RLIMIT_AS, vm + ((rlim_t)STAT_EXTRA_MB << 20), vm + ((rlim_t)STAT_EXTRA_MB << 20));
#endif
    set_limit(RLIMIT_FSIZE, 0, 0);        /* no byte written to any file */
    set_limit(RLIMIT_NOFILE, STAT_FD + 1, STAT_FD + 1); /* no descriptor opened */
    set_limit(RLIMIT_NPROC, 0, 0);        /* no process made (unless root) */
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_MEMLOCK, 0, 0);
}

#define ALLOW(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

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
        ALLOW(__NR_read), ALLOW(__NR_write), ALLOW(__NR_close), ALLOW(__NR_lseek),
        ALLOW(__NR_mmap), ALLOW(__NR_munmap), ALLOW(__NR_mremap), ALLOW(__NR_mprotect),
        ALLOW(__NR_brk), ALLOW(__NR_madvise), ALLOW(__NR_futex), ALLOW(__NR_clock_gettime),
        ALLOW(__NR_rt_sigreturn), ALLOW(__NR_rt_sigprocmask), ALLOW(__NR_getpid),
        ALLOW(__NR_gettid), ALLOW(__NR_fstat), ALLOW(__NR_newfstatat), ALLOW(__NR_sched_yield),
        ALLOW(__NR_exit), ALLOW(__NR_exit_group),
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

static void close_from(int lo)
{
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)lo, ~0u, 0u) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = lo; fd < (max > 0 && max < 65536 ? max : 65536); fd++) close((int)fd);
}

typedef struct job {
    const void *bytes;
    size_t len;
    bc_stat_format fmt;
    const bc_stat_opts *o;
    pid_t parent;
    int hang;              /* BRIEFC_TEST_STAT_HANG: spin before parsing, for the tests */
    const char *forge;     /* BRIEFC_TEST_STAT_FORGE: a stream to send instead, for the tests */
    size_t forge_len;      /* of the parent's checks against a compromised child */
} job;

static __attribute__((noreturn)) void child(int wfd, const job *j)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* briefc gone: so is its reader */
    if (getppid() != j->parent) _exit(STAT_EXIT_ISOLATE);
    prctl(PR_SET_NAME, "briefc-stat", 0, 0, 0);
    for (int sig = 1; sig < NSIG; sig++) /* none of briefc's handlers runs in here */
        if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (wfd != STAT_FD && dup2(wfd, STAT_FD) != STAT_FD) _exit(STAT_EXIT_ISOLATE);
    /* stdout may be the PDF (-o -), stderr a log file it may not grow (RLIMIT_FSIZE) */
    int nul = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (nul < 0 || dup2(nul, 0) < 0 || dup2(nul, 1) < 0 || dup2(nul, 2) < 0) _exit(STAT_EXIT_ISOLATE);
    close_from(STAT_FD + 1);
    limits(j->o->seconds);
    if (seccomp_on() != 0) _exit(STAT_EXIT_ISOLATE);
    if (j->hang)
        for (volatile unsigned long i = 0;; i++) {}
    static pipe_sink s;
    if (j->forge) to_pipe(&s, j->forge, j->forge_len);
    else bc_stat_encode(j->bytes, j->len, j->fmt, j->o, to_pipe, &s);
    if (s.total > BC_STAT_MAX_STREAM) _exit(STAT_EXIT_BIG);
    _exit(flush_pipe(&s) == 0 ? 0 : 3);
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

/* The stream of the file BRIEFC_TEST_STAT_FORGE names, read whole into forged (tests only). */
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

bc_status bc_stat_read(const void *bytes, size_t len, bc_stat_format fmt, const bc_stat_opts *o,
                       bc_buf *out, bc_error *e)
{
    char why[300];
    if (bc_stat_open_library(why, sizeof why) != 0)
        return bc_error_set(e, "", 0, "ReadStat is not available (%s); install libreadstat1", why);
    int seconds = o->seconds > 0 && o->seconds < BC_STAT_SECONDS ? o->seconds : BC_STAT_SECONDS;
    bc_stat_opts opts = *o;
    opts.seconds = seconds;
    bc_buf forged = {0};
    read_forged(&forged);
    job j = {bytes, len, fmt, &opts, getpid(), getenv("BRIEFC_TEST_STAT_HANG") != NULL,
             forged.data, forged.len};
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        bc_buf_free(&forged);
        return bc_error_set(e, "", 0, "cannot make a pipe for the reader: %s", strerror(errno));
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        bc_buf_free(&forged);
        return bc_error_set(e, "", 0, "cannot start the reader: %s", strerror(errno));
    }
    if (pid == 0) child(p[1], &j);
    close(p[1]);
    bc_buf_free(&forged);
    double deadline = bc_now() + seconds;
    int why_stop = drain(p[0], deadline, out), killed = 0;
    close(p[0]);
    if (why_stop) {
        kill(pid, SIGKILL);
        killed = 1;
    }
    int st = reap(pid, deadline + 1, &killed);
    if (why_stop == 1 || (WIFEXITED(st) && WEXITSTATUS(st) == STAT_EXIT_BIG))
        return bc_error_set(e, "", 0, "the data is larger than %u MB once read; read fewer columns "
                            "(columns = {...}) or rows (limit = n)", BC_STAT_MAX_STREAM >> 20);
    if (why_stop == 2 || (killed && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) ||
        (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU))
        return bc_error_set(e, "", 0, "the reader was stopped after %d s; the file may be damaged, "
                            "or read fewer rows (limit = n)", seconds);
    if (WIFSIGNALED(st))
        return bc_error_set(e, "", 0, "the reader crashed (signal %d, %s); the file is damaged or "
                            "not what its name says", WTERMSIG(st), strsignal(WTERMSIG(st)));
    if (WIFEXITED(st) && WEXITSTATUS(st) == STAT_EXIT_ISOLATE)
        return bc_error_set(e, "", 0, "the reader could not isolate itself (no seccomp filter); "
                            "the file was not read");
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return bc_error_set(e, "", 0, "the reader failed (exit status %d)",
                            WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return BC_OK;
}
