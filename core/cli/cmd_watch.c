/*
** cmd_watch.c — `briefc watch BRIEF`: builds once, then rebuilds whenever the brief, its
** plugins, its data or its fonts change (inotify), until interrupted. The PDF is replaced
** atomically, so open viewers reload a complete file; errors are printed and watching goes on.
**
** The watch set is a list of folders by path, not by inode: when a watched folder is deleted,
** renamed away or replaced by a rename (git checkout replaces plugins/ so), or a subfolder
** appears, the paths are watched again, and the brief folder's parent is watched too so a
** brief folder deleted and made again is followed. The set is also renewed after every
** build. Events for briefc's own outputs (-o, --dump-layout, their temporary files, any PDF)
** never start a build, so an output inside a watched folder cannot make it rebuild for ever.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "cli/build.h"
#include "cli/cmd.h"
#include "lua/host.h"
#include "lua/brief_style.h"
#include "cli/supervise.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

#define WATCH_MASK                                                                           \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | \
     IN_MOVE_SELF | IN_ONLYDIR)

/* One folder watched by its path; wd is that path's current watch, -1 when it is missing. */
typedef struct target {
    char *path; /* as named: a link in it is followed afresh at every rescan */
    char *real; /* resolved at the last rescan, to recognise our outputs */
    int wd;
    int parent; /* the brief folder's parent: only events about the brief folder count */
} target;

typedef struct watchset {
    int fd;
    target *t;
    int n;
    const char *brief_base; /* the brief folder's name in its parent */
    char *own[2];           /* briefc's outputs, resolved ("folder/name"), or NULL */
} watchset;

static void add_target(watchset *w, const char *path, int parent)
{
    for (int i = 0; i < w->n; i++)
        if (!strcmp(w->t[i].path, path) && w->t[i].parent == parent) return;
    w->t = realloc(w->t, (size_t)(w->n + 1) * sizeof *w->t);
    if (!w->t) abort();
    w->t[w->n].path = strdup(path);
    w->t[w->n].real = NULL;
    w->t[w->n].wd = -1;
    w->t[w->n].parent = parent;
    if (!w->t[w->n].path) abort();
    w->n++;
}

static int wd_used(const watchset *w, int wd, int except)
{
    for (int i = 0; i < w->n; i++)
        if (i != except && w->t[i].wd == wd) return 1;
    return 0;
}

/* Watches every target path as it is now: a path whose folder was replaced gets the new
   folder's watch, and the old folder's watch is dropped. */
static void rescan(watchset *w)
{
    for (int i = 0; i < w->n; i++) {
        int wd = inotify_add_watch(w->fd, w->t[i].path, WATCH_MASK);
        char real[PATH_MAX];
        free(w->t[i].real);
        w->t[i].real = strdup(realpath(w->t[i].path, real) ? real : w->t[i].path);
        if (!w->t[i].real) abort();
        int old = w->t[i].wd;
        w->t[i].wd = wd;
        if (old >= 0 && old != wd && !wd_used(w, old, -1)) inotify_rm_watch(w->fd, old);
    }
}

/* The resolved "folder/name" of an output, so events for it are recognised by path. */
static char *own_path(const char *out)
{
    if (!out) return NULL;
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(out, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - out) : 1, slash ? out : ".");
    if (slash == out) snprintf(dir, sizeof dir, "/");
    if (!realpath(dir, real)) return NULL;
    size_t n = strlen(real) + strlen(slash ? slash + 1 : out) + 2;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%s/%s", strcmp(real, "/") ? real : "", slash ? slash + 1 : out);
    return p;
}

/* Is this event about a file whose change should trigger a rebuild? */
static int relevant(const watchset *w, const target *t, const struct inotify_event *e)
{
    if (!e->len) return 1;
    const char *n = e->name;
    size_t len = strlen(n);
    if (t->parent) return !strcmp(n, w->brief_base);
    if (n[0] == '.' || n[0] == '#') return 0; /* hidden, temporaries, locks */
    if (len && n[len - 1] == '~') return 0;   /* editor backups */
    if (len > 4 && !strcmp(n + len - 4, ".swp")) return 0;
    if (len > 4 && !strcmp(n + len - 4, ".pdf")) return 0;
    for (int k = 0; k < 2; k++) { /* our own outputs */
        const char *o = w->own[k];
        size_t tl = strlen(t->real);
        if (o && !strncmp(o, t->real, tl) && o[tl] == '/' && !strcmp(o + tl + 1, n)) return 0;
    }
    return 1;
}

/* Reads one event: sets *want when it should start a build and *again when the watch set
   must be renewed first. */
static void on_event(watchset *w, const struct inotify_event *e, int *want, int *again)
{
    if (e->mask & IN_Q_OVERFLOW) { /* events were lost: assume the worst */
        *want = *again = 1;
        return;
    }
    for (int i = 0; i < w->n; i++) {
        const target *t = &w->t[i];
        if (t->wd != e->wd) continue;
        if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
            *again = 1;
            *want |= !t->parent;
            continue;
        }
        if (!relevant(w, t, e)) continue;
        *want = 1;
        if (t->parent || (e->mask & IN_ISDIR)) *again = 1; /* a folder came or went */
    }
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
    int rc = bc_build_parse(argc, argv, &o);
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
    /* The brief's folder and its usual subfolders, every plugin folder, and the brief
       folder's parent (to see the brief folder made again). */
    char bdir[PATH_MAX];
    snprintf(bdir, sizeof bdir, "%s", o.brief);
    size_t n = strlen(bdir);
    while (n > 1 && bdir[n - 1] == '/') bdir[--n] = 0;
    if (n > 4 && !strcmp(bdir + n - 4, ".lua")) {
        char *s = strrchr(bdir, '/');
        if (s)
            *s = 0;
        else
            strcpy(bdir, ".");
    }
    char babs[PATH_MAX];
    if (!realpath(bdir, babs)) snprintf(babs, sizeof babs, "%s", bdir);
    watchset ws = {0};
    ws.fd = fd;
    const char *subs[] = {"", "/plugins", "/data", "/fonts", "/themes"};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        char p[PATH_MAX + 16];
        snprintf(p, sizeof p, "%s%s", babs, subs[i]);
        add_target(&ws, p, 0);
    }
    char **dirs = bc_host_search_path(NULL, o.plugin_dirs, o.nplugin_dirs, bc_project_dir());
    for (int i = 0; dirs[i]; i++) add_target(&ws, dirs[i], 0);
    bc_host_free_path(dirs);
    char tdir[PATH_MAX]; /* the shared house styles require_theme may load */
    for (int i = 0; bc_brief_style_shared_dir(i, tdir, sizeof tdir); i++) add_target(&ws, tdir, 0);
    char *slash = strrchr(babs, '/');
    if (slash && slash[1]) {
        ws.brief_base = slash + 1;
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%.*s", slash == babs ? 1 : (int)(slash - babs), babs);
        add_target(&ws, parent, 1);
    }
    ws.own[0] = own_path(o.output);
    ws.own[1] = own_path(o.dump);
    rescan(&ws);

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
        int want = 0, again = 0;
        double first = now_ms();
        /* Drain, then wait for quiet: editors often write a file in several steps. */
        for (;;) {
            ssize_t len = read(fd, buf, sizeof buf);
            if (len > 0) {
                for (char *q = buf; q < buf + len;) {
                    const struct inotify_event *e = (const struct inotify_event *)q;
                    on_event(&ws, e, &want, &again);
                    q += sizeof *e + e->len;
                }
                continue;
            }
            struct pollfd p2 = {fd, POLLIN, 0};
            if (poll(&p2, 1, 25) <= 0) break;
        }
        if (again) rescan(&ws);
        if (!want || stop) continue;
        t0 = now_ms();
        st = bc_supervise_build(&o);
        double done = now_ms();
        fprintf(stderr, "briefc: %s in %.0f ms (%.0f ms after the change)\n",
                st == 0 ? "rebuilt" : "build failed", done - t0, done - first);
        rescan(&ws); /* folders made or replaced while it built */
    }
    for (int i = 0; i < ws.n; i++) {
        free(ws.t[i].path);
        free(ws.t[i].real);
    }
    free(ws.t);
    free(ws.own[0]);
    free(ws.own[1]);
    close(fd);
    bc_build_opts_free(&o);
    fprintf(stderr, "briefc: stopped watching\n");
    return 0;
}
