/* test_respcache.c — briefc serve's response cache (serve/respcache.c) finds an entry only
   under its whole key: two keys that share their first 32 characters (the ETag, a 128-bit hash
   that is not a cryptographic one) and differ in the params after it are two entries, so a
   client who found params with another's ETag cannot have its PDF served for them. Also: the
   least recently used entry goes first, and the byte cap counts the keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "serve/serve.h"

#define ETAG "0123456789abcdef0123456789abcdef"

static int get(bc_serve_cache *c, const char *key, const char *want)
{
    bc_buf out = {0};
    int hit = bc_serve_cache_get(c, key, &out);
    int same = hit && want && out.len == strlen(want) && !memcmp(out.data, want, out.len);
    bc_buf_free(&out);
    return want ? same : !hit;
}

int main(void)
{
    bc_serve_cache *c = bc_serve_cache_new(1 << 20);
    const char *alice = ETAG " base brief 10:name=Alice";
    const char *mallory = ETAG " base brief 12:name=Mallory";
    bc_serve_cache_put(c, mallory, "PDF for Mallory", 15);
    CHECK(get(c, mallory, "PDF for Mallory")); /* a long key is found again */
    CHECK(get(c, alice, NULL));                /* the same ETag, other params: a miss */
    bc_serve_cache_put(c, alice, "PDF for Alice", 13);
    CHECK(get(c, alice, "PDF for Alice"));
    CHECK(get(c, mallory, "PDF for Mallory"));
    CHECK(get(c, ETAG, NULL)); /* the ETag alone names neither */
    bc_serve_cache_free(c);

    /* a cap of 200 bytes: the keys count, the least recently used goes first */
    c = bc_serve_cache_new(200);
    char k1[120], k2[120];
    snprintf(k1, sizeof k1, ETAG " %080d", 1);
    snprintf(k2, sizeof k2, ETAG " %080d", 2);
    bc_serve_cache_put(c, k1, "one", 3);
    bc_serve_cache_put(c, k2, "two", 3); /* 2 x (113 + 3) > 200: k1 goes */
    CHECK(get(c, k1, NULL));
    CHECK(get(c, k2, "two"));
    bc_serve_cache_free(c);
    bc_serve_cache_free(NULL);
    return check_done();
}
