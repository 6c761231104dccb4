#!/usr/bin/env python3
"""pixdiff.py A.png B.png — prints the share of pixels (in per mille) whose colour differs by more
than 96 in some channel between two PNGs of the same size (8-bit grey or RGB, as pdftoppm
writes them). Antialiasing moves a few edge pixels; a wrong fill or a missing element moves
thousands."""
import struct
import sys
import zlib


def read(fn):
    d = open(fn, "rb").read()
    i, idat = 8, b""
    while i < len(d):
        n = struct.unpack(">I", d[i:i + 4])[0]
        t, c = d[i + 4:i + 8], d[i + 8:i + 8 + n]
        if t == b"IHDR":
            w, h = struct.unpack(">II", c[:8])
            bpp = 3 if c[9] == 2 else 1
        elif t == b"IDAT":
            idat += c
        i += 12 + n
    raw, stride, rows, prev, p = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp), 0
    for _ in range(h):
        f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


wa, ha, ba, ra = read(sys.argv[1])
wb, hb, bb, rb = read(sys.argv[2])
if (wa, ha, ba) != (wb, hb, bb):
    print(1000)
    sys.exit(0)
bad = 0
for ya, yb in zip(ra, rb):
    if ya == yb:
        continue
    for x in range(0, len(ya), ba):
        if max(abs(ya[x + k] - yb[x + k]) for k in range(ba)) > 96:
            bad += 1
print(bad * 1000 // (wa * ha))
