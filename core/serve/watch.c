/*
** watch.c — briefc serve's change watch: one inotify descriptor over every folder a build
** reads (the briefs folder and its subfolders, the project's plugins/ and fonts/, the folders of
** BRIEFC_PLUGIN_PATH), so a brief's state hash is computed again only after something changed,
** not by a walk of its folder on every request.
**
** No thread: a request drains the descriptor (non-blocking) before it trusts a remembered
** hash. The kernel queues an event inside the system call that changes a file, so a change that
** finished before the request began is always seen. A new folder is watched as soon as its
** creation is read; an overflowed queue, or no inotify at all, makes every request walk again.
*/
#define _GNU_SOURCE
#include "serve/serve.h"
#include "lua/brief_style.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/build.h"

#define WATCH_DEPTH 5  /* one more than the state walk's depth */
#define WATCH_MAX 4096 /* folders watched; past it, every request walks */
#define WATCH_MASK                                                                    \
    (IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | \
     IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int fd = -1;
static long generation = 1;
static int nwatched;
static int broken; /* too many folders, or a watch refused: walk every time */
static char roots[16][4096];
static int nroots;

static void watch_tree(const char *path, int depth)
{
    if (broken) return;
    if (nwatched >= WATCH_MAX || inotify_add_watch(fd, path, WATCH_MASK | IN_ONLYDIR) < 0) {
        if (errno != ENOENT && errno != ENOTDIR) broken = 1;
        return;
    }
    nwatched++;
    if (depth >= WATCH_DEPTH) return;
    DIR *d = opendir(path);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) continue;
        char sub[4096];
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= sizeof sub) continue;
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) watch_tree(sub, depth + 1);
    }
    closedir(d);
}

static void add_root(const char *path)
{
    if (nroots < (int)(sizeof roots / sizeof *roots))
        snprintf(roots[nroots++], sizeof roots[0], "%s", path);
}

/* Every root again (inotify_add_watch on a watched folder only refreshes it). */
static void watch_all(void)
{
    nwatched = 0;
    for (int i = 0; i < nroots; i++) watch_tree(roots[i], 0);
}

int bc_serve_watch_start(const char *briefs_dir)
{
    pthread_mutex_lock(&mu);
    fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd >= 0) {
        char path[4096];
        add_root(briefs_dir);
        snprintf(path, sizeof path, "%s/plugins", bc_project_dir());
        add_root(path);
        snprintf(path, sizeof path, "%s/fonts", bc_project_dir());
        add_root(path);
        for (int i = 0; bc_serve_plugin_path(i, path, sizeof path); i++) add_root(path);
        for (int i = 0; bc_brief_style_shared_dir(i, path, sizeof path); i++) add_root(path);
        watch_all();
    }
    int ok = fd >= 0 && !broken;
    pthread_mutex_unlock(&mu);
    return ok ? 0 : -1;
}

long bc_serve_watch_generation(void)
{
    pthread_mutex_lock(&mu);
    if (fd < 0 || broken) {
        pthread_mutex_unlock(&mu);
        return -1;
    }
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int changed = 0, rewatch = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            changed = 1;
            if (ev->mask & IN_Q_OVERFLOW) rewatch = 1;
            if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) rewatch = 1;
            p += sizeof *ev + ev->len;
        }
    }
    if (rewatch) watch_all();
    if (changed) generation++;
    long g = broken ? -1 : generation;
    pthread_mutex_unlock(&mu);
    return g;
}

void bc_serve_watch_stop(void)
{
    pthread_mutex_lock(&mu);
    if (fd >= 0) close(fd);
    fd = -1;
    nroots = 0;
    pthread_mutex_unlock(&mu);
}
