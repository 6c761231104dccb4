/*
** cache.c — the on-disk cache (see cache.h). One file per entry:
**   "BCC1" | uint32 0 | uint64 key | uint64 payload length | payload
*/
#define _GNU_SOURCE
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define HEADER 24
#define MAX_ENTRIES 256 /* per kind (32 for "para"); the oldest go first */

/* The cache folder into dir; 0 when the cache is off or there is no home. */
static int cache_dir(char *dir, size_t cap)
{
    const char *env = getenv("BRIEFC_CACHE_DIR");
    if (env) {
        if (!env[0]) return 0;
        return snprintf(dir, cap, "%s", env) < (int)cap;
    }
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/') return snprintf(dir, cap, "%s/briefc", xdg) < (int)cap;
    if (home && home[0] == '/') return snprintf(dir, cap, "%s/.cache/briefc", home) < (int)cap;
    return 0;
}

int bc_cache_enabled(void)
{
    char dir[4096];
    return cache_dir(dir, sizeof dir);
}

static int entry_path(const char *kind, uint64_t key, char *path, size_t cap)
{
    char dir[4096];
    if (!cache_dir(dir, sizeof dir)) return 0;
    return snprintf(path, cap, "%s/%s-%016llx.bin", dir, kind, (unsigned long long)key) < (int)cap;
}

int bc_cache_map(const char *kind, uint64_t key, bc_cached *out)
{
    memset(out, 0, sizeof *out);
    char path[4200];
    if (!entry_path(kind, key, path, sizeof path)) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < HEADER ||
        (uint64_t)st.st_size > ((uint64_t)1 << 30)) {
        close(fd);
        return 0;
    }
    void *base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED) return 0;
    const unsigned char *b = base;
    uint64_t k, len;
    memcpy(&k, b + 8, 8);
    memcpy(&len, b + 16, 8);
    if (memcmp(b, "BCC1", 4) != 0 || k != key || len != (uint64_t)st.st_size - HEADER) {
        munmap(base, (size_t)st.st_size);
        return 0;
    }
    out->base = base;
    out->size = (size_t)st.st_size;
    out->data = b + HEADER;
    out->len = (size_t)len;
    return 1;
}

void bc_cache_unmap(bc_cached *c)
{
    if (!c || !c->base) return;
    munmap(c->base, c->size);
    memset(c, 0, sizeof *c);
}

static void make_dirs(const char *dir)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(tmp, 0700);
            *p = '/';
        }
    mkdir(tmp, 0700);
}

/* Removes the oldest entries of a kind beyond MAX_ENTRIES (run after each store, which
   only happens on a miss). */
static void evict(const char *dir, const char *kind)
{
    DIR *d = opendir(dir);
    if (!d) return;
    size_t klen = strlen(kind);
    struct dirent *e;
    char path[4400], oldest[4400] = ""; /* a folder (< 4096) and a name (< 256) */
    int n = 0;
    time_t old_t = 0;
    time_t now = time(NULL);
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, kind, klen) || e->d_name[klen] != '-') continue;
        size_t nl = strlen(e->d_name);
        if (nl > 4 && !strcmp(e->d_name + nl - 4, ".tmp")) {
            /* a store cut short (the process was killed): gone once it is an hour old */
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (stat(path, &st) == 0 && st.st_mtime < now - 3600) unlink(path);
            continue;
        }
        if (nl < 4 || strcmp(e->d_name + nl - 4, ".bin")) continue;
        n++;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && (!oldest[0] || st.st_mtime < old_t)) {
            old_t = st.st_mtime;
            memcpy(oldest, path, sizeof oldest);
        }
    }
    closedir(d);
    /* a brief's set text (layout.c) is large and one per brief: fewer of those */
    int max = strcmp(kind, "para") ? MAX_ENTRIES : 32;
    if (n > max && oldest[0]) unlink(oldest); /* one a store keeps the count steady */
}

void bc_cache_store(const char *kind, uint64_t key, const void *data, size_t len)
{
    char dir[4096], path[4200], tmp[4300];
    if (!cache_dir(dir, sizeof dir) || !entry_path(kind, key, path, sizeof path)) return;
    make_dirs(dir);
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return;
    unsigned char head[HEADER] = {'B', 'C', 'C', '1'};
    uint64_t n = len;
    memcpy(head + 8, &key, 8);
    memcpy(head + 16, &n, 8);
    int ok = bc_write_all(fd, head, HEADER) == BC_OK && bc_write_all(fd, data, len) == BC_OK;
    if (close(fd) != 0) ok = 0;
    if (!ok || rename(tmp, path) != 0) unlink(tmp);
    else evict(dir, kind);
}

uint64_t bc_cache_file_key(const char *path, uint32_t version)
{
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    uint64_t h = 1469598103934665603ULL;
    for (const char *s = path; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    uint64_t parts[4] = {(uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
                         (uint64_t)st.st_mtim.tv_nsec, version};
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 8; b++) h = (h ^ ((parts[i] >> (8 * b)) & 255)) * 1099511628211ULL;
    return h ? h : 1;
}
