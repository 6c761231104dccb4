/*
** cache.h — an on-disk cache of data derived from files that rarely change (compiled
** hyphenation patterns), so a build does not redo work whose inputs are the same.
**
** Files live in $BRIEFC_CACHE_DIR, else $XDG_CACHE_HOME/briefc, else ~/.cache/briefc; an
** empty BRIEFC_CACHE_DIR turns the cache off. A key names the inputs (callers hash the
** source file's path, size and modification time with a format version), so a changed input
** simply misses. Entries are written to a temporary name and renamed, so readers see a whole
** file or none; a cache that cannot be read or written is skipped silently, since it only
** ever saves time. Readers must still check what they map: the folder may be shared.
*/
#ifndef BC_CACHE_H
#define BC_CACHE_H

#include <stddef.h>
#include <stdint.h>

typedef struct bc_cached {
    const unsigned char *data; /* the payload, 8-byte aligned */
    size_t len;
    void *base;                /* the mapping, for bc_cache_unmap */
    size_t size;
} bc_cached;

/* Whether there is a cache folder to use (BRIEFC_CACHE_DIR is not empty, or a home). */
int bc_cache_enabled(void);

/* Maps the entry (kind, key) read-only into *out; 0 when there is none. */
int bc_cache_map(const char *kind, uint64_t key, bc_cached *out);
void bc_cache_unmap(bc_cached *c);

/* Stores len bytes as the entry (kind, key), replacing any; failures are ignored. */
void bc_cache_store(const char *kind, uint64_t key, const void *data, size_t len);

/* A key from a file's identity (path, size, modification time) and a format version; 0 when
   the file cannot be examined. */
uint64_t bc_cache_file_key(const char *path, uint32_t version);

#endif
