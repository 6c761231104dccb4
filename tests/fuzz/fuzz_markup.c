/* fuzz_markup.c — inline markup and UTF-8: any bytes either parse into runs whose text
   concatenates back to valid UTF-8, or are rejected as invalid UTF-8 (or, valid, for a link
   whose target a PDF may not carry). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/markup.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_arena *a = bc_arena_new();
    bc_inline in;
    bc_error err;
    const char *s = (const char *)data;
    size_t bad = bc_utf8_check(s, size);
    bc_status st = bc_markup_parse(a, s, size, &in, &err);
    /* valid UTF-8 parses, unless a link goes where a PDF link may not (markup.c) */
    int refused_link = st != BC_OK && !strncmp(err.msg, "a link to '", 11);
    if ((st == BC_OK || refused_link) != (bad == (size_t)-1)) abort();
    if (st == BC_OK) {
        char *t = bc_inline_text(a, &in);
        if (bc_utf8_check(t, strlen(t)) != (size_t)-1) abort();
        if (strlen(t) > 3 * size) abort(); /* typography grows a byte to 3 at most (" -> “) */
        unsigned char *u = malloc(2 + 2 * size + 4);
        bc_utf8_to_utf16be(s, size, u);
        free(u);
        const char *p = s, *end = s + size;
        while (p < end) {
            char buf[4];
            uint32_t cp = bc_utf8_next(&p);
            if (cp > 0x10FFFF) abort();
            bc_utf8_encode(cp, buf);
        }
    }
    bc_arena_free(a);
    return 0;
}
