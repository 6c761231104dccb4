/*
** geo_cache.c — the process's recently parsed maps: the shipped world (743 KB of TopoJSON,
** about 100,000 points) is parsed once per process however many maps draw it (the chart gallery
** has two; a batch worker or a server draws it in every build). An entry keeps the file's bytes
** (a hit is the same bytes, compared in full, with the same naming property and object) and
** the parse in its own arena; a hit copies the bc_geo and its feature array into the caller's
** arena (they are changed per map: regions kept, highlights) and shares the points, rings and
** names, which nothing changes. Entries live until the process ends (bc_geo_release), at most
** GEO_CACHE_N of them, files of at most GEO_CACHE_BYTES; a mutex for builds on threads.
**
** An entry is never put out before then: the maps that share its points may be drawn at any
** later time, by this build or by another on a thread. When every slot is taken, a further
** file is parsed into the caller's arena alone, uncached. A slot is taken (busy) before its
** parse, so that two threads never fill one, and given back if the parse fails.
*/
#include "layout/geo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define GEO_CACHE_N 4
#define GEO_CACHE_BYTES ((size_t)8 << 20)

typedef struct gentry {
    char *text; /* the file's bytes */
    size_t len;
    char *prop, *object; /* "" for no object */
    bc_arena *arena;     /* the parse */
    const bc_geo *g;
    int busy; /* taken: filled, or being filled by a parse under way */
} gentry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static gentry cache[GEO_CACHE_N];

static void drop(gentry *e)
{
    free(e->text);
    free(e->prop);
    free(e->object);
    bc_arena_free(e->arena);
    memset(e, 0, sizeof *e);
}

void bc_geo_release(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < GEO_CACHE_N; i++) drop(&cache[i]);
    pthread_mutex_unlock(&lock);
}

/* The caller's own bc_geo: the struct and its features copied, the rest shared. */
static bc_geo *copy_of(const bc_geo *g, bc_arena *a)
{
    bc_geo *c = bc_arena_alloc(a, sizeof *c);
    *c = *g;
    c->f = bc_arena_alloc(a, (size_t)(g->n ? g->n : 1) * sizeof *c->f);
    memcpy(c->f, g->f, (size_t)g->n * sizeof *c->f);
    return c;
}

bc_status bc_geo_parse_cached(const char *text, size_t len, const char *shown, const char *prop,
                              const char *object, bc_arena *a, bc_geo **out, bc_error *err)
{
    const char *obj = object ? object : "";
    gentry *slot = NULL;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < GEO_CACHE_N; i++) {
        gentry *e = &cache[i];
        if (e->g && e->len == len && !strcmp(e->prop, prop) && !strcmp(e->object, obj) &&
            !memcmp(e->text, text, len)) {
            *out = copy_of(e->g, a);
            pthread_mutex_unlock(&lock);
            return BC_OK;
        }
    }
    for (int i = 0; i < GEO_CACHE_N && !slot && len <= GEO_CACHE_BYTES; i++)
        if (!cache[i].busy) {
            slot = &cache[i];
            slot->busy = 1;
        }
    pthread_mutex_unlock(&lock);
    if (!slot) return bc_geo_parse(text, len, shown, prop, object, a, out, err);
    bc_arena *own = bc_arena_new();
    bc_geo *g = NULL;
    gentry n = {NULL, len, NULL, NULL, own, NULL, 1};
    if (bc_geo_parse(text, len, shown, prop, object, own, &g, err) != BC_OK ||
        !(n.text = malloc(len ? len : 1))) {
        bc_status st = g ? bc_geo_parse(text, len, shown, prop, object, a, out, err) : BC_ERR;
        drop(&n);
        pthread_mutex_lock(&lock);
        slot->busy = 0;
        pthread_mutex_unlock(&lock);
        return st;
    }
    memcpy(n.text, text, len);
    n.prop = bc_xstrdup(prop);
    n.object = bc_xstrdup(obj);
    n.g = g;
    *out = copy_of(g, a);
    pthread_mutex_lock(&lock);
    *slot = n;
    pthread_mutex_unlock(&lock);
    return BC_OK;
}
