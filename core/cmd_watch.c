/*
** cmd_watch.c — `briefc watch BRIEF`: builds once, then rebuilds whenever the brief, its
** plugins, its data or its fonts change (inotify), until interrupted. The PDF is replaced
** atomically, so open viewers reload a complete file; errors are printed and watching goes on.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "cmd.h"
#include "host.h"
#include "supervise.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static void print_help(FILE *f)
{
    fprintf(f, "usage: briefc watch BRIEF [-o OUT.pdf] [-D key=value]... [--plugin-path DIR]...\n"
               "Rebuilds on every save of the brief, its plugins or its data; Ctrl-C stops.\n");
}

static void watch_dir(int fd, const char *dir)
{
    inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM);
}

/* Is this event about a file whose change should trigger a rebuild? */
static int relevant(const struct inotify_event *e, const char *out_base)
{
    if (!e->len) return 1;
    const char *n = e->name;
    size_t len = strlen(n);
    if (n[0] == '.' || n[0] == '#') return 0;             /* hidden, temporaries, locks */
    if (len && n[len - 1] == '~') return 0;               /* editor backups */
    if (len > 4 && !strcmp(n + len - 4, ".swp")) return 0;
    if (!strcmp(n, out_base)) return 0;                   /* our own output */
    if (len > 4 && !strcmp(n + len - 4, ".pdf")) return 0;
    return 1;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int bc_cmd_watch(int argc, char **argv)
{
    bc_build_opts o = {0};
    o.write = 1;
    o.layout_cache = 1; /* an edit sets again only the text it changed */
    int rc = bc_build_parse(argc, argv, &o, print_help);
    if (rc >= 0) {
        bc_build_opts_free(&o);
        return rc;
    }
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "briefc: error: cannot watch files: %s\n", strerror(errno));
        bc_build_opts_free(&o);
        return BC_EXIT_BRIEF;
    }
    /* The brief's folder and its usual subfolders, and every plugin folder. */
    char bdir[PATH_MAX];
    snprintf(bdir, sizeof bdir, "%s", o.brief);
    size_t n = strlen(bdir);
    while (n > 1 && bdir[n - 1] == '/') bdir[--n] = 0;
    if (n > 4 && !strcmp(bdir + n - 4, ".lua")) {
        char *s = strrchr(bdir, '/');
        if (s) *s = 0;
        else strcpy(bdir, ".");
    }
    const char *subs[] = {"", "/plugins", "/data", "/fonts"};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        char p[PATH_MAX + 16];
        snprintf(p, sizeof p, "%s%s", bdir, subs[i]);
        watch_dir(fd, p);
    }
    char **dirs = bc_host_search_path(NULL, o.plugin_dirs, o.nplugin_dirs, bc_project_dir());
    for (int i = 0; dirs[i]; i++) watch_dir(fd, dirs[i]);
    bc_host_free_path(dirs);
    const char *out = o.output;
    const char *out_base = out ? (strrchr(out, '/') ? strrchr(out, '/') + 1 : out) : "";

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    double t0 = now_ms();
    int st = bc_supervise_build(&o);
    fprintf(stderr, "briefc: %s in %.0f ms; watching for changes (Ctrl-C stops)\n",
            st == 0 ? "built" : "build failed", now_ms() - t0);
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!stop) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, 500);
        if (r <= 0) continue;
        int want = 0;
        double first = now_ms();
        /* Drain, then wait for quiet: editors often write a file in several steps. */
        for (;;) {
            ssize_t len = read(fd, buf, sizeof buf);
            if (len > 0) {
                for (char *q = buf; q < buf + len;) {
                    const struct inotify_event *e = (const struct inotify_event *)q;
                    want |= relevant(e, out_base);
                    q += sizeof *e + e->len;
                }
                continue;
            }
            struct pollfd p2 = {fd, POLLIN, 0};
            if (poll(&p2, 1, 25) <= 0) break;
        }
        if (!want || stop) continue;
        t0 = now_ms();
        st = bc_supervise_build(&o);
        double done = now_ms();
        fprintf(stderr, "briefc: %s in %.0f ms (%.0f ms after the change)\n",
                st == 0 ? "rebuilt" : "build failed", done - t0, done - first);
    }
    close(fd);
    bc_build_opts_free(&o);
    fprintf(stderr, "briefc: stopped watching\n");
    return 0;
}
