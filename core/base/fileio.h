/*
** fileio.h — the one door through which briefc reads a file on a brief's behalf.
**
** Every file a brief names or places (brief.lua, plugins, required modules, data read by
** plugins, the bibliography, brief fonts) and the shipped data read for it (hyphenation
** patterns) is opened here, and nowhere else. The door:
**   - resolves and pins the file with an O_PATH descriptor (which opens nothing: a FIFO does
**     not block, a device is not touched) and takes its real location from the kernel's name
**     for that descriptor (/proc/self/fd), links and ".." resolved;
**   - refuses a file whose real location is not inside one of the caller's roots, without
**     reading it (the message never shows the target or any of its content);
**   - checks the pinned file, not the path: fstat must show a regular file within the kind's
**     size cap;
**   - reopens that same file (through /proc/self/fd; without /proc, by its resolved path with
**     O_NOFOLLOW and a device and inode check) O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, so
**     a path swapped between the check and the open changes nothing;
**   - reads at most cap + 1 bytes, so a file that grows while it is read cannot pass the cap.
*/
#ifndef BC_FILEIO_H
#define BC_FILEIO_H

#include <stddef.h>
#include <sys/stat.h>

#include "base/util.h"

typedef enum {
    BC_FILE_LUA,  /* brief.lua, plugins, required modules */
    BC_FILE_DATA, /* ctx:read_text, ctx:csv, ctx:json */
    BC_FILE_BIB,  /* the bibliography */
    BC_FILE_FONT, /* TrueType fonts */
    BC_FILE_HYPH  /* hyphenation patterns */
} bc_file_kind;

/* Where a file may be: folders (any spelling; resolved on each use) and how messages name
   them ("the brief folder"). */
typedef struct bc_file_roots {
    const char *const *dirs; /* NULL-terminated */
    const char *where;
} bc_file_roots;

/* The largest file of a kind, in bytes. */
size_t bc_file_cap(bc_file_kind kind);

/*
** Opens path for reading through the door. shown names the file in messages (NULL: path).
** Returns a descriptor on a regular file no larger than the kind's cap, with its fstat in *st
** (may be NULL); -1 with err set (its file is shown) otherwise: BC_ERR-style refusals (outside
** the roots, not a regular file, too large) and system errors alike.
*/
int bc_file_open(const char *path, const char *shown, bc_file_kind kind, const bc_file_roots *roots,
                 struct stat *st, bc_error *err);

/* Reads all of an opened file into a NUL-terminated malloc'd block (*data, free it), at most
   cap + 1 bytes read. BC_ERR with err set when it is or grows too large, BC_EIO on a read
   error. Does not close fd. */
bc_status bc_file_read_fd(int fd, const char *shown, bc_file_kind kind, char **data, size_t *len,
                          bc_error *err);

/* bc_file_open, bc_file_read_fd and close in one. */
bc_status bc_file_read(const char *path, const char *shown, bc_file_kind kind,
                       const bc_file_roots *roots, char **data, size_t *len, bc_error *err);

#endif
