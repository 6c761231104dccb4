/*
** suggest.c — "did you mean": edit distance and the nearest known word.
*/
#include "base/suggest.h"

#include <string.h>
#include <strings.h>

int bc_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 99;
    int d[65][65];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c) c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c) c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[la][lb];
}

const char *bc_suggest_n(const char *word, const char *const *known, size_t n)
{
    const char *best = NULL;
    int bd = 3;
    size_t len = strlen(word);
    for (size_t i = 0; i < n && known[i]; i++) {
        int d = strcasecmp(word, known[i]) ? bc_distance(word, known[i]) : 0;
        if (d > 0 && (size_t)d * 2 > len) continue;
        if (d < bd) {
            bd = d;
            best = known[i];
        }
    }
    return best;
}

const char *bc_suggest(const char *word, const char *const *known)
{
    return bc_suggest_n(word, known, (size_t)-1);
}
