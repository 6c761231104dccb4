/*
** hyph.c — hyphenation dictionaries, loaded once per language, and word hyphenation.
** Plain pattern files are compiled by pattern.c; the rest (NEXTLEVEL, non-standard
** patterns) go to libhyphen, cut down to the document's words.
*/
#include "text/hyph.h"

#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hyphen.h>

#include "base/cache.h"
#include "base/fileio.h"
#include "text/pattern.h"
#include "base/util.h"

#define PATTERN_FORMAT 1 /* bump when pattern.c's table layout changes */


typedef struct hcache_entry {
    uint64_t key;          /* hash of the word, 0 = empty */
    unsigned char len;
    unsigned char n;       /* number of points */
    unsigned char at[14];  /* positions after which a hyphen may go */
} hcache_entry;

struct bc_hyph {
    char tag[16];
    bc_pattern *pat;       /* compiled patterns, or … */
    bc_cached mapped;      /* … the cache entry pat views */
    HyphenDict *dict;      /* … libhyphen's; both NULL: none installed for this language */
    hcache_entry *cache;   /* words already hyphenated (documents repeat words) */
    uint64_t id;           /* the pattern file's identity (bc_hyph_id) */
    size_t ncache, cap;
};

static bc_hyph cache[8];
static int ncache;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const hyph_dirs[] = {BC_HYPHEN_DIR, NULL};
static const bc_file_roots hyph_roots = {hyph_dirs, "the hyphenation folder " BC_HYPHEN_DIR};

/* libhyphen's dictionary from text in memory (never from a path: files go through fileio.h). */
static HyphenDict *dict_from(const char *data, size_t len)
{
    FILE *mem = fmemopen(len ? (char *)data : (char *)"", len, "r");
    HyphenDict *d = mem ? hnj_hyphen_load_file(mem) : NULL;
    if (mem) fclose(mem);
    return d;
}

/* The patterns of hyph_<name>.dic into h: compiled when plain, else libhyphen's. 0 when the
   file is not installed. */
static int load(bc_hyph *h, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/hyph_%s.dic", BC_HYPHEN_DIR, name);
    char *data;
    size_t len;
    bc_error err;
    if (access(path, R_OK) != 0) return 0;
    struct stat st;
    int fd = bc_file_open(path, path, BC_FILE_HYPH, &hyph_roots, &st, &err);
    if (fd < 0) return 0;
    /* compiled before, for this very file (the whole identity of the file opened): map it */
    unsigned char key[BC_CACHE_KEY_MAX];
    size_t kl = bc_cache_file_id(path, &st, PATTERN_FORMAT, key, sizeof key);
    h->id = bc_cache_file_key(path, PATTERN_FORMAT);
    if (kl && bc_cache_map("hyph", key, kl, &h->mapped)) {
        h->pat = bc_pattern_view(h->mapped.data, h->mapped.len);
        if (h->pat) {
            close(fd);
            return 1;
        }
        bc_cache_unmap(&h->mapped); /* damaged: compile again and replace it */
    }
    bc_status rd = bc_file_read_fd(fd, path, BC_FILE_HYPH, &data, &len, &err);
    close(fd);
    if (rd != BC_OK) return 0;
    h->pat = bc_pattern_compile(data, len);
    if (h->pat && kl) {
        bc_buf b = {0};
        bc_pattern_save(h->pat, &b);
        bc_cache_store("hyph", key, kl, b.data, b.len);
        bc_buf_free(&b);
    }
    if (!h->pat) h->dict = dict_from(data, len);
    free(data);
    return h->pat || h->dict;
}

/* {====================================================== patterns for given words */

/* An open-addressing set of hashes; cap is a power of two, 0 marks an empty slot. */
typedef struct hset {
    uint64_t *v;
    size_t cap, n;
} hset;

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h | 1; /* 0 marks an empty slot */
}

static void hset_add(hset *h, uint64_t k)
{
    if (h->n * 2 >= h->cap) {
        hset bigger = {bc_xcalloc(h->cap ? h->cap * 2 : 4096, sizeof(uint64_t)), h->cap ? h->cap * 2 : 4096, 0};
        for (size_t i = 0; i < h->cap; i++)
            if (h->v[i]) hset_add(&bigger, h->v[i]);
        free(h->v);
        *h = bigger;
    }
    size_t i = (size_t)(k >> 1) & (h->cap - 1);
    while (h->v[i] && h->v[i] != k) i = (i + 1) & (h->cap - 1);
    if (!h->v[i]) {
        h->v[i] = k;
        h->n++;
    }
}

static int hset_has(const hset *h, uint64_t k)
{
    if (!h->cap) return 0;
    size_t i = (size_t)(k >> 1) & (h->cap - 1);
    while (h->v[i]) {
        if (h->v[i] == k) return 1;
        i = (i + 1) & (h->cap - 1);
    }
    return 0;
}

#define MAX_PATTERN 24

static HyphenDict *load_filtered(const char *name, const hset *subs)
{
    char path[256];
    snprintf(path, sizeof path, "%s/hyph_%s.dic", BC_HYPHEN_DIR, name);
    char *data;
    size_t len;
    bc_error err;
    if (access(path, R_OK) != 0 ||
        bc_file_read(path, path, BC_FILE_HYPH, &hyph_roots, &data, &len, &err) != BC_OK)
        return NULL;
    bc_buf kept = {0};
    int first = 1;
    for (const char *p = data, *end = data + len; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        /* a pattern line: its letters (digits dropped) hashed as we go */
        uint64_t h = 1469598103934665603ULL;
        size_t n = 0;
        int header = first;
        for (const char *q = p; q < (eol ? eol : end); q++) {
            char c = *q;
            if (c == ' ' || (c >= 'A' && c <= 'Z')) header = 1;
            if (c == '\r' || (c >= '0' && c <= '9')) continue;
            h = (h ^ (unsigned char)c) * 1099511628211ULL;
            n++;
        }
        if (header || (n && hset_has(subs, h | 1))) bc_buf_add(&kept, p, (size_t)(next - p));
        first = 0;
        p = next;
    }
    free(data);
    HyphenDict *d = dict_from(kept.data, kept.len);
    bc_buf_free(&kept);
    return d;
}

bc_hyph *bc_hyph_for_words(const char *language, const char *const *words, const size_t *lens,
                           int n)
{
    char tag[16];
    snprintf(tag, sizeof tag, "%s", language && language[0] ? language : "en-US");
    for (char *p = tag; *p; p++)
        if (*p == '-') *p = '_';
    /* plain patterns compile whole faster than libhyphen loads a cut-down set */
    bc_hyph *h = bc_xcalloc(1, sizeof *h);
    snprintf(h->tag, sizeof h->tag, "%s", tag);
    char lang[16];
    snprintf(lang, sizeof lang, "%s", tag);
    char *under = strchr(lang, '_');
    if (under) *under = 0;
    if (load(h, tag) || load(h, lang)) {
        if (h->pat) return h;
        hnj_hyphen_free(h->dict); /* libhyphen's: cut down to these words instead */
        h->dict = NULL;
    }
    free(h);
    /* every substring of every dotted, lower-cased word */
    hset subs = {0};
    char dotted[80];
    for (int w = 0; w < n; w++) {
        size_t len = lens[w];
        if (len < 5 || len > 60) continue;
        dotted[0] = '.';
        for (size_t i = 0; i < len; i++) dotted[i + 1] = (char)tolower((unsigned char)words[w][i]);
        dotted[len + 1] = '.';
        size_t m = len + 2;
        for (size_t a = 0; a < m; a++) { /* fnv of dotted[a..b), extended a byte at a time */
            uint64_t sh = 1469598103934665603ULL;
            for (size_t b = a + 1; b <= m && b - a <= MAX_PATTERN; b++) {
                sh = (sh ^ (unsigned char)dotted[b - 1]) * 1099511628211ULL;
                hset_add(&subs, sh | 1);
            }
        }
    }
    const char *used = tag;
    HyphenDict *d = load_filtered(tag, &subs);
    if (!d) d = load_filtered(used = lang, &subs);
    free(subs.v);
    if (!d) return NULL;
    h = bc_xcalloc(1, sizeof *h);
    snprintf(h->tag, sizeof h->tag, "%s", tag);
    h->dict = d;
    char path[256];
    snprintf(path, sizeof path, "%s/hyph_%s.dic", BC_HYPHEN_DIR, used);
    h->id = bc_cache_file_key(path, PATTERN_FORMAT);
    return h;
}

void bc_hyph_free(bc_hyph *h)
{
    if (!h) return;
    if (h->dict) hnj_hyphen_free(h->dict);
    bc_pattern_free(h->pat);
    bc_cache_unmap(&h->mapped);
    free(h->cache);
    free(h);
}

/* }====================================================== */

uint64_t bc_hyph_id(const bc_hyph *h) { return h ? h->id : 1; }

bc_hyph *bc_hyph_for(const char *language)
{
    char tag[16];
    snprintf(tag, sizeof tag, "%s", language && language[0] ? language : "en-US");
    for (char *p = tag; *p; p++)
        if (*p == '-') *p = '_';
    pthread_mutex_lock(&lock);
    bc_hyph *h = NULL;
    for (int i = 0; i < ncache; i++)
        if (!strcmp(cache[i].tag, tag)) h = &cache[i];
    if (!h && ncache < 8) {
        h = &cache[ncache++];
        snprintf(h->tag, sizeof h->tag, "%s", tag);
        if (!load(h, tag)) { /* "en_GB" -> "en" */
            char lang[16];
            snprintf(lang, sizeof lang, "%s", tag);
            char *u = strchr(lang, '_');
            if (u) *u = 0;
            load(h, lang);
        }
    }
    pthread_mutex_unlock(&lock);
    return h && (h->dict || h->pat) ? h : NULL;
}

static int points_uncached(bc_hyph *h, const char *word, size_t len, unsigned char *breaks);

int bc_hyph_points(bc_hyph *h, const char *word, size_t len, unsigned char *breaks)
{
    if (len > 255) return points_uncached(h, word, len, breaks);
    uint64_t key = fnv(word, len);
    if (h->cap) {
        size_t i = (size_t)(key >> 1) & (h->cap - 1);
        while (h->cache[i].key) {
            hcache_entry *e = &h->cache[i];
            if (e->key == key && e->len == len) {
                memset(breaks, 0, len);
                for (int k = 0; k < e->n; k++) breaks[e->at[k]] = 1;
                return e->n;
            }
            i = (i + 1) & (h->cap - 1);
        }
    }
    int n = points_uncached(h, word, len, breaks);
    if (n > 14) return n;
    if ((h->ncache + 1) * 2 >= h->cap) { /* grow and rehash */
        size_t cap = h->cap ? h->cap * 2 : 1024;
        hcache_entry *v = bc_xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < h->cap; i++) {
            if (!h->cache[i].key) continue;
            size_t j = (size_t)(h->cache[i].key >> 1) & (cap - 1);
            while (v[j].key) j = (j + 1) & (cap - 1);
            v[j] = h->cache[i];
        }
        free(h->cache);
        h->cache = v;
        h->cap = cap;
    }
    size_t i = (size_t)(key >> 1) & (h->cap - 1);
    while (h->cache[i].key) i = (i + 1) & (h->cap - 1);
    hcache_entry *e = &h->cache[i];
    e->key = key;
    e->len = (unsigned char)len;
    e->n = 0;
    for (size_t k = 0; k < len; k++)
        if (breaks[k]) e->at[e->n++] = (unsigned char)k;
    h->ncache++;
    return n;
}

static int points_uncached(bc_hyph *h, const char *word, size_t len, unsigned char *breaks)
{
    memset(breaks, 0, len);
    /* the alphabetic core, without surrounding punctuation */
    size_t a = 0, b = len;
    while (a < b && !isalpha((unsigned char)word[a])) a++;
    while (b > a && !isalpha((unsigned char)word[b - 1])) b--;
    size_t n = b - a;
    if (n < 5 || n > 60) return 0;
    int upper = 0;
    char low[64];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)word[a + i];
        if (!isalpha(c)) return 0; /* digits, inner punctuation, non-ASCII: leave whole */
        upper += isupper(c) != 0;
        low[i] = (char)tolower(c);
    }
    if (upper > 1) return 0; /* acronyms and names in capitals */
    for (size_t i = a; i < b; i++)
        if (word[i] == '/' || word[i] == ':' || word[i] == '@') return 0;
    low[n] = 0;
    char hy[70];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (h->pat)
        bc_pattern_values(h->pat, low, n, (unsigned char *)hy);
    else if (hnj_hyphen_hyphenate3(h->dict, low, (int)n, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 3) != 0)
        return 0;
    int count = 0;
    for (size_t i = 1; i + 4 <= n; i++) /* at least 2 letters before, 3 after */
        if (hy[i] & 1) {
            breaks[a + i] = 1;
            count++;
        }
    if (rep) { /* non-standard hyphenation (not used by English patterns): ignore it */
        for (size_t i = 0; i < n; i++) free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
    return count;
}

bc_hyph *bc_hyph_loaded(const char *language)
{
    char tag[16];
    snprintf(tag, sizeof tag, "%s", language && language[0] ? language : "en-US");
    for (char *p = tag; *p; p++)
        if (*p == '-') *p = '_';
    bc_hyph *h = NULL;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < ncache; i++)
        if (!strcmp(cache[i].tag, tag) && (cache[i].dict || cache[i].pat)) h = &cache[i];
    pthread_mutex_unlock(&lock);
    return h;
}

void bc_hyph_release(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < ncache; i++) {
        if (cache[i].dict) hnj_hyphen_free(cache[i].dict);
        bc_pattern_free(cache[i].pat);
        bc_cache_unmap(&cache[i].mapped);
        free(cache[i].cache);
    }
    ncache = 0;
    pthread_mutex_unlock(&lock);
}
