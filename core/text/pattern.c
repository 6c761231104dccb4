/*
** pattern.c — compiled Liang patterns (see pattern.h).
**
** One open-addressing table holds, for every pattern, its letters' hash with an offset into
** a pool of letters and digits, and for every proper prefix of a pattern a marker, so a
** match extends a substring only while some pattern could still begin with it.
*/
#include "text/pattern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

enum { IS_PREFIX = 1, IS_PATTERN = 2 };

typedef struct entry {
    uint64_t hash; /* 0: empty slot */
    uint32_t off;  /* pattern: letters at pool[off], then nletters + 1 digits */
    uint16_t n;    /* letters */
    uint16_t flags;
} entry;

struct bc_pattern {
    entry *t;
    size_t cap, used;
    unsigned char *pool;
    size_t npool, cappool;
    int borrowed; /* t and pool belong to a cache mapping */
    int moved;    /* the table grew (compiling: saved entry pointers are stale) */
};

#define FNV_BASIS 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t step(uint64_t h, unsigned char c) { return (h ^ c) * FNV_PRIME; }

static entry *slot(const bc_pattern *p, uint64_t h, size_t n)
{
    size_t i = (size_t)(h ^ (h >> 29) ^ n) & (p->cap - 1);
    while (p->t[i].hash && !(p->t[i].hash == h && p->t[i].n == n)) i = (i + 1) & (p->cap - 1);
    return &p->t[i];
}

static void grow(bc_pattern *p)
{
    bc_pattern old = *p;
    p->cap = bc_grow_cap(old.cap, 16384, sizeof *p->t);
    p->t = bc_xcalloc(p->cap, sizeof *p->t);
    for (size_t i = 0; i < old.cap; i++)
        if (old.t[i].hash) *slot(p, old.t[i].hash, old.t[i].n) = old.t[i];
    free(old.t);
    p->moved = 1;
}

static entry *insert(bc_pattern *p, uint64_t h, size_t n)
{
    if ((p->used + 1) * 4 > p->cap * 3) grow(p); /* at most 3/4 full */
    entry *e = slot(p, h, n);
    if (!e->hash) {
        e->hash = h;
        e->n = (uint16_t)n;
        p->used++;
    }
    return e;
}

/* The pool is sized for the whole file before compiling (pattern_room), so this only copies;
   growing is kept for safety. */
static uint32_t pool_add(bc_pattern *p, const unsigned char *s, size_t n)
{
    if (p->npool + n > p->cappool) {
        p->cappool = (p->npool + n) * 2;
        p->pool = bc_xrealloc(p->pool, p->cappool);
    }
    memcpy(p->pool + p->npool, s, n);
    p->npool += n;
    return (uint32_t)(p->npool - n);
}

/*
** The previous pattern's letters, the hash after each of them and their entries: .dic files
** are sorted, so a pattern mostly begins with letters whose prefix entries were just made,
** and those need no lookup. Entry pointers hold until the table grows (p->moved).
*/
typedef struct prev {
    unsigned char letters[64];
    uint64_t h[64];
    entry *e[64];
    size_t n;
} prev;

/* Adds one plain pattern: n letters and their n + 1 digits ("a2ch4": a, c, h and 0 2 0 4). */
static void add_pattern(bc_pattern *p, prev *pv, const unsigned char *letters,
                        const unsigned char *digits, size_t n)
{
    size_t same = 0;
    while (same < n && same < pv->n && letters[same] == pv->letters[same]) same++;
    uint64_t h = FNV_BASIS;
    p->moved = 0;
    for (size_t k = 0; k < n; k++) {
        entry *e;
        if (k < same && k + 1 < n) { /* a prefix entry that exists: mark it, nothing more */
            h = pv->h[k];
            e = pv->e[k];
            e->flags |= IS_PREFIX;
            continue;
        }
        h = step(h, letters[k]);
        e = insert(p, h | 1, k + 1);
        pv->h[k] = h;
        pv->e[k] = e;
        pv->letters[k] = letters[k];
        if (k + 1 < n) {
            e->flags |= IS_PREFIX;
            continue;
        }
        if (e->flags & IS_PATTERN) { /* the same letters twice: the larger digit wins */
            unsigned char *d = p->pool + e->off + n;
            for (size_t j = 0; j <= n; j++)
                if (digits[j] > d[j]) d[j] = digits[j];
            continue;
        }
        e->off = pool_add(p, letters, n);
        pool_add(p, digits, n + 1);
        e->flags |= IS_PATTERN;
    }
    pv->n = p->moved ? 0 : n; /* after a growth the saved entries point into freed memory */
}

/* The table and pool sized once for a file of len bytes: about one entry for every six bytes
   (English: 17,500 for 107 KB), at most 3/4 full; letters and digits take at most 2 len + 1. */
static void pattern_room(bc_pattern *p, size_t len)
{
    size_t want = len / 6 * 4 / 3, cap = 16384;
    while (cap < want && cap < ((size_t)1 << 22)) cap *= 2;
    p->cap = cap;
    p->t = bc_xcalloc(cap, sizeof *p->t);
    p->cappool = 2 * len + 1;
    p->pool = bc_xmalloc(p->cappool);
}

/*
** One line at a time, in one pass over its bytes: the first line (the encoding) and lines
** with a space, '%' or a capital (LEFTHYPHENMIN and the like, comments) are skipped; a line
** with '/' (non-standard hyphenation) or NEXTLEVEL sends the file to libhyphen; otherwise
** digits are the values before the letter that follows them (the last of two wins), every
** other byte a letter, and patterns longer than 64 letters (longer than any word briefc
** hyphenates) are left out.
*/
bc_pattern *bc_pattern_compile(const char *dic, size_t len)
{
    bc_pattern *p = bc_xcalloc(1, sizeof *p);
    pattern_room(p, len);
    prev *pv = bc_xcalloc(1, sizeof *pv);
    int first = 1, any = 0;
    for (const char *s = dic, *end = dic + len; s < end;) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        const char *line_end = eol ? eol : end;
        const char *next = eol ? eol + 1 : end;
        size_t n = (size_t)(line_end - s);
        while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
        if (n >= 9 && !memcmp(s, "NEXTLEVEL", 9)) goto needs_libhyphen;
        int skip = first;
        first = 0;
        unsigned char letters[64], digits[65];
        size_t nl = 0;
        int slash = 0, toolong = 0;
        digits[0] = 0;
        for (size_t i = 0; i < n && !skip; i++) {
            unsigned char c = (unsigned char)s[i];
            if ((unsigned)(c - '0') < 10) {
                if (nl <= sizeof letters) digits[nl] = (unsigned char)(c - '0');
                continue;
            }
            if (c < 'a' && c != '.') { /* rare in patterns: the tests only then */
                skip = c == ' ' || c == '%' || (c >= 'A' && c <= 'Z');
                slash |= c == '/';
            }
            if (nl < sizeof letters) {
                letters[nl++] = c;
                digits[nl] = 0;
            } else {
                toolong = 1;
            }
        }
        if (!skip && n) {
            if (slash) goto needs_libhyphen;
            if (nl && !toolong) add_pattern(p, pv, letters, digits, nl);
            any = 1;
        }
        s = next;
    }
    free(pv);
    if (!any) goto needs_libhyphen_freed;
    return p;
needs_libhyphen:
    free(pv);
needs_libhyphen_freed:
    bc_pattern_free(p);
    return NULL;
}

void bc_pattern_free(bc_pattern *p)
{
    if (!p) return;
    if (!p->borrowed) {
        free(p->t);
        free(p->pool);
    }
    free(p);
}

void bc_pattern_save(const bc_pattern *p, bc_buf *out)
{
    uint64_t head[3] = {p->cap, p->used, p->npool};
    bc_buf_add(out, head, sizeof head);
    bc_buf_add(out, p->t, p->cap * sizeof *p->t);
    bc_buf_add(out, p->pool, p->npool);
}

/* The view of bc_pattern_view; every entry checked unless whole (a table of the program). */
static bc_pattern *view(const unsigned char *data, size_t len, int whole)
{
    uint64_t head[3];
    if (!data || len < sizeof head || ((uintptr_t)data & 7)) return NULL;
    memcpy(head, data, sizeof head);
    uint64_t cap = head[0], used = head[1], npool = head[2];
    if (cap == 0 || (cap & (cap - 1)) || cap > ((uint64_t)1 << 24) || used >= cap ||
        npool > ((uint64_t)1 << 28) || sizeof head + cap * sizeof(entry) + npool != len)
        return NULL;
    const entry *t = (const entry *)(data + sizeof head);
    uint64_t full = whole ? used : 0;
    for (uint64_t i = 0; i < cap && !whole; i++) {
        if (!t[i].hash) continue;
        full++;
        if (t[i].n == 0 || t[i].n > 64) return NULL;
        if ((t[i].flags & IS_PATTERN) && (uint64_t)t[i].off + 2 * (uint64_t)t[i].n + 1 > npool)
            return NULL;
    }
    if (full != used) return NULL; /* and so at least one empty slot: lookups end */
    bc_pattern *p = bc_xcalloc(1, sizeof *p);
    p->t = (entry *)t;
    p->cap = (size_t)cap;
    p->used = (size_t)used;
    p->pool = (unsigned char *)(data + sizeof head + cap * sizeof(entry));
    p->npool = p->cappool = (size_t)npool;
    p->borrowed = 1;
    return p;
}

bc_pattern *bc_pattern_view(const unsigned char *data, size_t len) { return view(data, len, 0); }

uint64_t bc_pattern_text_hash(const char *dic, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) { /* eight bytes a step: 107 KB in about 70 K instructions */
        uint64_t w;
        memcpy(&w, dic + i, sizeof w);
        h = (h ^ w) * FNV_PRIME;
        h ^= h >> 29;
    }
    for (; i < len; i++) h = (h ^ (unsigned char)dic[i]) * FNV_PRIME;
    return h ^ h >> 32;
}

int bc_pattern_builtin_sized(uint64_t len)
{
    for (const bc_pattern_builtin *b = bc_pattern_builtins; b->data; b++)
        if (b->size == len) return 1;
    return 0;
}

bc_pattern *bc_pattern_builtin_for(const char *dic, size_t len)
{
    if (!bc_pattern_builtin_sized(len)) return NULL;
    uint64_t h = bc_pattern_text_hash(dic, len);
    for (const bc_pattern_builtin *b = bc_pattern_builtins; b->data; b++)
        if (b->size == len && b->hash == h) return view((const unsigned char *)b->data, b->len, 1);
    return NULL;
}

void bc_pattern_values(const bc_pattern *p, const char *low, size_t n, unsigned char *hy)
{
    memset(hy, 0, n);
    if (n == 0 || n > 250) return;
    unsigned char w[256];
    w[0] = '.';
    memcpy(w + 1, low, n);
    w[n + 1] = '.';
    size_t m = n + 2;
    for (size_t i = 0; i < m; i++) {
        uint64_t h = FNV_BASIS;
        for (size_t j = i; j < m; j++) {
            h = step(h, w[j]);
            size_t len = j - i + 1;
            const entry *e = slot(p, h | 1, len);
            if (!e->hash) break;
            if (e->flags & IS_PATTERN && !memcmp(p->pool + e->off, w + i, len)) {
                const unsigned char *d = p->pool + e->off + len;
                for (size_t k = 0; k <= len; k++) {
                    /* digit k sits before letter k: between dotted i+k-1 and i+k, which is
                       after the word's letter i+k-2 */
                    if (i + k < 2 || i + k - 2 >= n) continue;
                    if (d[k] > hy[i + k - 2]) hy[i + k - 2] = d[k];
                }
            }
            if (!(e->flags & IS_PREFIX)) break;
        }
    }
}
