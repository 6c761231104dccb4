/*
** cache.c — the on-disk cache (see cache.h). One file per entry, named KIND-HASH.bin after a
** hash of its key:
**   "BCC2" | uint32 key length | uint64 payload length | uint64 check | key, padded to 8 bytes |
**   payload
** where check is a hash of the key and the payload together: the head of one entry put before
** the payload of another does not pass. (Nothing unkeyed stops a writer with the user's own
** rights; the folder's checks keep everyone else out.)
** Every operation goes through a descriptor on the checked folder (openat, renameat), never
** through its path again.
*/
#define _GNU_SOURCE
#include "base/cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

#define MAX_ENTRIES 256 /* per kind (32 for "para"); the oldest go first */
#define PAD8(n) (((n) + 7) & ~(size_t)7)

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

int bc_cache_folder_exists(void)
{
    char dir[4096];
    struct stat st;
    return cache_dir(dir, sizeof dir) && stat(dir, &st) == 0;
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

static int warned;

static int refuse(int fd, const char *dir, const char *why)
{
    if (fd >= 0) close(fd);
    if (!warned)
        fprintf(stderr, "briefc: warning: cache folder '%s' %s; building without the cache\n", dir,
                why);
    warned = 1;
    return -1;
}

/* A descriptor on the cache folder, made 0700 first when make is set and it is missing; -1
   when the cache is off, missing, or not safe to use (a link, another user's, writable by
   others: refused with one warning per process). */
static int open_dir(int make)
{
    char dir[4096];
    if (!cache_dir(dir, sizeof dir)) return -1;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && make) {
        make_dirs(dir);
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    struct stat st;
    if (fd < 0) {
        int e = errno;
        if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
            return refuse(-1, dir, "is a symbolic link (use the folder it points to)");
        if (e == ENOTDIR) return refuse(-1, dir, "is not a folder");
        return -1; /* missing, or no permission: silently without */
    }
    if (fstat(fd, &st) != 0) {
        close(fd);
        return -1;
    }
    if (st.st_uid != geteuid()) return refuse(fd, dir, "belongs to another user");
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return refuse(fd, dir, "can be written by other users (chmod 700 it)");
    return fd;
}

static uint64_t key_hash(const void *key, size_t len)
{
    const unsigned char *s = key;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

/* A 64-bit hash of the key, then the payload (len a multiple of 8 or not), four lanes so it
   runs at memory speed. */
static uint64_t entry_check(const void *key, size_t keylen, const unsigned char *p, size_t len)
{
    /* the lanes in four scalars, written out: -O2 kept an array in memory and looped over it,
       at 1.3 instructions a byte (2 M for a warm sample build); the hash is the same */
    uint64_t h0 = key_hash(key, keylen), h1 = 2, h2 = 3, h3 = 4;
    const uint64_t m = 1099511628211ULL;
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        uint64_t w[4];
        memcpy(w, p + i, sizeof w);
        h0 = (h0 ^ w[0]) * m;
        h1 = (h1 ^ w[1]) * m;
        h2 = (h2 ^ w[2]) * m;
        h3 = (h3 ^ w[3]) * m;
    }
    for (; i < len; i++) h0 = (h0 ^ p[i]) * m;
    return h0 ^ (h1 << 1) ^ (h2 << 2) ^ (h3 << 3) ^ (uint64_t)len;
}

static int entry_name(const char *kind, const void *key, size_t keylen, char *name, size_t cap)
{
    return snprintf(name, cap, "%s-%016llx.bin", kind, (unsigned long long)key_hash(key, keylen)) <
           (int)cap;
}

int bc_cache_map(const char *kind, const void *key, size_t keylen, bc_cached *out)
{
    memset(out, 0, sizeof *out);
    char name[256];
    if (keylen == 0 || keylen > BC_CACHE_KEY_MAX ||
        !entry_name(kind, key, keylen, name, sizeof name))
        return 0;
    int dfd = open_dir(0);
    if (dfd < 0) return 0;
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    close(dfd);
    if (fd < 0) return 0;
    size_t head = 24 + PAD8(keylen);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
        (uint64_t)st.st_size < head || (uint64_t)st.st_size > ((uint64_t)1 << 30)) {
        close(fd);
        return 0;
    }
    void *base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED) return 0;
    const unsigned char *b = base;
    uint32_t kl;
    uint64_t len, check;
    memcpy(&kl, b + 4, 4);
    memcpy(&len, b + 8, 8);
    memcpy(&check, b + 16, 8);
    if (memcmp(b, "BCC2", 4) != 0 || kl != keylen || memcmp(b + 24, key, keylen) != 0 ||
        len != (uint64_t)st.st_size - head || entry_check(key, keylen, b + head, len) != check) {
        munmap(base, (size_t)st.st_size);
        return 0;
    }
    out->base = base;
    out->size = (size_t)st.st_size;
    out->data = b + head;
    out->len = (size_t)len;
    return 1;
}

void bc_cache_unmap(bc_cached *c)
{
    if (!c || !c->base) return;
    munmap(c->base, c->size);
    memset(c, 0, sizeof *c);
}

/* Removes the oldest entries of a kind beyond MAX_ENTRIES (run after each store, which
   only happens on a miss), and temporary files an hour old. Never follows a link. */
/*
** Eviction keeps at most MAX_ENTRIES entries of a kind. The folder is scanned for a kind once
** per process (a cold build stores about twenty entries: a scan each cost a readdir and a
** stat per entry), then counted: each store adds one (an entry replaced counts too, so the
** count errs high and eviction early), and past the limit the oldest seen goes; a further
** scan only when the count is past the limit again with no oldest known. Other processes'
** stores are seen at the next scan: the limit is a bound on the folder's growth, not exact.
*/
#define OLDEST 16 /* the oldest entries a scan remembers, to remove without scanning again */

typedef struct kind_count {
    char kind[16];
    int n;                /* entries of the kind, as far as this process knows */
    int nold;             /* names in old, oldest last */
    char old[OLDEST][64]; /* the oldest entries seen at the last scan */
    time_t old_t[OLDEST];
} kind_count;

/* Keeps name (modified at t) among c's OLDEST oldest, in order of age, oldest first. */
static void keep_old(kind_count *c, const char *name, size_t nl, time_t t)
{
    int at = c->nold;
    while (at > 0 && c->old_t[at - 1] > t) at--; /* after every entry not newer */
    if (at == OLDEST) return;
    int last = c->nold < OLDEST ? c->nold : OLDEST - 1;
    for (int i = last; i > at; i--) {
        memcpy(c->old[i], c->old[i - 1], sizeof c->old[i]);
        c->old_t[i] = c->old_t[i - 1];
    }
    memcpy(c->old[at], name, nl + 1);
    c->old_t[at] = t;
    if (c->nold < OLDEST) c->nold++;
}

static kind_count counts[8];
static int ncounts;

/* Counts the kind's entries into c, removing .tmp leftovers an hour old. */
static void scan_kind(int dfd, const char *kind, kind_count *c)
{
    c->n = 0;
    c->nold = 0;
    int dup_fd = dup(dfd);
    if (dup_fd < 0) return;
    DIR *d = fdopendir(dup_fd);
    if (!d) {
        close(dup_fd);
        return;
    }
    size_t klen = strlen(kind);
    struct dirent *e;
    time_t now = time(NULL);
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, kind, klen) || e->d_name[klen] != '-') continue;
        size_t nl = strlen(e->d_name);
        struct stat st;
        if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (nl > 4 && !strcmp(e->d_name + nl - 4, ".tmp")) {
            /* a store cut short (the process was killed): gone once it is an hour old */
            if (st.st_mtime < now - 3600) unlinkat(dfd, e->d_name, 0);
            continue;
        }
        if (nl < 4 || strcmp(e->d_name + nl - 4, ".bin")) continue;
        c->n++;
        if (nl < sizeof c->old[0]) keep_old(c, e->d_name, nl, st.st_mtime);
    }
    closedir(d);
}

static void evict(int dfd, const char *kind)
{
    /* a brief's set text (layout.c) is large and one per brief: fewer of those */
    int max = strcmp(kind, "para") ? MAX_ENTRIES : 32;
    kind_count *c = NULL;
    for (int i = 0; i < ncounts && !c; i++)
        if (!strcmp(counts[i].kind, kind)) c = &counts[i];
    if (!c && ncounts < (int)(sizeof counts / sizeof *counts) && strlen(kind) < sizeof c->kind) {
        c = &counts[ncounts++];
        snprintf(c->kind, sizeof c->kind, "%s", kind);
        scan_kind(dfd, kind, c); /* the entry just stored is counted here */
    } else if (c) {
        c->n++;
    } else {
        kind_count once; /* an unusual kind: scanned each time */
        scan_kind(dfd, kind, &once);
        if (once.n > max && once.nold) unlinkat(dfd, once.old[0], 0);
        return;
    }
    if (c->n <= max) return;
    if (!c->nold) scan_kind(dfd, kind, c);
    if (c->n > max && c->nold) { /* one a store keeps the count steady */
        if (unlinkat(dfd, c->old[0], 0) == 0) c->n--;
        c->nold--;
        memmove(c->old[0], c->old[1], (size_t)c->nold * sizeof c->old[0]);
        memmove(c->old_t, c->old_t + 1, (size_t)c->nold * sizeof *c->old_t);
    }
}

/* 64 unpredictable bits for a temporary name. */
static uint64_t random_bits(void)
{
    uint64_t r;
    if (getrandom(&r, sizeof r, GRND_NONBLOCK) == (ssize_t)sizeof r) return r;
    static uint64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return key_hash(&ts, sizeof ts) ^ ((uint64_t)getpid() << 32) ^ ++counter;
}

void bc_cache_store(const char *kind, const void *key, size_t keylen, const void *data, size_t len)
{
    char name[256], tmp[300];
    if (keylen == 0 || keylen > BC_CACHE_KEY_MAX ||
        !entry_name(kind, key, keylen, name, sizeof name))
        return;
    int dfd = open_dir(1);
    if (dfd < 0) return;
    int fd = -1;
    for (int tries = 0; tries < 8 && fd < 0; tries++) {
        snprintf(tmp, sizeof tmp, "%.200s.%016llx.tmp", name, (unsigned long long)random_bits());
        fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) {
        close(dfd);
        return;
    }
    unsigned char head[24] = {'B', 'C', 'C', '2'};
    uint32_t kl = (uint32_t)keylen;
    uint64_t n = len, check = entry_check(key, keylen, data, len);
    memcpy(head + 4, &kl, 4);
    memcpy(head + 8, &n, 8);
    memcpy(head + 16, &check, 8);
    static const unsigned char zeros[8];
    int ok = bc_write_all(fd, head, sizeof head) == BC_OK &&
             bc_write_all(fd, key, keylen) == BC_OK &&
             bc_write_all(fd, zeros, PAD8(keylen) - keylen) == BC_OK &&
             bc_write_all(fd, data, len) == BC_OK;
    if (close(fd) != 0) ok = 0;
    if (!ok || renameat(dfd, tmp, dfd, name) != 0)
        unlinkat(dfd, tmp, 0);
    else
        evict(dfd, kind);
    close(dfd);
}

size_t bc_cache_file_id(const char *path, const struct stat *st, uint32_t version,
                        unsigned char *key, size_t cap)
{
    struct stat own;
    if (!st) {
        if (stat(path, &own) != 0) return 0;
        st = &own;
    }
    uint64_t parts[8] = {(uint64_t)st->st_dev,          (uint64_t)st->st_ino,
                         (uint64_t)st->st_size,         (uint64_t)st->st_mtim.tv_sec,
                         (uint64_t)st->st_mtim.tv_nsec, (uint64_t)st->st_ctim.tv_sec,
                         (uint64_t)st->st_ctim.tv_nsec, version};
    size_t plen = strlen(path);
    if (sizeof parts + plen > cap) return 0;
    memcpy(key, parts, sizeof parts);
    memcpy(key + sizeof parts, path, plen);
    return sizeof parts + plen;
}

uint64_t bc_cache_exe_key(uint32_t version)
{
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    return bc_cache_file_key(path, version);
}

uint64_t bc_cache_file_key(const char *path, uint32_t version)
{
    unsigned char key[BC_CACHE_KEY_MAX];
    size_t n = bc_cache_file_id(path, NULL, version, key, sizeof key);
    if (!n) return 0;
    uint64_t h = key_hash(key, n);
    return h ? h : 1;
}
