/*
** cache.h — an on-disk cache of data derived from files that rarely change (compiled
** hyphenation patterns, kerning tables, font subsets, set text), so a build does not redo work
** whose inputs are the same.
**
** Files live in $BRIEFC_CACHE_DIR, else $XDG_CACHE_HOME/briefc, else ~/.cache/briefc; an
** empty BRIEFC_CACHE_DIR turns the cache off. The folder is made 0700; one that is a symbolic
** link, belongs to another user or can be written by others is not used (one warning, then the
** build goes on without a cache). A key is the full description of an entry's inputs (callers
** put in the source file's identity, bc_cache_file_id, and a format version); the file name is
** a hash of it, and the whole key is stored in the entry and compared on reading, so an entry
** copied or renamed over another is a miss. Entries are written under an unpredictable name
** opened O_EXCL|O_NOFOLLOW and renamed into place, so readers see a whole file or none and a
** link planted in the folder is never written through; entries are opened O_NOFOLLOW and must
** be regular files of ours. A cache that cannot be read or written is skipped silently, since
** it only ever saves time. Readers must still check what they map.
*/
#ifndef BC_CACHE_H
#define BC_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

typedef struct bc_cached {
    const unsigned char *data; /* the payload, 8-byte aligned */
    size_t len;
    void *base; /* the mapping, for bc_cache_unmap */
    size_t size;
} bc_cached;

#define BC_CACHE_KEY_MAX 4096 /* longest key, in bytes */

/* Whether there is a cache folder to use (BRIEFC_CACHE_DIR is not empty, or a home). */
int bc_cache_enabled(void);
/* Whether the cache folder is there (a build before it is made has nothing cached). */
int bc_cache_folder_exists(void);

/* Maps the entry (kind, key) read-only into *out; 0 when there is none, or when the entry
   found was made for another key. */
int bc_cache_map(const char *kind, const void *key, size_t keylen, bc_cached *out);
void bc_cache_unmap(bc_cached *c);

/* Stores len bytes as the entry (kind, key), replacing any; failures are ignored. */
void bc_cache_store(const char *kind, const void *key, size_t keylen, const void *data, size_t len);

/*
** Key bytes naming a file as it is: its path, device, inode, size, modification and change
** times (from st, the fstat of the descriptor read when there is one, else a stat of path)
** and a format version. Writes at most cap bytes to key; returns the length, 0 when the file
** cannot be examined.
*/
size_t bc_cache_file_id(const char *path, const struct stat *st, uint32_t version,
                        unsigned char *key, size_t cap);

/* A 64-bit key from bc_cache_file_id (for keys kept inside other entries); 0 when the file
   cannot be examined. */
uint64_t bc_cache_file_key(const char *path, uint32_t version);

/* The running briefc executable's key (bc_cache_file_key of /proc/self/exe, the link read
   rather than followed, so that a tool running briefc under itself answers for briefc);
   0 when unknown: then nothing derived by this build of briefc may be kept. */
uint64_t bc_cache_exe_key(uint32_t version);

#endif
