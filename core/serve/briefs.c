/*
** briefs.c — briefc serve's briefs: names looked up in the briefs folder's listing (a
** request's name is compared with the listing, never joined into a path), and the hash of a
** brief's state that makes its ETag and its cache key, computed from the files' metadata and
** remembered until the change watch (watch.c) says something changed, so an edit is seen by
** the next request without a restart and without a walk of the folders on every request.
*/
#define _GNU_SOURCE
#include "serve/serve.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/build.h"
#include "lua/brief_style.h"

#define WALK_DEPTH 4
#define WALK_FILES 20000 /* a folder past this many entries hashes only their count */

int bc_serve_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > BC_SERVE_NAME_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return 0;
    }
    return 1;
}

static int is_brief(int dfd, const char *name)
{
    char p[BC_SERVE_NAME_MAX + 16];
    snprintf(p, sizeof p, "%s/brief.lua", name);
    struct stat st;
    return fstatat(dfd, p, &st, 0) == 0 && S_ISREG(st.st_mode);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **bc_serve_list(const char *dir)
{
    char **names = bc_xcalloc(1, sizeof *names);
    size_t n = 0;
    DIR *d = opendir(dir);
    if (!d) return names;
    struct dirent *e;
    while ((e = readdir(d)) && n < 10000) {
        if (!bc_serve_name_ok(e->d_name, strlen(e->d_name)) || !is_brief(dirfd(d), e->d_name))
            continue;
        names = bc_xrealloc(names, (n + 2) * sizeof *names);
        names[n++] = bc_xstrdup(e->d_name);
        names[n] = NULL;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    return names;
}

void bc_serve_names_free(char **names)
{
    if (!names) return;
    for (char **p = names; *p; p++) free(*p);
    free(names);
}

char *bc_serve_lookup(const char *dir, const char *want, size_t want_len)
{
    if (!bc_serve_name_ok(want, want_len)) return NULL;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char *found = NULL;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        if (strlen(e->d_name) == want_len && !memcmp(e->d_name, want, want_len) &&
            is_brief(dirfd(d), e->d_name))
            found = bc_xstrdup(e->d_name);
    }
    closedir(d);
    return found;
}

/* {====================================================== state hash */

/* Two 64-bit FNV-1a streams with different offsets: 128 bits, so two states never share a
   cache entry by chance. */
typedef struct hasher {
    uint64_t a, b;
} hasher;

static void feed(hasher *h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) {
        h->a = (h->a ^ c[i]) * 1099511628211ULL;
        h->b = (h->b ^ c[i] ^ 0x5c) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    }
}

static void feed_stat(hasher *h, const struct stat *st)
{
    int64_t v[6] = {(int64_t)st->st_mode,        (int64_t)st->st_size,
                    (int64_t)st->st_ino,         (int64_t)st->st_dev,
                    (int64_t)st->st_mtim.tv_sec, (int64_t)st->st_mtim.tv_nsec};
    feed(h, v, sizeof v);
}

static void later(struct timespec *t, const struct timespec *m)
{
    if (m->tv_sec > t->tv_sec || (m->tv_sec == t->tv_sec && m->tv_nsec > t->tv_nsec)) *t = *m;
}

/* Every entry under dfd, in name order (so the hash does not depend on the listing's order). */
static void walk(hasher *h, int dfd, int depth, int *budget, struct timespec *newest, int *links)
{
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (--*budget < 0) break;
        if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN)
            *links = 1; /* the watch cannot follow */
        names = bc_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = bc_xstrdup(e->d_name);
    }
    if (n) qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        feed(h, names[i], strlen(names[i]) + 1);
        if (fstatat(dirfd(d), names[i], &st, 0) == 0) {
            feed_stat(h, &st);
            size_t len = strlen(names[i]);
            /* a PDF in the folder is an output, not an input */
            if (newest && !(len > 4 && !strcmp(names[i] + len - 4, ".pdf")))
                later(newest, &st.st_mtim);
            if (S_ISDIR(st.st_mode) && depth<WALK_DEPTH && * budget> 0) {
                int sub = openat(dirfd(d), names[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (sub >= 0) walk(h, sub, depth + 1, budget, newest, links);
            }
        }
        free(names[i]);
    }
    free(names);
    closedir(d);
}

static void walk_path(hasher *h, const char *path, struct timespec *newest, int *links)
{
    struct stat st;
    feed(h, path, strlen(path) + 1);
    if (stat(path, &st) != 0) return;
    feed_stat(h, &st);
    if (newest) later(newest, &st.st_mtim);
    int budget = WALK_FILES;
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) walk(h, fd, 0, &budget, newest, links);
}

int bc_serve_plugin_path(int i, char *out, size_t cap)
{
    const char *p = getenv("BRIEFC_PLUGIN_PATH");
    for (int k = 0; p && *p;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n && n < cap && k++ == i) {
            memcpy(out, p, n);
            out[n] = 0;
            return 1;
        }
        p += n + (colon != NULL);
    }
    return 0;
}

/* The folders' part of a brief's state, remembered per brief and change-watch generation. */
#define MEMO_SLOTS 64
static struct memo {
    char name[256];
    long gen;
    hasher h;
    struct timespec newest;
} memo[MEMO_SLOTS];
static int nmemo, memo_next;
static pthread_mutex_t memo_mu = PTHREAD_MUTEX_INITIALIZER;

static void walk_folders(const char *dir, const char *name, hasher *h, struct timespec *newest,
                         int *links)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    walk_path(h, path, newest, links);
    snprintf(path, sizeof path, "%s/plugins", bc_project_dir());
    walk_path(h, path, NULL, links);
    snprintf(path, sizeof path, "%s/fonts", bc_project_dir());
    walk_path(h, path, NULL, links);
    /* the folders of BRIEFC_PLUGIN_PATH are searched too */
    for (int i = 0; bc_serve_plugin_path(i, path, sizeof path); i++)
        walk_path(h, path, NULL, links);
    /* and the shared house styles require_theme may load */
    for (int i = 0; bc_brief_style_shared_dir(i, path, sizeof path); i++)
        walk_path(h, path, NULL, links);
    bc_serve_metrics_walk();
}

void bc_serve_state(const char *dir, const char *name, const char *extra, size_t extra_len,
                    char out[33], char base[33], struct timespec *newest)
{
    hasher h = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
    struct timespec nw = {0, 0};
    long gen = bc_serve_watch_generation();
    int found = 0;
    pthread_mutex_lock(&memo_mu);
    for (int i = 0; gen >= 0 && i < nmemo && !found; i++)
        if (memo[i].gen == gen && !strcmp(memo[i].name, name)) {
            h = memo[i].h;
            nw = memo[i].newest;
            found = 1;
        }
    pthread_mutex_unlock(&memo_mu);
    if (!found) {
        int links = 0;
        walk_folders(dir, name, &h, &nw, &links);
        /* a folder reached through a link changes where the watch cannot see: never kept */
        if (gen >= 0 && !links && strlen(name) < sizeof memo[0].name) {
            pthread_mutex_lock(&memo_mu);
            int slot = -1;
            for (int i = 0; i < nmemo && slot < 0; i++)
                if (!strcmp(memo[i].name, name)) slot = i;
            if (slot < 0) {
                slot = nmemo < MEMO_SLOTS ? nmemo++ : memo_next++ % MEMO_SLOTS;
                snprintf(memo[slot].name, sizeof memo[slot].name, "%s", name);
            }
            memo[slot].gen = gen;
            memo[slot].h = h;
            memo[slot].newest = nw;
            pthread_mutex_unlock(&memo_mu);
        }
    }
    if (newest) *newest = nw;
    struct stat st;
    if (stat("/proc/self/exe", &st) == 0) feed_stat(&h, &st);
    feed(&h, BC_VERSION, sizeof BC_VERSION);
    if (base)
        snprintf(base, 33, "%016llx%016llx", (unsigned long long)h.a, (unsigned long long)h.b);
    feed(&h, &extra_len, sizeof extra_len);
    if (extra) feed(&h, extra, extra_len);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.a, (unsigned long long)h.b);
}

/* }====================================================== */
