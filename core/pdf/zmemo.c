/*
** zmemo.c — page content streams deflated once (see zmemo.h).
**
** An entry is the deflated bytes alone, found by a 64-bit hash of the content and used only
** when they inflate to the page's content byte for byte: a damaged entry, a collision made on
** purpose or not, or an entry copied over another is a miss (then replaced), never a page of
** something else. Checking costs an inflate, about a tenth of the deflate it saves.
*/
#include "pdf/zmemo.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "base/cache.h"
#include "pdf/embed.h"

#define ZMEMO_FORMAT 1
#define ZMEMO_MIN 2048 /* smaller contents deflate faster than an entry is read */

/* A fast 64-bit hash, eight bytes a step (it only finds the entry: see above). */
static uint64_t hash64(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    for (; i < n; i++) h = (h ^ p[i]) * 0x100000001B3ULL;
    h ^= h >> 29;
    return h * 0xC4CEB9FE1A85EC53ULL;
}

/* The key: executable, zlib version, level, length and hash of the content. */
static size_t make_key(const void *data, size_t len, int level, unsigned char *key, size_t cap)
{
    uint64_t exe = bc_cache_exe_key(ZMEMO_FORMAT);
    if (!exe) return 0; /* unknown executable: nothing derived may be kept */
    uint64_t head[4] = {exe, (uint64_t)level, (uint64_t)len, hash64(data, len)};
    const char *zv = zlibVersion();
    size_t zl = strlen(zv);
    if (sizeof head + zl > cap) return 0;
    memcpy(key, head, sizeof head);
    memcpy(key + sizeof head, zv, zl);
    return sizeof head + zl;
}

/* Whether z[0..zn) is one whole zlib stream of exactly raw[0..n). */
static int inflates_to(const unsigned char *z, size_t zn, const unsigned char *raw, size_t n)
{
    if (zn == 0 || zn > UINT_MAX) return 0;
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit(&s) != Z_OK) return 0;
    s.next_in = (Bytef *)(uintptr_t)z;
    s.avail_in = (uInt)zn;
    unsigned char buf[16384];
    size_t at = 0;
    int r, ok = 1;
    do {
        s.next_out = buf;
        s.avail_out = sizeof buf;
        r = inflate(&s, Z_NO_FLUSH);
        size_t got = sizeof buf - s.avail_out;
        if ((r != Z_OK && r != Z_STREAM_END) || got > n - at || memcmp(buf, raw + at, got)) {
            ok = 0;
            break;
        }
        at += got;
    } while (r != Z_STREAM_END);
    ok = ok && at == n && s.avail_in == 0;
    inflateEnd(&s);
    return ok;
}

static int use_disk = 1; /* set once, before any build (bc_zmemo_disk_cache) */

void bc_zmemo_disk_cache(int on) { use_disk = on; }

int bc_zmemo_deflate(const void *data, size_t len, int level, bc_buf *out)
{
    unsigned char key[96];
    size_t kl = use_disk && len >= ZMEMO_MIN && bc_cache_enabled()
                    ? make_key(data, len, level, key, sizeof key)
                    : 0;
    bc_cached c;
    if (kl && bc_cache_map("zpage", key, kl, &c)) {
        int hit = inflates_to(c.data, c.len, data, len);
        if (hit) {
            out->len = 0;
            bc_buf_add(out, c.data, c.len);
        }
        bc_cache_unmap(&c);
        if (hit) return 1;
    }
    if (!bc_deflate(data, len, level, out)) return 0;
    if (kl) bc_cache_store("zpage", key, kl, out->data, out->len);
    return 1;
}
