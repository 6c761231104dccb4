/*
** hyph.c — libhyphen dictionaries, loaded once per language, and word hyphenation.
*/
#include "hyph.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "util.h"

#ifndef BC_HYPHEN_DIR
#define BC_HYPHEN_DIR "/usr/share/hyphen"
#endif

struct bc_hyph {
    char tag[16];
    HyphenDict *dict; /* NULL: none installed for this language */
};

static bc_hyph cache[8];
static int ncache;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static HyphenDict *load(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/hyph_%s.dic", BC_HYPHEN_DIR, name);
    return access(path, R_OK) == 0 ? hnj_hyphen_load(path) : NULL;
}

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
        h->dict = load(tag);
        if (!h->dict) { /* "en_GB" -> "en" */
            char lang[16];
            snprintf(lang, sizeof lang, "%s", tag);
            char *u = strchr(lang, '_');
            if (u) *u = 0;
            h->dict = load(lang);
        }
    }
    pthread_mutex_unlock(&lock);
    return h && h->dict ? h : NULL;
}

int bc_hyph_points(bc_hyph *h, const char *word, size_t len, unsigned char *breaks)
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
    if (hnj_hyphen_hyphenate3(h->dict, low, (int)n, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 3) != 0)
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

void bc_hyph_release(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < ncache; i++)
        if (cache[i].dict) hnj_hyphen_free(cache[i].dict);
    ncache = 0;
    pthread_mutex_unlock(&lock);
}
