#!/usr/bin/env python3
"""mkpng.py — writes the PNG test suite for tests/e2e/images.sh with nothing but zlib.

Every image is 40 x 20 pixels in four quadrants: red top-left, green top-right, blue
bottom-left, white bottom-right (grey images: black, 85, 170, white).
Usage: mkpng.py DIR [RGB-PROFILE.icc] (with a profile: icc_srgb.png carries it in iCCP)
"""
import os
import struct
import sys
import zlib

W, H = 40, 20
QUAD = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]
GREYS = [0, 85, 170, 255]


def quad(x, y):
    return (1 if x >= W // 2 else 0) + (2 if y >= H // 2 else 0)


def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pack_row(samples, depth):
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s * 257) for s in samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        n += depth
        if n == 8:
            out.append(acc)
            acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def samples_at(kind, x, y, depth):
    q = quad(x, y)
    if kind == "grey":
        g = GREYS[q]
        return [g * ((1 << depth) - 1) // 255] if depth < 8 else [g]
    if kind == "grey_alpha":
        return [GREYS[q], 255 if q != 3 else 0]
    if kind == "rgb":
        return list(QUAD[q])
    if kind == "rgba":
        return list(QUAD[q]) + [255 if q != 3 else 0]
    if kind == "palette":
        return [q]
    raise ValueError(kind)


CT = {"grey": 0, "rgb": 2, "palette": 3, "grey_alpha": 4, "rgba": 6}


def raw_rows(kind, depth, xs, ys):
    out = b""
    for y in ys:
        row = []
        for x in xs:
            row += samples_at(kind, x, y, depth)
        out += b"\0" + pack_row(row, depth)
    return out


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(kind, depth=8, interlace=False, trns=False, extra=b""):
    ihdr = struct.pack(">IIBBBBB", W, H, depth, CT[kind], 0, 0, 1 if interlace else 0)
    if interlace:
        data = b""
        for x0, y0, dx, dy in ADAM7:
            xs, ys = list(range(x0, W, dx)), list(range(y0, H, dy))
            if xs and ys:
                data += raw_rows(kind, depth, xs, ys)
    else:
        data = raw_rows(kind, depth, range(W), range(H))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra
    if kind == "palette":
        out += chunk(b"PLTE", b"".join(bytes(c) for c in QUAD))
        if trns:
            out += chunk(b"tRNS", b"\xff\xff\xff\x00")
    out += chunk(b"IDAT", zlib.compress(data, 9)) + chunk(b"IEND", b"")
    return out


def main(d):
    os.makedirs(d, exist_ok=True)
    suite = {
        "rgb8.png": png("rgb"),
        "rgb16.png": png("rgb", 16),
        "grey8.png": png("grey"),
        "grey16.png": png("grey", 16),
        "grey2.png": png("grey", 2),
        "palette.png": png("palette", 2),
        "palette_trns.png": png("palette", 8, trns=True),
        "rgba.png": png("rgba"),
        "grey_alpha.png": png("grey_alpha"),
        "interlaced.png": png("rgb", 8, interlace=True),
        "gamma.png": png("rgb", extra=chunk(b"gAMA", struct.pack(">I", 45455))),
        # an ICC profile that is not one: libpng drops it, the image stays good
        "iccp.png": png("rgb", extra=chunk(b"iCCP", b"junk\0\0" + zlib.compress(b"not a profile" * 9))),
    }
    for name, data in suite.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    good = suite["rgb8.png"]
    # hostile: truncated mid-IDAT, a wrong IDAT CRC, a giant size in IHDR (the rest small)
    with open(os.path.join(d, "truncated.png"), "wb") as f:
        f.write(good[: len(good) - 30])
    i = good.index(b"IDAT")
    n = struct.unpack(">I", good[i - 4:i])[0]
    crc_at = i + 4 + n
    with open(os.path.join(d, "badcrc.png"), "wb") as f:
        f.write(good[:crc_at] + bytes(b ^ 0xFF for b in good[crc_at:crc_at + 4]) + good[crc_at + 4:])
    giant = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0))
    giant += chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
    with open(os.path.join(d, "giant.png"), "wb") as f:
        f.write(giant)
    # a zip bomb within the side limit but over the pixel cap: 20000 x 20000
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 0, 0, 0, 0))
    bomb += chunk(b"IDAT", zlib.compress(b"\0" * 20001 * 100)) + chunk(b"IEND", b"")
    with open(os.path.join(d, "bomb.png"), "wb") as f:
        f.write(bomb)
    with open(os.path.join(d, "notanimage.png"), "wb") as f:
        f.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")  # a GIF: not taken


def with_profile(d, path):
    prof = open(path, "rb").read()
    iccp = chunk(b"iCCP", b"sRGB\0\0" + zlib.compress(prof))
    with open(os.path.join(d, "icc_srgb.png"), "wb") as f:
        f.write(png("rgb", extra=iccp))


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        with_profile(sys.argv[1], sys.argv[2])
