/* test_bufnum.c — bc_buf_uint and bc_buf_int write what printf's "%llu" and "%lld" write: at the
   ends of the ranges, at each power of ten and either side of it, and for a spread of values
   between; appended after what the buffer holds, and NUL-terminated. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "base/util.h"
#include "check.h"

static void same_u(unsigned long long v)
{
    bc_buf b = {0};
    bc_buf_adds(&b, "x");
    bc_buf_uint(&b, v);
    char want[32];
    snprintf(want, sizeof want, "x%llu", v);
    CHECK_STR(b.data, want);
    CHECK(b.len == strlen(want));
    bc_buf_free(&b);
}

static void same_i(long long v)
{
    bc_buf b = {0};
    bc_buf_int(&b, v);
    bc_buf_addc(&b, ' ');
    char want[32];
    snprintf(want, sizeof want, "%lld ", v);
    CHECK_STR(b.data, want);
    CHECK(b.len == strlen(want));
    bc_buf_free(&b);
}

int main(void)
{
    same_u(0);
    same_u(ULLONG_MAX);
    same_i(0);
    same_i(LLONG_MAX);
    same_i(LLONG_MIN);
    same_i(-1);
    for (unsigned long long p = 1; p <= ULLONG_MAX / 10; p *= 10) {
        same_u(p - 1);
        same_u(p);
        same_u(p + 1);
        same_i((long long)p);
        same_i(-(long long)p);
        same_i(-(long long)p + 1);
    }
    uint64_t x = 0x9E3779B97F4A7C15ULL; /* a spread of values of every length */
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        same_u(x >> (i % 64));
        same_i((long long)(x >> (i % 64)) * (i & 1 ? -1 : 1));
    }
    /* many numbers into one buffer: it grows as printf's would */
    bc_buf b = {0}, w = {0};
    for (int i = -500; i < 500; i++) {
        bc_buf_int(&b, i * 7919);
        bc_buf_addc(&b, ' ');
        bc_buf_printf(&w, "%d ", i * 7919);
    }
    CHECK(b.len == w.len && !memcmp(b.data, w.data, b.len) && b.data[b.len] == 0);
    bc_buf_free(&b);
    bc_buf_free(&w);
    return check_done();
}
