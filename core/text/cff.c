/*
** cff.c — the CFF header, INDEX, Top DICT and charset (see cff.h; Adobe Technical Note 5176).
*/
#include "text/cff.h"

#include <stdlib.h>
#include <string.h>

static unsigned rd(const unsigned char *p, size_t len, size_t at, unsigned n)
{
    unsigned v = 0;
    if (at >= len || len - at < n) return 0;
    for (unsigned i = 0; i < n; i++) v = v << 8 | p[at + i];
    return v;
}

/* An INDEX at *at: the first item's bounds in [*first, *end) and *at moved past the INDEX;
   0 when malformed. count 0 gives an empty item. */
static int index_first(const unsigned char *p, size_t len, size_t *at, size_t *first, size_t *end)
{
    if (*at + 2 > len) return 0;
    unsigned count = rd(p, len, *at, 2);
    if (count == 0) {
        *first = *end = *at + 2;
        *at += 2;
        return 1;
    }
    unsigned off = rd(p, len, *at + 2, 1);
    if (off < 1 || off > 4) return 0;
    size_t offs = *at + 3, data = offs + (size_t)(count + 1) * off - 1; /* offsets are 1-based */
    if (data >= len) return 0;
    size_t o0 = rd(p, len, offs, off), o1 = rd(p, len, offs + off, off),
           olast = rd(p, len, offs + (size_t)count * off, off);
    if (o0 != 1 || o1 < o0 || olast < o1 || olast > len - data) return 0;
    *first = data + o0;
    *end = data + o1;
    *at = data + olast;
    return 1;
}

/* The Top DICT: charset offset (15) and whether ROS (12 30) is present. */
static int top_dict(const unsigned char *p, size_t start, size_t end, long *charset, int *ros)
{
    long stack[48];
    int n = 0;
    *charset = 0;
    *ros = 0;
    for (size_t i = start; i < end;) {
        unsigned b = p[i];
        if (b <= 21) { /* an operator */
            unsigned op = b;
            i++;
            if (b == 12) {
                if (i >= end) return 0;
                op = 1200 + p[i++];
            }
            if (op == 15 && n >= 1) *charset = stack[n - 1];
            if (op == 1230) *ros = 1;
            n = 0;
            continue;
        }
        long v;
        if (b == 28) {
            if (end - i < 3) return 0;
            v = (int16_t)(p[i + 1] << 8 | p[i + 2]);
            i += 3;
        } else if (b == 29) {
            if (end - i < 5) return 0;
            v = (int32_t)((uint32_t)p[i + 1] << 24 | (uint32_t)p[i + 2] << 16 | p[i + 3] << 8 |
                          p[i + 4]);
            i += 5;
        } else if (b == 30) { /* a real: nibbles up to the terminator 0xF */
            i++;
            while (i < end && (p[i] & 0x0F) != 0x0F && (p[i] & 0xF0) != 0xF0) i++;
            if (i >= end) return 0;
            i++;
            v = 0;
        } else if (b >= 32 && b <= 246) {
            v = (long)b - 139;
            i++;
        } else if (b >= 247 && b <= 250) {
            if (end - i < 2) return 0;
            v = ((long)b - 247) * 256 + p[i + 1] + 108;
            i += 2;
        } else if (b >= 251 && b <= 254) {
            if (end - i < 2) return 0;
            v = -((long)b - 251) * 256 - p[i + 1] - 108;
            i += 2;
        } else {
            return 0; /* 22..27, 31, 255: reserved */
        }
        if (n < 48) stack[n++] = v;
    }
    return 1;
}

static int parse(const unsigned char *p, size_t len, long *charset, int *ros)
{
    if (len < 4 || p[0] != 1) return 0; /* CFF version 1 */
    size_t at = p[2], first, end;
    if (at < 4 || at >= len) return 0;
    if (!index_first(p, len, &at, &first, &end)) return 0; /* Name INDEX */
    if (!index_first(p, len, &at, &first, &end)) return 0; /* Top DICT INDEX */
    return first < end && top_dict(p, first, end, charset, ros);
}

int bc_cff_valid(const unsigned char *p, size_t len)
{
    long cs;
    int ros;
    return parse(p, len, &cs, &ros);
}

int bc_cff_cids(const unsigned char *p, size_t len, unsigned nglyphs, uint16_t *cids,
                int *cid_keyed)
{
    long cs;
    int ros;
    if (!parse(p, len, &cs, &ros)) return 0;
    *cid_keyed = ros;
    if (nglyphs > 65536) return 0;
    if (!ros) {
        for (unsigned g = 0; g < nglyphs; g++) cids[g] = (uint16_t)g;
        return 1;
    }
    if (cs <= 2 || (size_t)cs >= len) return 0; /* a CID font has its own charset */
    size_t at = (size_t)cs;
    unsigned fmt = p[at++];
    cids[0] = 0;
    unsigned g = 1;
    while (g < nglyphs) {
        if (fmt == 0) {
            if (at + 2 > len) return 0;
            cids[g++] = (uint16_t)rd(p, len, at, 2);
            at += 2;
        } else if (fmt == 1 || fmt == 2) {
            size_t rec = fmt == 1 ? 3 : 4;
            if (at + rec > len) return 0;
            unsigned first = rd(p, len, at, 2), left = rd(p, len, at + 2, fmt == 1 ? 1 : 2);
            at += rec;
            for (unsigned k = 0; k <= left && g < nglyphs; k++) {
                if (first + k > 0xFFFF) return 0;
                cids[g++] = (uint16_t)(first + k);
            }
        } else {
            return 0;
        }
    }
    /* two glyphs with one CID would draw one of them for both */
    unsigned char *seen = calloc(65536 / 8, 1);
    if (!seen) return 0;
    int ok = 1;
    for (unsigned k = 0; k < nglyphs && ok; k++) {
        ok = !(seen[cids[k] >> 3] >> (cids[k] & 7) & 1);
        seen[cids[k] >> 3] |= (unsigned char)(1 << (cids[k] & 7));
    }
    free(seen);
    return ok;
}
