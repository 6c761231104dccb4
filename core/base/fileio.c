/*
** fileio.c — the one door through which briefc reads a file on a brief's behalf (fileio.h).
*/
#define _GNU_SOURCE
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    size_t cap;
    const char *name;
} kinds[] = {
    [BC_FILE_LUA] = {(size_t)4 << 20, "Lua source file"},
    [BC_FILE_DATA] = {(size_t)64 << 20, "data file"},
    [BC_FILE_BIB] = {(size_t)32 << 20, "bibliography"},
    [BC_FILE_FONT] = {(size_t)64 << 20, "font"},
    [BC_FILE_HYPH] = {(size_t)16 << 20, "hyphenation file"},
};

size_t bc_file_cap(bc_file_kind kind) { return kinds[kind].cap; }

/* Whether the resolved path lies strictly below the resolved folder dir. */
static int below(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/') return path[0] == '/' && path[1] != 0;
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* The kernel's name for what fd refers to, into out (PATH_MAX bytes); 0 when known. */
static int fd_name(int fd, char *out)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, out, PATH_MAX - 1);
    if (n <= 0 || n >= PATH_MAX - 1 || out[0] != '/') return -1;
    out[n] = 0;
    return 0;
}

/* The real location of path (links and ".." resolved) into out. With pin, the O_PATH
   descriptor that was resolved is kept for the caller: it refers to that very file whatever
   happens to the path later. O_PATH opens nothing for reading: a FIFO does not block, a
   device is not touched. 0 or an errno value. */
static int resolve(const char *path, char *out, int *pin)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return errno;
    if (fd_name(fd, out) != 0 && !realpath(path, out)) { /* no /proc */
        int e = errno;
        close(fd);
        return e;
    }
    if (pin)
        *pin = fd;
    else
        close(fd);
    return 0;
}

static int in_roots(const char *real, const bc_file_roots *roots)
{
    char dir[PATH_MAX];
    for (int i = 0; roots && roots->dirs && roots->dirs[i]; i++) {
        const char *d = roots->dirs[i];
        if (!strcmp(d, "/")) return real[1] != 0;
        if (d[0] && resolve(d, dir, NULL) == 0 && below(real, dir)) return 1;
    }
    return 0;
}

/* Appends the components of rel to the resolved path out (PATH_MAX bytes), following links
   as it goes, as far as they exist; the rest lexically. 0 when done, -1 when too long or too
   many links. Only ever chooses a message: nothing is read on its word. */
static int walk(char *out, const char *rel, int *hops)
{
    char comp[NAME_MAX + 1];
    while (*rel) {
        while (*rel == '/') rel++;
        size_t n = strcspn(rel, "/");
        if (!n) break;
        if (n >= sizeof comp) return -1;
        memcpy(comp, rel, n);
        comp[n] = 0;
        rel += n;
        if (!strcmp(comp, ".")) continue;
        if (!strcmp(comp, "..")) {
            char *slash = strrchr(out, '/');
            if (slash && slash != out)
                *slash = 0;
            else
                strcpy(out, "/");
            continue;
        }
        size_t folder = strlen(out), ol = folder;
        if (ol + 1 + n + 1 > PATH_MAX) return -1;
        if (out[ol - 1] != '/') out[ol++] = '/';
        memcpy(out + ol, comp, n + 1);
        struct stat st;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode)) continue;
        char target[PATH_MAX];
        ssize_t tl = readlink(out, target, sizeof target - 1);
        if (tl <= 0 || ++*hops > 40) return -1;
        target[tl] = 0;
        out[folder] = 0; /* back to the link's folder, or to the top for an absolute link */
        if (target[0] == '/') strcpy(out, "/");
        if (walk(out, target, hops) != 0) return -1;
    }
    return 0;
}

/* Whether path, links followed as far as they exist, stays inside a root. */
static int leads_inside(const char *path, const bc_file_roots *roots)
{
    char out[PATH_MAX];
    int hops = 0;
    if (path[0] == '/')
        strcpy(out, "/");
    else if (!getcwd(out, sizeof out))
        return 0;
    return walk(out, path, &hops) == 0 && in_roots(out, roots);
}

static int outside(const char *shown, const bc_file_roots *roots, bc_error *err)
{
    /* Neither where it leads nor anything read from it: the target is none of our business. */
    bc_error_set(err, shown, 0,
                 "'%s' is outside %s; copy the file inside rather than linking to it", shown,
                 roots && roots->where ? roots->where : "the folders briefc may read");
    return -1;
}

static int not_regular(const char *shown, mode_t mode, bc_error *err)
{
    const char *what = S_ISDIR(mode)                    ? "a folder"
                       : S_ISFIFO(mode)                 ? "a named pipe (FIFO)"
                       : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                       : S_ISSOCK(mode)                 ? "a socket"
                                                        : "not a plain file";
    bc_error_set(err, shown, 0, "'%s' is %s, not a regular file", shown, what);
    return -1;
}

static int too_large(const char *shown, bc_file_kind kind, bc_error *err)
{
    bc_error_set(err, shown, 0, "'%s' is larger than %zu MB, the limit for a %s", shown,
                 kinds[kind].cap >> 20, kinds[kind].name);
    return -1;
}

int bc_file_open(const char *path, const char *shown, bc_file_kind kind, const bc_file_roots *roots,
                 struct stat *st, bc_error *err)
{
    if (!shown) shown = path;
    /* Resolve and pin the file first; every check is made on the pinned file, and the file
       read is the same one, so a path swapped in between changes nothing. */
    char real[PATH_MAX];
    int pin = -1;
    int e = resolve(path, real, &pin);
    if (e) {
        /* Missing: said so only when the way to it stays inside the roots. A link leading out
           is "outside" whether or not its target exists, so nothing outside can be probed. */
        if (!leads_inside(path, roots)) return outside(shown, roots, err);
        bc_error_set(err, shown, 0, "cannot open '%s': %s", shown, strerror(e));
        return -1;
    }
    struct stat sb;
    if (!in_roots(real, roots)) {
        close(pin);
        return outside(shown, roots, err);
    }
    if (fstat(pin, &sb) != 0) {
        e = errno;
        close(pin);
        bc_error_set(err, shown, 0, "cannot open '%s': %s", shown, strerror(e));
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(pin);
        return not_regular(shown, sb.st_mode, err);
    }
    if ((unsigned long long)sb.st_size > kinds[kind].cap) {
        close(pin);
        return too_large(shown, kind, err);
    }
    /* Reopen the pinned file for reading; without /proc, open the resolved path with no link
       followed and check it is still the pinned file. O_NONBLOCK all the same. */
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", pin);
    int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    int fd = open(link, flags);
    if (fd < 0 && errno == ENOENT) fd = open(real, flags | O_NOFOLLOW);
    e = errno;
    close(pin);
    if (fd < 0) {
        if (e == ELOOP) return outside(shown, roots, err);
        bc_error_set(err, shown, 0, "cannot open '%s': %s", shown, strerror(e));
        return -1;
    }
    struct stat now;
    if (fstat(fd, &now) != 0 || now.st_dev != sb.st_dev || now.st_ino != sb.st_ino ||
        !S_ISREG(now.st_mode) || (unsigned long long)now.st_size > kinds[kind].cap) {
        close(fd);
        bc_error_set(err, shown, 0, "'%s' changed while it was opened; build again", shown);
        return -1;
    }
    if (st) *st = now;
    return fd;
}

bc_status bc_file_read_fd(int fd, const char *shown, bc_file_kind kind, char **data, size_t *len,
                          bc_error *err)
{
    size_t cap = kinds[kind].cap;
    struct stat sb;
    /* room for what fstat says plus one byte, so a file that did not grow is read in one go
       and its end seen at once; never more than cap + 1 */
    size_t size = fstat(fd, &sb) == 0 && sb.st_size > 0 ? (size_t)sb.st_size + 1 : 65536;
    if (size > cap + 1) size = cap + 1;
    char *buf = bc_xmalloc(size + 1);
    size_t got = 0;
    for (;;) {
        if (got == size) {
            if (size > cap) break; /* cap + 1 bytes: too large, whatever follows */
            size = size * 2 > cap + 1 ? cap + 1 : size * 2;
            buf = bc_xrealloc(buf, size + 1);
        }
        ssize_t k = read(fd, buf + got, size - got);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            int e = errno;
            free(buf);
            bc_error_set(err, shown, 0, "cannot read '%s': %s", shown, strerror(e));
            return BC_EIO;
        }
        if (k == 0) break;
        got += (size_t)k;
    }
    if (got > cap) {
        free(buf);
        too_large(shown, kind, err);
        return BC_ERR;
    }
    buf[got] = 0;
    *data = buf;
    *len = got;
    return BC_OK;
}

bc_status bc_file_read(const char *path, const char *shown, bc_file_kind kind,
                       const bc_file_roots *roots, char **data, size_t *len, bc_error *err)
{
    if (!shown) shown = path;
    int fd = bc_file_open(path, shown, kind, roots, NULL, err);
    if (fd < 0) return BC_ERR;
    bc_status st = bc_file_read_fd(fd, shown, kind, data, len, err);
    close(fd);
    return st;
}
