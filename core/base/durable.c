/*
** durable.c — deferred flushing of a batch's outputs, one syncfs per file system (see
** durable.h).
*/
#define _GNU_SOURCE /* syncfs */
#include "base/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FS 16 /* file systems remembered; past that, each new one is flushed at once */

static int deferred;
static struct {
    dev_t dev;
    int fd;       /* a folder on it */
    char *folder; /* its name, for the message */
} fs[MAX_FS];
static int nfs;
static char *last; /* the folder noted last */
static int failed_errno;
static char *failed_folder;

void bc_durable_defer(int on) { deferred = on; }
int bc_durable_deferred(void) { return deferred; }

static void fail(int e, const char *folder)
{
    if (failed_errno) return;
    failed_errno = e ? e : EIO;
    failed_folder = bc_xstrdup(folder);
}

void bc_durable_note(const char *path)
{
    if (!path || !path[0]) return;
    const char *slash = strrchr(path, '/');
    char *folder =
        slash ? bc_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : bc_xstrdup(".");
    if (last && !strcmp(last, folder)) {
        free(folder);
        return;
    }
    free(last);
    last = folder;
    int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fail(errno, folder);
        if (fd >= 0) close(fd);
        return;
    }
    for (int i = 0; i < nfs; i++)
        if (fs[i].dev == st.st_dev) {
            close(fd);
            return;
        }
    if (nfs == MAX_FS) { /* unusual: flushed now rather than remembered */
        if (syncfs(fd) != 0) fail(errno, folder);
        close(fd);
        return;
    }
    fs[nfs].dev = st.st_dev;
    fs[nfs].fd = fd;
    fs[nfs++].folder = bc_xstrdup(folder);
}

bc_status bc_durable_sync(bc_error *err)
{
    for (int i = 0; i < nfs; i++) {
        if (syncfs(fs[i].fd) != 0) fail(errno, fs[i].folder);
        close(fs[i].fd);
        free(fs[i].folder);
    }
    nfs = 0;
    free(last);
    last = NULL;
    bc_status st = BC_OK;
    if (failed_errno)
        st = bc_error_set(err, failed_folder, 0,
                          "cannot make the PDFs written in '%s' durable: %s "
                          "(check the disk, then rerun with --resume)",
                          failed_folder, strerror(failed_errno));
    free(failed_folder);
    failed_folder = NULL;
    failed_errno = 0;
    return st;
}
