/*
** hyph.c — hyphenation dictionaries, loaded once per language, and word hyphenation.
** Plain pattern files are compiled by pattern.c; the rest (NEXTLEVEL, non-standard
** patterns) go to libhyphen, cut down to the document's words.
**
** Words are UTF-8; dictionaries are UTF-8 (French, Spanish, Italian) or ISO 8859-1 (German,
** Dutch, Portuguese), as their first line says. A word is folded letter by letter to lower
** case in its dictionary's encoding, its hyphenation values are read per character, and the
** points are given back as byte offsets of the UTF-8 word. Letters are Latin (with Latin-1
** and Extended-A accents), Greek and Cyrillic; a word with anything else inside is left whole.
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
#include "base/utf8.h"
#include "text/pattern.h"
#include "base/util.h"

#define PATTERN_FORMAT \
    2 /* bump when pattern.c's table layout or contents change (2: letters
                            beyond ASCII are kept) */

typedef struct hcache_entry {
    uint64_t key; /* hash of the word, 0 = empty */
    unsigned char len;
    unsigned char n;      /* number of points */
    unsigned char at[14]; /* positions after which a hyphen may go */
} hcache_entry;

struct bc_hyph {
    char tag[16];
    bc_pattern *pat;     /* compiled patterns, or … */
    bc_cached mapped;    /* … the cache entry pat views */
    HyphenDict *dict;    /* … libhyphen's; both NULL: none installed for this language */
    int utf8;            /* the dictionary is UTF-8 (else ISO 8859-1) */
    hcache_entry *cache; /* words already hyphenated (documents repeat words) */
    uint64_t id;         /* the pattern file's identity (bc_hyph_id) */
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

struct hset;
static void keep_lines(const char *data, size_t len, const struct hset *subs, bc_buf *kept);

/* The patterns of hyph_<name>.dic into h: compiled when plain, else libhyphen's. 0 when the
   file is not installed. */
static int load(bc_hyph *h, const char *name, int compiled_only)
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
    char head[8];
    h->utf8 = pread(fd, head, sizeof head, 0) >= 5 && !memcmp(head, "UTF-8", 5);
    /* compiled when briefc was built, from a file of the same bytes (pattern_gen.c) */
    if (bc_pattern_builtin_sized((uint64_t)st.st_size)) {
        if (bc_file_read_fd(fd, path, BC_FILE_HYPH, &data, &len, &err) == BC_OK) {
            h->pat = bc_pattern_builtin_for(data, len);
            free(data);
        }
        if (h->pat) {
            close(fd);
            h->id = bc_cache_file_key(path, PATTERN_FORMAT);
            return 1;
        }
        if (lseek(fd, 0, SEEK_SET) != 0) {
            close(fd);
            return 0;
        }
    }
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
    if (h->pat && kl && bc_cache_enabled()) { /* no copy for a cache that is off */
        bc_buf b = {0};
        bc_pattern_save(h->pat, &b);
        bc_cache_store("hyph", key, kl, b.data, b.len);
        bc_buf_free(&b);
    }
    /* libhyphen builds a two-level dictionary slowly (German whole: 17 s), so a caller that
       will cut it down asks for compiled patterns only */
    if (!h->pat && !compiled_only) {
        bc_buf kept = {0};
        keep_lines(data, len, NULL, &kept);
        h->dict = dict_from(kept.data, kept.len);
        bc_buf_free(&kept);
    }
    free(data);
    return h->pat || h->dict;
}

/* {====================================================== letters and folding */

#define MAX_WORD 240 /* letters: German compounds run past 100 */

/* One code point of s[*i..len), advancing *i; a malformed byte is U+FFFD, one byte long. */
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i)
{
    size_t k = *i;
    unsigned c = s[k];
    int n = c < 0x80             ? 0
            : (c & 0xE0) == 0xC0 ? 1
            : (c & 0xF0) == 0xE0 ? 2
            : (c & 0xF8) == 0xF0 ? 3
                                 : -1;
    if (n < 0 || k + (size_t)n >= len + (n == 0)) {
        *i = k + 1;
        return n == 0 ? c : 0xFFFD;
    }
    uint32_t cp = n == 0 ? c : c & (0x3F >> n);
    for (int j = 1; j <= n; j++) {
        if ((s[k + (size_t)j] & 0xC0) != 0x80) {
            *i = k + 1;
            return 0xFFFD;
        }
        cp = cp << 6 | (s[k + (size_t)j] & 0x3F);
    }
    *i = k + 1 + (size_t)n;
    return cp;
}

static int is_letter(uint32_t c)
{
    return (c < 0x80 && isalpha((int)c)) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x386 && c <= 0x3CE && c != 0x387) || (c >= 0x400 && c <= 0x4FF);
}

/* Lower case of a letter (is_letter) */
static uint32_t lower(uint32_t c)
{
    if (c < 0x80) return (uint32_t)tolower((int)c);
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c & 1 ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

/*
** Folds word[0..len), letters only, to lower case in the dictionary's encoding into out (cap
** bytes). pos[k] (k <= nchars) gets the byte offset in word of letter k (pos[nchars] = len),
** first[j] whether out byte j begins a letter. Returns the bytes written; 0 when something is
** not a letter, has no form in the encoding, or does not fit. *upper counts capitals.
*/
static size_t fold(int utf8, const char *word, size_t len, unsigned char *out, size_t cap,
                   size_t *pos, unsigned char *first, int *nchars, int *upper)
{
    size_t i = 0, m = 0;
    int n = 0;
    *upper = 0;
    while (i < len) {
        size_t at = i;
        uint32_t c = next_cp((const unsigned char *)word, len, &i);
        if (!is_letter(c)) return 0;
        uint32_t lc = lower(c);
        *upper += lc != c;
        char enc[4];
        int k = 1;
        if (utf8)
            k = bc_utf8_encode(lc, enc);
        else if (lc < 0x100)
            enc[0] = (char)lc;
        else
            return 0;
        if (m + (size_t)k > cap || n >= 255) return 0;
        pos[n++] = at;
        for (int j = 0; j < k; j++) {
            first[m] = j == 0;
            out[m++] = (unsigned char)enc[j];
        }
    }
    pos[n] = len;
    *nchars = n;
    return m;
}

/* }====================================================== */

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
        size_t cap = bc_grow_cap(h->cap, 4096, sizeof(uint64_t));
        hset bigger = {bc_xcalloc(cap, sizeof(uint64_t)), cap, 0};
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

#define MAX_PATTERN 64 /* bytes of letters; German has 35-letter patterns */

/* The lines of a dictionary libhyphen should read into kept: the header, and the patterns
   whose letters are in subs (NULL: all). Comments go ('#' lines are read by libhyphen as
   patterns), and so does every line but the last with the same letters at the same level:
   libhyphen lets the later one win and leaks the earlier (German and French repeat some). */
static void keep_lines(const char *data, size_t len, const hset *subs, bc_buf *kept)
{
    typedef struct line {
        size_t off, len;
        uint64_t key;
    } line;
    line *lines = NULL;
    size_t nl = 0, capl = 0;
    int first = 1, level = 0;
    for (const char *p = data, *end = data + len; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        /* a pattern line: its letters (digits dropped) hashed as we go */
        uint64_t h = 1469598103934665603ULL, k = 1469598103934665603ULL;
        size_t n = 0;
        int header = first;
        for (const char *q = p; q < (eol ? eol : end); q++) {
            char c = *q;
            if (c == ' ' || (c >= 'A' && c <= 'Z')) header = 1;
            if (c == '\r' || (c >= '0' && c <= '9')) continue;
            h = (h ^ (unsigned char)c) * 1099511628211ULL;
            if (c != ' ' && c != '\t') k = (k ^ (unsigned char)c) * 1099511628211ULL;
            n++;
        }
        if ((size_t)(end - p) >= 9 && !memcmp(p, "NEXTLEVEL", 9)) level = 1;
        if (!first && *p == '#') header = 0, n = 0;
        if (header || (n && (!subs || hset_has(subs, h | 1)))) {
            BC_GROW(lines, nl, capl, 256);
            lines[nl].off = (size_t)(p - data);
            lines[nl].len = (size_t)(next - p);
            lines[nl++].key = first ? 0 : ((k + (uint64_t)level) | 1);
        }
        first = 0;
        p = next;
    }
    hset seen = {0};
    for (size_t i = nl; i-- > 0;) { /* from the end: a key seen later marks this line */
        if (!lines[i].key) continue;
        if (hset_has(&seen, lines[i].key))
            lines[i].len = 0;
        else
            hset_add(&seen, lines[i].key);
    }
    for (size_t i = 0; i < nl; i++) bc_buf_add(kept, data + lines[i].off, lines[i].len);
    free(seen.v);
    free(lines);
}

/* Adds every substring of the dotted, folded letter runs of word to subs, also with a dot
   before, after or both: all that Liang's method can match on a word hyphenated from this
   text, and on the parts libhyphen hyphenates again at a NEXTLEVEL dictionary's second level
   (each part dotted as a word of its own: "zusammen" in "zusammenarbeit" needs "n."). */
static void add_substrings(hset *subs, int utf8, const char *word, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t a = i, b = i; /* one run of letters [a, b) */
        while (i < len) {
            size_t at = i;
            if (!is_letter(next_cp((const unsigned char *)word, len, &i))) {
                if (at == a) a = i;
                break;
            }
            b = i;
        }
        if (b <= a) continue;
        unsigned char dotted[260], first[260];
        size_t pos[260];
        int nch, up;
        size_t m = fold(utf8, word + a, b - a, dotted + 1, 250, pos, first, &nch, &up);
        if (!m || nch < 5 || nch > MAX_WORD) continue;
        dotted[0] = '.';
        dotted[m + 1] = '.';
        m += 2;
        for (size_t s0 = 0; s0 < m; s0++) { /* fnv of dotted[s0..e), extended a byte at a time */
            for (int lead = 0; lead < 2; lead++) {
                uint64_t sh = 1469598103934665603ULL;
                if (lead) sh = (sh ^ '.') * 1099511628211ULL;
                for (size_t e = s0 + 1; e <= m && e - s0 <= MAX_PATTERN; e++) {
                    sh = (sh ^ dotted[e - 1]) * 1099511628211ULL;
                    hset_add(subs, sh | 1);
                    hset_add(subs, ((sh ^ '.') * 1099511628211ULL) | 1);
                }
            }
        }
    }
}

static HyphenDict *load_filtered(const char *name, const char *const *words, const size_t *lens,
                                 int nwords, int *utf8)
{
    char path[256];
    snprintf(path, sizeof path, "%s/hyph_%s.dic", BC_HYPHEN_DIR, name);
    char *data;
    size_t len;
    bc_error err;
    if (access(path, R_OK) != 0 ||
        bc_file_read(path, path, BC_FILE_HYPH, &hyph_roots, &data, &len, &err) != BC_OK)
        return NULL;
    *utf8 = len >= 5 && !memcmp(data, "UTF-8", 5);
    hset built = {0}, *subs = &built;
    for (int w = 0; w < nwords; w++) add_substrings(subs, *utf8, words[w], lens[w]);
    bc_buf kept = {0};
    keep_lines(data, len, subs, &kept);
    free(data);
    free(built.v);
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
    if (load(h, tag, 1) || load(h, lang, 1)) return h; /* libhyphen's: cut down below */
    free(h);
    /* only the patterns whose letters occur in the document's dotted words */
    const char *used = tag;
    int utf8 = 0;
    HyphenDict *d = load_filtered(tag, words, lens, n, &utf8);
    if (!d) d = load_filtered(used = lang, words, lens, n, &utf8);
    if (!d) return NULL;
    h = bc_xcalloc(1, sizeof *h);
    snprintf(h->tag, sizeof h->tag, "%s", tag);
    h->dict = d;
    h->utf8 = utf8;
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
        if (!load(h, tag, 0)) { /* "en_GB" -> "en" */
            char lang[16];
            snprintf(lang, sizeof lang, "%s", tag);
            char *u = strchr(lang, '_');
            if (u) *u = 0;
            load(h, lang, 0);
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
        size_t cap = bc_grow_cap(h->cap, 1024, sizeof(hcache_entry));
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
    /* the letters, without surrounding punctuation */
    size_t a = len, b = 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        if (is_letter(next_cp((const unsigned char *)word, len, &i))) {
            if (a == len) a = at;
            b = i;
        }
    }
    if (a >= b) return 0;
    for (size_t i = a; i < b; i++)
        if (word[i] == '/' || word[i] == ':' || word[i] == '@') return 0;
    unsigned char low[256], first[256];
    size_t pos[257];
    int nch, upper;
    size_t m = fold(h->utf8, word + a, b - a, low, sizeof low - 1, pos, first, &nch, &upper);
    if (!m || nch < 5 || nch > MAX_WORD) return 0; /* digits, inner punctuation, other scripts */
    if (upper > 1) return 0;                       /* acronyms and names in capitals */
    low[m] = 0;
    char hy[262];
    unsigned char val[MAX_WORD + 1]; /* per letter: the value after it */
    memset(val, 0, sizeof val);
    char **rep = NULL;
    int *rpos = NULL, *cut = NULL;
    if (h->pat) {
        bc_pattern_values(h->pat, (const char *)low, m, (unsigned char *)hy);
        for (size_t j = 0, c = 0; j < m; j++) /* the value after a letter's last byte */
            if (j + 1 == m || first[j + 1]) val[c++] = (unsigned char)hy[j];
    } else {
        memset(hy, 0, sizeof hy);
        if (hnj_hyphen_hyphenate3(h->dict, (const char *)low, (int)m, hy, NULL, &rep, &rpos, &cut,
                                  2, 3, 2, 3) != 0)
            memset(hy, 0, sizeof hy); /* an error: no points (rep is freed below) */
        /* libhyphen gives UTF-8 words' values per letter, ISO 8859-1 words' per byte: the same */
        for (int c = 0; c < nch; c++) val[c] = (unsigned char)(hy[c] - (hy[c] >= '0' ? '0' : 0));
    }
    int count = 0;
    for (int c = 1; c + 4 <= nch; c++) /* at least 2 letters before, 3 after */
        if (val[c] & 1) {
            breaks[a + pos[c + 1] - 1] = 1; /* after the last byte of letter c */
            count++;
        }
    if (rep) { /* non-standard hyphenation (German "ck"): ignored; one entry per byte */
        for (size_t i = 0; i < m; i++) free(rep[i]);
        free(rep);
        free(rpos);
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
