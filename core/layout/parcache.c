/*
** parcache.c — set text kept in memory and on disk (see parcache.h).
**
** Entries live in a chained hash table; in memory their lines, operations and texts are
** copies in the cache's arena, read from disk they point into the mapped file. The file:
**   u32 magic, u32 format, u64 context, u64 entry count, the entries, u64 hash of all before.
** An entry, in 8-byte aligned parts: a head (par_head), the key, bc_par_line[nlines],
** bc_op[nops] with each text as an offset into the strings, the strings (each with a NUL, as
** links are read as C strings).
*/
#include "layout/parcache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/cache.h"
#include "base/util.h"

#define MAGIC 0x31504342u /* "BCP1" */
#define FORMAT 1u
#define PAD8(n) (((n) + 7) & ~(size_t)7)

struct bc_parcache {
    bc_arena *a;
    bc_par **slot;
    size_t cap, n;
    int disk;       /* entries may go to disk */
    char *file_key; /* the cache entry's key (cache.h): the context, then the brief's name */
    size_t file_keylen;
    uint64_t ctx; /* the context entries were made in */
    bc_cached map;
    int added; /* entries made this build that may go to disk */
};

typedef struct par_head {
    uint64_t hash;
    uint32_t keylen, nlines, nops, fonts;
    uint64_t strlen;
    uint64_t fontkey[BC_FONT_SLOTS];
    bc_layout_stats stats;
} par_head;

uint64_t bc_parcache_hash(const void *key, size_t len)
{
    const unsigned char *s = key;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

/* A 64-bit hash of len bytes (len a multiple of 8): four lanes, so it runs at memory speed. */
static uint64_t blob_hash(const unsigned char *p, size_t len)
{
    uint64_t h[4] = {1469598103934665603ULL, 2, 3, 4};
    size_t i = 0;
    for (; i + 32 <= len; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, p + i + 8 * k, 8);
            h[k] = (h[k] ^ w) * 1099511628211ULL;
        }
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h[0] = (h[0] ^ w) * 1099511628211ULL;
    }
    return h[0] ^ (h[1] << 1) ^ (h[2] << 2) ^ (h[3] << 3);
}

bc_parcache *bc_parcache_new(void)
{
    bc_parcache *c = bc_xcalloc(1, sizeof *c);
    c->a = bc_arena_new();
    c->cap = 256;
    c->slot = bc_xcalloc(c->cap, sizeof *c->slot);
    return c;
}

void bc_parcache_free(bc_parcache *c)
{
    if (!c) return;
    bc_cache_unmap(&c->map);
    free(c->file_key);
    bc_arena_free(c->a);
    free(c->slot);
    free(c);
}

static void grow(bc_parcache *c)
{
    size_t cap = bc_grow_cap(c->cap, 64, sizeof(bc_par *));
    bc_par **slot = bc_xcalloc(cap, sizeof *slot);
    for (size_t i = 0; i < c->cap; i++)
        for (bc_par *e = c->slot[i], *next; e; e = next) {
            next = e->next;
            e->next = slot[e->hash & (cap - 1)];
            slot[e->hash & (cap - 1)] = e;
        }
    free(c->slot);
    c->slot = slot;
    c->cap = cap;
}

static void insert(bc_parcache *c, bc_par *e)
{
    e->next = c->slot[e->hash & (c->cap - 1)];
    c->slot[e->hash & (c->cap - 1)] = e;
    if (++c->n > c->cap) grow(c);
}

/* Reads n entries from d[at, end) into the cache; 0 when they are not valid ones. */
static int read_entries(bc_parcache *c, const unsigned char *d, size_t at, size_t end, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) {
        par_head h;
        if (end - at < sizeof h) return 0;
        memcpy(&h, d + at, sizeof h);
        at += PAD8(sizeof h);
        size_t need = PAD8(h.keylen) + (size_t)h.nlines * sizeof(bc_par_line) +
                      (size_t)h.nops * sizeof(bc_op) + PAD8(h.strlen);
        if (h.keylen > end || h.nlines > end || h.nops > end || h.strlen > end || end - at < need ||
            h.fonts >> BC_FONT_SLOTS)
            return 0;
        bc_par *e = bc_arena_alloc(c->a, sizeof *e);
        e->hash = h.hash;
        e->key = (const char *)d + at;
        e->keylen = h.keylen;
        at += PAD8(h.keylen);
        e->lines = (const bc_par_line *)(const void *)(d + at);
        e->nlines = (int)h.nlines;
        at += (size_t)h.nlines * sizeof(bc_par_line);
        e->ops = (const bc_op *)(const void *)(d + at);
        e->nops = (int)h.nops;
        at += (size_t)h.nops * sizeof(bc_op);
        e->strbase = (const char *)d + at;
        e->strlen = h.strlen;
        at += PAD8(h.strlen);
        for (int k = 0; k < e->nlines; k++)
            if (e->lines[k].op0 < 0 || e->lines[k].nop < 0 || e->lines[k].op0 > e->nops ||
                e->lines[k].nop > e->nops - e->lines[k].op0 || !isfinite(e->lines[k].width))
                return 0;
        for (int k = 0; k < e->nops; k++) { /* what pagination and drawing will rely on */
            const bc_op *op = &e->ops[k];
            uintptr_t off = (uintptr_t)op->text;
            if (!isfinite(op->x) || !isfinite(op->y) || !isfinite(op->w) || !isfinite(op->h) ||
                !isfinite(op->size))
                return 0;
            if (op->kind == BC_OP_NOTE) continue;
            if ((op->kind != BC_OP_TEXT && op->kind != BC_OP_LINK) || op->font >= BC_FONT_SLOTS ||
                off >= e->strlen || op->len >= e->strlen - off || e->strbase[off + op->len])
                return 0;
        }
        e->stats = h.stats;
        e->fonts = h.fonts;
        memcpy(e->fontkey, h.fontkey, sizeof e->fontkey);
        e->from_disk = e->keep = 1;
        insert(c, e);
    }
    return at == end;
}

/* Reads a mapped file into the cache; 0 when it is not a valid one for this context. */
static int read_file(bc_parcache *c, const unsigned char *d, size_t len)
{
    if (len < 32 || len % 8) return 0;
    uint32_t magic, format;
    uint64_t ctx, n, hash;
    memcpy(&magic, d, 4);
    memcpy(&format, d + 4, 4);
    memcpy(&ctx, d + 8, 8);
    memcpy(&n, d + 16, 8);
    memcpy(&hash, d + len - 8, 8);
    if (magic != MAGIC || format != FORMAT || ctx != c->ctx || blob_hash(d, len - 8) != hash)
        return 0;
    return read_entries(c, d, 24, len - 8, n);
}

int bc_parcache_attach(bc_parcache *c, const char *name, uint64_t ctx)
{
    if (!name || !ctx || !bc_cache_enabled()) return 0;
    c->disk = 1;
    c->ctx = ctx;
    /* the whole name is the key, not a hash of it: another brief's entry never matches */
    size_t nl = strlen(name);
    free(c->file_key);
    c->file_keylen = sizeof ctx + nl;
    c->file_key = bc_xmalloc(c->file_keylen);
    memcpy(c->file_key, &ctx, sizeof ctx);
    memcpy(c->file_key + sizeof ctx, name, nl);
    if (bc_cache_map("para", c->file_key, c->file_keylen, &c->map) &&
        !read_file(c, c->map.data, c->map.len)) {
        /* damaged: forget what was read (the file is replaced at the next save) */
        memset(c->slot, 0, c->cap * sizeof *c->slot);
        c->n = 0;
        bc_cache_unmap(&c->map);
    }
    return 1;
}

int bc_parcache_on_disk(const bc_parcache *c) { return c->disk; }

bc_par *bc_parcache_find(bc_parcache *c, uint64_t hash, const void *key, size_t len)
{
    for (bc_par *e = c->slot[hash & (c->cap - 1)]; e; e = e->next)
        if (e->hash == hash && !e->dead && e->keylen == len && !memcmp(e->key, key, len)) {
            e->used = 1;
            return e;
        }
    return NULL;
}

void bc_parcache_reject(bc_par *e) { e->dead = 1; }

bc_par *bc_parcache_add(bc_parcache *c, uint64_t hash, const void *key, size_t len,
                        const bc_par *made, int keep)
{
    bc_par *e = bc_arena_alloc(c->a, sizeof *e);
    *e = *made;
    e->hash = hash;
    char *k = bc_arena_alloc(c->a, len);
    memcpy(k, key, len);
    e->key = k;
    e->keylen = len;
    bc_par_line *lines =
        bc_arena_alloc(c->a, (size_t)(made->nlines ? made->nlines : 1) * sizeof *lines);
    if (made->nlines) memcpy(lines, made->lines, (size_t)made->nlines * sizeof *lines);
    e->lines = lines;
    bc_op *ops = bc_arena_alloc(c->a, (size_t)(made->nops ? made->nops : 1) * sizeof *ops);
    for (int i = 0; i < made->nops; i++) {
        ops[i] = made->ops[i];
        if (ops[i].kind == BC_OP_TEXT || ops[i].kind == BC_OP_LINK) /* may be per pass */
            ops[i].text = bc_arena_strndup(c->a, ops[i].text, ops[i].len);
    }
    e->ops = ops;
    e->warnings = NULL;
    if (made->nwarnings) {
        char *w = bc_arena_alloc(c->a, made->nwarnings);
        memcpy(w, made->warnings, made->nwarnings);
        e->warnings = w;
    }
    e->strbase = NULL;
    e->from_disk = e->checked = e->dead = 0;
    e->used = 1;
    e->keep = keep && c->disk;
    c->added += e->keep;
    insert(c, e);
    return e;
}

const char *bc_par_text(const bc_par *e, const bc_op *op)
{
    return e->strbase ? e->strbase + (uintptr_t)op->text : op->text;
}

/* Appends entry e to a file being written. */
static void write_entry(bc_buf *b, const bc_par *e)
{
    static const char zero[8];
    size_t strl = 0;
    for (int i = 0; i < e->nops; i++)
        if (e->ops[i].kind != BC_OP_NOTE) strl += e->ops[i].len + 1;
    par_head h;
    memset(&h, 0, sizeof h);
    h.hash = e->hash;
    h.keylen = (uint32_t)e->keylen;
    h.nlines = (uint32_t)e->nlines;
    h.nops = (uint32_t)e->nops;
    h.fonts = e->fonts;
    h.strlen = strl;
    memcpy(h.fontkey, e->fontkey, sizeof h.fontkey);
    h.stats = e->stats;
    bc_buf_add(b, &h, sizeof h);
    bc_buf_add(b, zero, PAD8(sizeof h) - sizeof h);
    bc_buf_add(b, e->key, e->keylen);
    bc_buf_add(b, zero, PAD8(e->keylen) - e->keylen);
    bc_buf_add(b, e->lines, (size_t)e->nlines * sizeof *e->lines);
    uint64_t off = 0;
    for (int i = 0; i < e->nops; i++) {
        bc_op op = e->ops[i];
        if (op.kind != BC_OP_NOTE) {
            op.text = (const char *)(uintptr_t)off;
            off += op.len + 1;
        }
        bc_buf_add(b, &op, sizeof op);
    }
    for (int i = 0; i < e->nops; i++) {
        if (e->ops[i].kind == BC_OP_NOTE) continue;
        bc_buf_add(b, bc_par_text(e, &e->ops[i]), e->ops[i].len);
        bc_buf_add(b, zero, 1);
    }
    bc_buf_add(b, zero, PAD8(strl) - strl);
}

void bc_parcache_save(bc_parcache *c)
{
    if (!c || !c->disk || !c->added) return;
    bc_buf b = {0};
    uint32_t head[2] = {MAGIC, FORMAT};
    uint64_t n = 0;
    bc_buf_add(&b, head, sizeof head);
    bc_buf_add(&b, &c->ctx, sizeof c->ctx);
    bc_buf_add(&b, &n, sizeof n);
    for (size_t i = 0; i < c->cap; i++)
        for (const bc_par *e = c->slot[i]; e; e = e->next)
            if (e->keep && e->used && !e->dead) {
                write_entry(&b, e);
                n++;
            }
    size_t budget = b.len * 4 + 65536;
    for (size_t i = 0; i < c->cap && b.len < budget; i++)
        for (const bc_par *e = c->slot[i]; e && b.len < budget; e = e->next)
            if (e->keep && !e->used && !e->dead) {
                write_entry(&b, e);
                n++;
            }
    memcpy(b.data + 16, &n, sizeof n);
    uint64_t hash = blob_hash((const unsigned char *)b.data, b.len);
    bc_buf_add(&b, &hash, sizeof hash);
    bc_cache_store("para", c->file_key, c->file_keylen, b.data, b.len);
    bc_buf_free(&b);
    c->added = 0;
}

static volatile unsigned probe_sink; /* keeps the probe's reads */

int bc_parcache_probe(const unsigned char *d, size_t len)
{
    if (len < 8 || len % 8) return -1;
    uint64_t n;
    memcpy(&n, d, 8);
    bc_parcache *c = bc_parcache_new();
    int ok = read_entries(c, d, 8, len, n);
    unsigned sum = 0;
    /* every byte a valid file would have layout use: keys, lines, texts */
    for (size_t i = 0; ok && i < c->cap; i++)
        for (const bc_par *e = c->slot[i]; e; e = e->next) {
            for (size_t k = 0; k < e->keylen; k++) sum += (unsigned char)e->key[k];
            for (int k = 0; k < e->nlines; k++) sum += (unsigned)e->lines[k].nop;
            for (int k = 0; k < e->nops; k++)
                if (e->ops[k].kind != BC_OP_NOTE)
                    sum += (unsigned)strlen(bc_par_text(e, &e->ops[k]));
        }
    probe_sink = sum;
    int nread = ok ? (int)c->n : -1;
    bc_parcache_free(c);
    return nread;
}
