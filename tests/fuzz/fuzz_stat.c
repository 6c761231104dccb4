/* fuzz_stat.c — the reader of ctx:stat_file, in this process: ReadStat through the child's
   parser entry (bc_stat_encode) over any bytes as any of the five formats, and the parent's
   stream reader (bc_stat_next) over what it wrote, which must accept every stream the encoder
   makes; then bc_stat_next over the raw bytes, which it must refuse or read within bounds.
   The first byte picks the format (bit 7: the raw-stream mode). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua/stat_child.h"

typedef struct capped {
    bc_buf b;
} capped;

static int sink(void *ud, const void *p, size_t n)
{
    capped *c = ud;
    if (c->b.len + n > (8u << 20)) return -1; /* the stream cap, smaller here */
    bc_buf_add(&c->b, p, n);
    return 0;
}

static void walk(const char *data, size_t len, int must_be_whole)
{
    size_t pos = 0, last = 0;
    bc_stat_rec r;
    int k, end = 0;
    while ((k = bc_stat_next(data, len, &pos, &r)) == 1) {
        if (pos <= last || pos > len) abort(); /* every record moves on, inside the stream */
        last = pos;
        for (int i = 0; i < 4; i++)
            if (r.s[i].len > BC_STAT_MAX_STR ||
                (r.s[i].len && (r.s[i].p < data || r.s[i].p + r.s[i].len > data + len)))
                abort();
        end = r.tag == 'Z' || r.tag == 'E';
    }
    if (must_be_whole && (k < 0 || !end)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (data[0] & 0x80) {
        walk((const char *)data + 1, size - 1, 0);
        return 0;
    }
    static const char *const cols[] = {"id", "score", "name"};
    bc_stat_opts o = {data[0] & 0x40 ? cols : NULL, 3, data[0] & 0x20 ? 3 : 0, 1};
    capped c = {{0}};
    bc_stat_encode(data + 1, size - 1, (bc_stat_format)((data[0] & 0x1f) % BC_STAT_NFORMATS), &o,
                   sink, &c);
    if (c.b.len < (8u << 20)) walk(c.b.data, c.b.len, 1);
    bc_buf_free(&c.b);
    return 0;
}
