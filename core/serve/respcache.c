/*
** respcache.c — briefc serve's in-memory response cache: PDFs keyed by their ETag (a hash of
** the brief's state and the params) followed by the params themselves, at most --cache-mb in
** all, the least recently used dropped first. A key names exact bytes, so an entry is never
** stale: an edit changes the key. The whole key is compared, not only its hash: the hash is
** not a cryptographic one, and a client who found two params with the same ETag could
** otherwise have its PDF served for another client's params.
*/
#include "serve/serve.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *key; /* the ETag, then the params (serve_build.c: cache_key) */
    char *data;
    size_t len;
    unsigned long used;
} entry;

struct bc_serve_cache {
    pthread_mutex_t mu;
    entry *e;
    size_t n, cap, bytes, max_bytes;
    unsigned long clock;
};

bc_serve_cache *bc_serve_cache_new(size_t max_bytes)
{
    if (!max_bytes) return NULL;
    bc_serve_cache *c = bc_xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    c->max_bytes = max_bytes;
    return c;
}

static entry *find(bc_serve_cache *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->e[i].key, key)) return &c->e[i];
    return NULL;
}

int bc_serve_cache_get(bc_serve_cache *c, const char *key, bc_buf *out)
{
    if (!c) return 0;
    pthread_mutex_lock(&c->mu);
    entry *e = find(c, key);
    if (e) {
        e->used = ++c->clock;
        out->len = 0;
        bc_buf_add(out, e->data, e->len);
    }
    pthread_mutex_unlock(&c->mu);
    return e != NULL;
}

void bc_serve_cache_put(bc_serve_cache *c, const char *key, const void *data, size_t len)
{
    if (!c || len > c->max_bytes / 2) return; /* one response never fills the cache */
    pthread_mutex_lock(&c->mu);
    if (find(c, key)) {
        pthread_mutex_unlock(&c->mu);
        return;
    }
    size_t klen = strlen(key);
    while (c->n && (c->bytes + len + klen > c->max_bytes || c->n >= 4096)) {
        size_t old = 0;
        for (size_t i = 1; i < c->n; i++)
            if (c->e[i].used < c->e[old].used) old = i;
        c->bytes -= c->e[old].len + strlen(c->e[old].key);
        free(c->e[old].data);
        free(c->e[old].key);
        c->e[old] = c->e[--c->n];
    }
    BC_GROW(c->e, c->n, c->cap, 64);
    entry *e = &c->e[c->n++];
    e->key = bc_xstrdup(key);
    e->data = bc_xmalloc(len ? len : 1);
    memcpy(e->data, data, len);
    e->len = len;
    e->used = ++c->clock;
    c->bytes += len + klen;
    pthread_mutex_unlock(&c->mu);
}

void bc_serve_cache_free(bc_serve_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) free(c->e[i].data), free(c->e[i].key);
    free(c->e);
    pthread_mutex_destroy(&c->mu);
    free(c);
}
