/*
** lang.c — the syntax of BCP 47 language tags (lang.h).
*/
#include <stddef.h>
#include <string.h>

#include "doc/lang.h"

int bc_lang_tag_ok_n(const char *tag, size_t len)
{
    if (!tag || len == 0 || len > 64) return 0;
    const char *p = tag, *end = tag + len;
    int first = 1;
    for (;;) {
        size_t n = 0, letters = 0;
        while (p + n < end && p[n] != '-') {
            char c = p[n];
            int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            int digit = c >= '0' && c <= '9';
            if (!alpha && !digit) return 0;
            letters += (size_t)alpha;
            n++;
        }
        if (n < 1 || n > 8) return 0;
        /* the primary subtag: 2 to 8 letters, or x / i (private use, grandfathered) */
        if (first && (letters != n || (n == 1 && p[0] != 'x' && p[0] != 'i'))) return 0;
        first = 0;
        if (p + n == end) return 1;
        p += n + 1;
    }
}

int bc_lang_tag_ok(const char *tag) { return tag && bc_lang_tag_ok_n(tag, strlen(tag)); }
