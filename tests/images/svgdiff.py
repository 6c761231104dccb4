#!/usr/bin/env python3
"""svgdiff.py A.png B.png — compares two renderings of one SVG (briefc's through pdftoppm, librsvg's
through rsvg-convert -b white) of the same size, 8-bit grey, RGB or RGBA (alpha ignored: both are
drawn on white). Prints "differ=N mean=M": N the pixels per mille whose colour differs by more
than 64 in some channel, M the mean absolute difference per channel (0..255). Antialiasing moves
edge pixels a little; a wrong shape, colour, transform or gradient moves many by a lot."""
import struct
import sys
import zlib


def read(fn):
    d = open(fn, "rb").read()
    if d[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("svgdiff: %s is not a PNG" % fn)
    i, idat = 8, b""
    while i < len(d):
        n = struct.unpack(">I", d[i:i + 4])[0]
        t, c = d[i + 4:i + 8], d[i + 8:i + 8 + n]
        if t == b"IHDR":
            w, h = struct.unpack(">II", c[:8])
            if c[8] != 8 or c[12] != 0:
                sys.exit("svgdiff: %s: only 8-bit, non-interlaced PNGs" % fn)
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[c[9]]
        elif t == b"IDAT":
            idat += c
        i += 12 + n
    raw, stride, px, prev, p = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp), 0
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
                q = a + b - c
                pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(w):
            s = line[x * bpp:x * bpp + bpp]
            px.append((s[0], s[0], s[0]) if bpp < 3 else (s[0], s[1], s[2]))
        prev = line
    return w, h, px


(wa, ha, a), (wb, hb, b) = read(sys.argv[1]), read(sys.argv[2])
if (wa, ha) != (wb, hb):
    sys.exit("svgdiff: sizes differ: %dx%d and %dx%d" % (wa, ha, wb, hb))
differ, total = 0, 0
for p, q in zip(a, b):
    d = [abs(p[k] - q[k]) for k in range(3)]
    total += sum(d)
    if max(d) > 64:
        differ += 1
print("differ=%d mean=%.2f" % (differ * 1000 // len(a), total / (3.0 * len(a))))
