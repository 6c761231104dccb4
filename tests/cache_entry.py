"""cache_entry.py — reads and rewrites briefc's on-disk cache entries (core/base/cache.c,
format BCC2) for the tests that plant forged entries (e2e zmemo, imgscale_planted): an
entry's parts, and the checksum cache.c binds its key and payload with, so a planted entry
passes that check and only the reader's own test of what it holds can refuse it."""
import struct

M = 1099511628211
MASK = (1 << 64) - 1


def fnv(b, h=1469598103934665603):
    for c in b:
        h = ((h ^ c) * M) & MASK
    return h


def check(key, p):
    """entry_check in cache.c: FNV-1a in four lanes over 32-byte blocks, the tail in lane 0."""
    h = [fnv(key), 2, 3, 4]
    i = 0
    while i + 32 <= len(p):
        for k in range(4):
            h[k] = ((h[k] ^ struct.unpack_from('<Q', p, i + 8 * k)[0]) * M) & MASK
        i += 32
    h[0] = fnv(p[i:], h[0])
    return (h[0] ^ (h[1] << 1) ^ (h[2] << 2) ^ (h[3] << 3) ^ len(p)) & MASK


def split(path):
    """An entry file's header (up to its payload), key and payload."""
    d = open(path, 'rb').read()
    assert d[:4] == b'BCC2'
    kl = struct.unpack_from('<I', d, 4)[0]
    head = 24 + (kl + 7) // 8 * 8
    return d[:head], d[24:24 + kl], d[head:]


def write(path, head, key, payload):
    """Writes an entry with this header and key around payload, length and checksum set."""
    out = bytearray(head) + payload
    struct.pack_into('<QQ', out, 8, len(payload), check(key, payload))
    open(path, 'wb').write(out)
