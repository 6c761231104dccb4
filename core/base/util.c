/*
** util.c — memory policy, buffers, arenas, error records and small file helpers.
*/
#include "base/util.h"
#include "base/excerpt.h"
#include "base/fileio.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* {====================================================== errors */

void bc_error_clear(bc_error *e)
{
    if (!e) return;
    e->file[0] = 0;
    e->line = 0;
    e->msg[0] = 0;
    e->detail[0] = 0;
}

bc_status bc_error_set(bc_error *e, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (!e) return BC_ERR;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->line = line;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->detail[0] = 0;
    return BC_ERR;
}

static int color_mode = -1; /* --color: -1 auto, 0 never, 1 always */

int bc_color_parse(const char *when)
{
    int m = !when                     ? -2
            : !strcmp(when, "auto")   ? -1
            : !strcmp(when, "always") ? 1
            : !strcmp(when, "never")  ? 0
                                      : -2;
    if (m == -2) return -1;
    color_mode = m;
    return 0;
}

int bc_color_stderr(void)
{
    if (color_mode >= 0) return color_mode;
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    if (no && no[0]) return 0; /* https://no-color.org */
    if (term && !strcmp(term, "dumb")) return 0;
    return isatty(2);
}

void bc_error_print(const bc_error *e, const char *prog)
{
    int c = bc_color_stderr(); /* as gcc: the place bold, "error:" bold red */
    const char *b = c ? "\033[1m" : "", *r = c ? "\033[1;31m" : "", *o = c ? "\033[0m" : "";
    int line = e->line;
    char fixed[2300];
    const char *msg = e->msg;
    if (e->file[0] &&
        bc_excerpt_missing_comma(e->file, e->line, e->msg, &line, fixed, sizeof fixed))
        msg = fixed;
    if (e->file[0] && line > 0) {
        fprintf(stderr, "%s%s:%d:%s %serror:%s %s\n", b, e->file, line, o, r, o, msg);
        bc_excerpt_print(stderr, e->file, line, msg, c);
    } else {
        fprintf(stderr, "%s%s:%s %serror:%s %s\n", b, e->file[0] ? e->file : prog, o, r, o, msg);
    }
    if (e->detail[0]) fprintf(stderr, "%s\n", e->detail);
}

void bc_warnings_print(const char *text)
{
    if (!bc_color_stderr()) {
        fputs(text, stderr);
        return;
    }
    for (const char *line = text;
         *line;) { /* "place: warning: message": place bold, then magenta */
        const char *nl = strchr(line, '\n'), *end = nl ? nl + 1 : line + strlen(line);
        const char *w = strstr(line, "warning: ");
        if (w && w < end && (w == line || (w - line >= 2 && w[-1] == ' ' && w[-2] == ':')))
            fprintf(stderr, "\033[1m%.*s\033[0m\033[1;35mwarning:\033[0m%.*s", (int)(w - line),
                    line, (int)(end - w - 8), w + 8);
        else
            fwrite(line, 1, (size_t)(end - line), stderr);
        line = end;
    }
}

/* }====================================================== */

/* {====================================================== memory */

static void oom(size_t n)
{
    fprintf(stderr, "briefc: fatal: out of memory allocating %zu bytes\n", n);
    abort();
}

void *bc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *bc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom(n * size);
    return p;
}

void *bc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

size_t bc_grow_cap(size_t cap, size_t first, size_t elem)
{
    size_t to = cap ? cap * 2 : first;
    if (to < cap || to > INT_MAX || (elem && to > SIZE_MAX / elem)) oom(SIZE_MAX);
    return to;
}

char *bc_xstrdup(const char *s) { return bc_xstrndup(s, strlen(s)); }

char *bc_xstrndup(const char *s, size_t n)
{
    char *p = bc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* }====================================================== */

/* {====================================================== buffers */

static void buf_grow(bc_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    b->data = bc_xrealloc(b->data, cap);
    b->cap = cap;
}

void bc_buf_add(bc_buf *b, const void *p, size_t n)
{
    buf_grow(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void bc_buf_adds(bc_buf *b, const char *s) { bc_buf_add(b, s, strlen(s)); }

void bc_buf_reserve(bc_buf *b, size_t n) { buf_grow(b, n); }

void bc_buf_uint(bc_buf *b, unsigned long long v)
{
    char s[24];
    size_t n = 0;
    do {
        s[sizeof s - ++n] = (char)('0' + v % 10);
    } while (v /= 10);
    bc_buf_add(b, s + sizeof s - n, n);
}

void bc_buf_int(bc_buf *b, long long v)
{
    if (v < 0) {
        bc_buf_addc(b, '-');
        bc_buf_uint(b, 0ULL - (unsigned long long)v); /* LLONG_MIN too */
    } else {
        bc_buf_uint(b, (unsigned long long)v);
    }
}

void bc_buf_printf(bc_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    /* straight into the room there is (formatting twice only when it does not fit) */
    buf_grow(b, 63);
    size_t room = b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n >= room) {
        buf_grow(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    if (n < 0) {
        b->data[b->len] = 0;
        return;
    }
    b->len += (size_t)n;
}

void bc_buf_free(bc_buf *b)
{
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* }====================================================== */

/* {====================================================== arena */

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char mem[];
} chunk;

struct bc_arena {
    chunk *head;
    size_t bytes; /* held from the system, chunk headers included */
};

bc_arena *bc_arena_new(void) { return bc_xcalloc(1, sizeof(bc_arena)); }

void *bc_arena_alloc(bc_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > 32768 ? n : 32768;
        c = bc_xmalloc(sizeof(chunk) + size);
        a->bytes += sizeof(chunk) + size;
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->mem + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

size_t bc_arena_bytes(const bc_arena *a) { return a ? a->bytes : 0; }

char *bc_arena_strndup(bc_arena *a, const char *s, size_t n)
{
    char *p = bc_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *bc_arena_strdup(bc_arena *a, const char *s) { return bc_arena_strndup(a, s, strlen(s)); }

char *bc_arena_printf(bc_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = bc_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void bc_arena_free(bc_arena *a)
{
    if (!a) return;
    chunk *c = a->head;
    while (c) {
        chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

/* }====================================================== */

bc_status bc_read_file(const char *path, char **data, size_t *len, bc_error *err)
{
    /* a file named by the user, not by a brief: anywhere, but still a regular file of a
       bounded size, opened without blocking (fileio.h) */
    static const char *const anywhere[] = {"/", NULL};
    bc_file_roots roots = {anywhere, "the file system"};
    bc_status st = bc_file_read(path, path, BC_FILE_DATA, &roots, data, len, err);
    return st == BC_OK ? BC_OK : BC_EIO;
}

double bc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

bc_status bc_read_all(int fd, void *data, size_t n)
{
    char *p = data;
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return BC_EIO;
        p += k;
        n -= (size_t)k;
    }
    return BC_OK;
}

bc_status bc_write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return BC_EIO;
        p += k;
        n -= (size_t)k;
    }
    return BC_OK;
}

void bc_fput_json_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
}
