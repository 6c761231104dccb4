/*
** util.h — memory policy, growable buffers, arenas and error records shared by every module.
**
** Out-of-memory policy (written once, here): allocation through bc_xmalloc and friends aborts
** with a message, as Redis's zmalloc does. The only heap that may fail softly is the Lua heap
** (see luahost.c), whose capped allocator turns a plugin's memory bomb into a plugin error.
*/
#ifndef BC_UTIL_H
#define BC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Status codes returned across module boundaries. */
typedef enum {
    BC_OK = 0,
    BC_ERR = 1, /* the input is wrong: message in the bc_error */
    BC_EIO = 2  /* the system failed us (disk full, permission) */
} bc_status;

/* A diagnostic in compiler style: "file:line: error: message". */
typedef struct bc_error {
    char file[512];    /* file at fault, or "" */
    int line;          /* 1-based line, 0 when unknown */
    char msg[2048];    /* what went wrong, lowercase, no trailing period */
    char detail[4096]; /* optional extra lines (traceback, section context) */
} bc_error;

void bc_error_clear(bc_error *e);
bc_status bc_error_set(bc_error *e, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void bc_error_print(const bc_error *e, const char *prog);
/* --color=WHEN: "auto", "always" or "never"; returns 0, or -1 for anything else. */
int bc_color_parse(const char *when);
/* Whether diagnostics on stderr get colour: --color, else NO_COLOR, TERM=dumb, a terminal. */
int bc_color_stderr(void);
/* Prints lines of "place: warning: message" to stderr, coloured as errors are. */
void bc_warnings_print(const char *text);

void *bc_xmalloc(size_t n);
void *bc_xcalloc(size_t n, size_t size);
void *bc_xrealloc(void *p, size_t n);
char *bc_xstrdup(const char *s);
char *bc_xstrndup(const char *s, size_t n);

/* The capacity after cap for an array of elem-byte elements that is full: first, then twice
   as many; stops as bc_xmalloc does when that would pass INT_MAX elements or SIZE_MAX bytes. */
size_t bc_grow_cap(size_t cap, size_t first, size_t elem);
/*
** Makes room for one more element in a growable array v of cap elements of which n are in
** use: when it is full, cap grows (to first, then doubling) and v is reallocated. n and cap
** may be int or size_t.
**     BC_GROW(o->v, o->n, o->cap, 256);
**     o->v[o->n++] = x;
*/
#define BC_GROW(v, n, cap, first)                                                  \
    do {                                                                           \
        if ((size_t)(n) >= (size_t)(cap)) {                                        \
            size_t bc_grow_to_ = bc_grow_cap((size_t)(cap), (first), sizeof *(v)); \
            (v) = bc_xrealloc((v), bc_grow_to_ * sizeof *(v));                     \
            (cap) = bc_grow_to_;                                                   \
        }                                                                          \
    } while (0)

/* Growable byte buffer; always NUL-terminated when data != NULL. */
typedef struct bc_buf {
    char *data;
    size_t len, cap;
} bc_buf;

void bc_buf_add(bc_buf *b, const void *p, size_t n);
void bc_buf_adds(bc_buf *b, const char *s);
/* Makes room for n more bytes (and the NUL), so that n bytes can be stored directly. */
void bc_buf_reserve(bc_buf *b, size_t n);

/* One byte; inline because content streams are written a byte at a time. */
static inline void bc_buf_addc(bc_buf *b, char c)
{
    if (b->len + 2 <= b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = 0;
    } else {
        bc_buf_add(b, &c, 1);
    }
}
void bc_buf_printf(bc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A whole number in decimal, as "%llu" / "%lld" print it, without printf's cost (about 1 K
   instructions a call: the structure tree writes a number for each of its references). */
void bc_buf_uint(bc_buf *b, unsigned long long v);
void bc_buf_int(bc_buf *b, long long v);
void bc_buf_free(bc_buf *b);

/* Arena: many small allocations freed at once (one per document). */
typedef struct bc_arena bc_arena;
bc_arena *bc_arena_new(void);
void *bc_arena_alloc(bc_arena *a, size_t n); /* zeroed, 16-byte aligned */
char *bc_arena_strdup(bc_arena *a, const char *s);
char *bc_arena_strndup(bc_arena *a, const char *s, size_t n);
char *bc_arena_printf(bc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bc_arena_free(bc_arena *a);
/* Bytes the arena holds from the system (what a memory budget charges for it). */
size_t bc_arena_bytes(const bc_arena *a);
/*
** BC_GROW for an array in arena a: when full, a larger one (first, then doubling) is taken
** from the arena and the n elements in use copied; the old one stays in the arena until it
** is freed. Needs <string.h>.
**     BC_ARENA_GROW(m->a, o->blocks, o->nblocks, m->cap_blocks, 16);
*/
#define BC_ARENA_GROW(a, v, n, cap, first)                                         \
    do {                                                                           \
        if ((size_t)(n) >= (size_t)(cap)) {                                        \
            size_t bc_grow_to_ = bc_grow_cap((size_t)(cap), (first), sizeof *(v)); \
            void *bc_grow_v_ = bc_arena_alloc((a), bc_grow_to_ * sizeof *(v));     \
            if ((n) > 0) memcpy(bc_grow_v_, (v), (size_t)(n) * sizeof *(v));       \
            (v) = bc_grow_v_;                                                      \
            (cap) = bc_grow_to_;                                                   \
        }                                                                          \
    } while (0)

/* Whole-file read of a file the user named (not a brief: those go through fileio.h with
   their roots): a regular file of at most 64 MB. On failure sets err (naming the path) and
   returns BC_EIO. */
bc_status bc_read_file(const char *path, char **data, size_t *len, bc_error *err);

/* Writes all n bytes to fd, again after short writes and EINTR. BC_EIO with errno set on
   failure. */
bc_status bc_write_all(int fd, const void *data, size_t n);

/* Reads exactly n bytes from fd, again after short reads and EINTR. BC_EIO at end of file or
   on an error (errno set then). */
bc_status bc_read_all(int fd, void *data, size_t n);

/* Monotonic clock in seconds. */
double bc_now(void);

/* Writes s to f as the body of a JSON string (no quotes): quotes, backslashes and control
   characters escaped, everything else as it is (UTF-8 passes through). s may be NULL. */
void bc_fput_json_text(FILE *f, const char *s);

#endif
