/*
** fileio.c — the one door through which briefc reads a file on a brief's behalf (fileio.h).
*/
#define _GNU_SOURCE
#include "fileio.h"

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

static int in_roots(const char *real, const bc_file_roots *roots)
{
    char dir[PATH_MAX];
    for (int i = 0; roots && roots->dirs && roots->dirs[i]; i++)
        if (roots->dirs[i][0] && realpath(roots->dirs[i], dir) && below(real, dir)) return 1;
    return 0;
}

static int outside(const char *shown, const bc_file_roots *roots, bc_error *err)
{
    /* Neither where it leads nor anything read from it: the target is none of our business. */
    bc_error_set(err, shown, 0, "'%s' is outside %s; copy the file inside rather than linking to it",
                 shown, roots && roots->where ? roots->where : "the folders briefc may read");
    return -1;
}

static int not_regular(const char *shown, mode_t mode, bc_error *err)
{
    const char *what = S_ISDIR(mode)    ? "a folder"
                       : S_ISFIFO(mode) ? "a named pipe (FIFO)"
                       : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                       : S_ISSOCK(mode) ? "a socket"
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

int bc_file_open(const char *path, const char *shown, bc_file_kind kind,
                 const bc_file_roots *roots, struct stat *st, bc_error *err)
{
    if (!shown) shown = path;
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        bc_error_set(err, shown, 0, "cannot open '%s': %s", shown, strerror(errno));
        return -1;
    }
    if (!in_roots(real, roots)) return outside(shown, roots, err);
    /* O_NONBLOCK: opening a FIFO for reading would wait for a writer; O_NOFOLLOW: real has no
       link left in its last part unless one was put there since */
    int fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        int e = errno;
        if (e == ENXIO) return not_regular(shown, S_IFSOCK, err);
        if (e == ELOOP) return outside(shown, roots, err);
        bc_error_set(err, shown, 0, "cannot open '%s': %s", shown, strerror(e));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        bc_error_set(err, shown, 0, "cannot open '%s': %s", shown, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return not_regular(shown, sb.st_mode, err);
    }
    if ((unsigned long long)sb.st_size > kinds[kind].cap) {
        close(fd);
        return too_large(shown, kind, err);
    }
    /* The descriptor, not the path: where the kernel says the open file is now. Without
       /proc, the file at the resolved path must still be the one opened. */
    char link[64], now[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, now, sizeof now - 1);
    int ok;
    if (n > 0) {
        now[n] = 0;
        ok = in_roots(now, roots);
    } else {
        struct stat again;
        ok = stat(real, &again) == 0 && again.st_dev == sb.st_dev && again.st_ino == sb.st_ino;
    }
    if (!ok) {
        close(fd);
        return outside(shown, roots, err);
    }
    if (st) *st = sb;
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
