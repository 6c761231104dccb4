#!/usr/bin/env python3
"""mutate.py IN OUT KIND — one hostile variant of a TrueType font, for hostile_fonts.sh.

Each kind changes what a font file claims about itself (counts, offsets, names, metrics)
while keeping the rest readable, the way a damaged or crafted font in a brief's fonts/ would.
"""
import random
import struct
import sys


def tables(d):
    n = struct.unpack(">H", d[4:6])[0]
    out = {}
    for i in range(n):
        r = 12 + 16 * i
        tag, _, off, ln = struct.unpack(">4sIII", d[r:r + 16])
        out[tag.decode("latin-1")] = (r, off, ln)
    return out


def put16(d, at, v):
    d[at:at + 2] = struct.pack(">H", v & 0xFFFF)


def put32(d, at, v):
    d[at:at + 4] = struct.pack(">I", v & 0xFFFFFFFF)


def noise(d, off, ln, seed, every=7):
    rnd = random.Random(seed)
    for i in range(off, off + ln, every):
        d[i] = rnd.randrange(256)


def main():
    src, dst, kind = sys.argv[1:4]
    d = bytearray(open(src, "rb").read())
    t = tables(d)
    if kind == "glyphs65535":  # maxp claims every glyph id there is
        put16(d, t["maxp"][1] + 4, 65535)
    elif kind == "glyphs1":  # maxp claims .notdef only: every shaped glyph is out of range
        put16(d, t["maxp"][1] + 4, 1)
    elif kind == "nometrics":  # hhea: no long metrics at all
        put16(d, t["hhea"][1] + 34, 0)
    elif kind == "metrics65535":  # hhea: more long metrics than hmtx holds
        put16(d, t["hhea"][1] + 34, 65535)
    elif kind == "upem0":
        put16(d, t["head"][1] + 18, 0)
    elif kind == "upem65535":
        put16(d, t["head"][1] + 18, 65535)
    elif kind == "cmapdelta":  # every format 4 segment points 30000 glyphs further
        c = t["cmap"][1]
        for i in range(struct.unpack(">H", d[c + 2:c + 4])[0]):
            plat, enc, sub = struct.unpack(">HHI", d[c + 4 + 8 * i:c + 12 + 8 * i])
            s = c + sub
            if struct.unpack(">H", d[s:s + 2])[0] != 4:
                continue
            segs = struct.unpack(">H", d[s + 6:s + 8])[0] // 2
            deltas = s + 14 + 2 * segs + 2 + 2 * segs
            for k in range(segs):
                v = struct.unpack(">H", d[deltas + 2 * k:deltas + 2 * k + 2])[0]
                put16(d, deltas + 2 * k, v + 30000)
    elif kind == "cmapcount":  # a cmap with 65535 encoding records in a short table
        put16(d, t["cmap"][1] + 2, 65535)
    elif kind == "loca":  # every glyph's outline offset far past glyf
        r, off, ln = t["loca"]
        for i in range(off, off + ln):
            d[i] = 0xFF
    elif kind == "names":  # every name is PDF syntax: ( ) < > / % [ ] and controls
        r, off, ln = t["name"]
        store = off + struct.unpack(">H", d[off + 4:off + 6])[0]
        pat = b"\x00(\x00)\x00<\x00>\x00/\x00%\x00[\x00]\x00\n\x00#"
        for i in range(store, off + ln):
            d[i] = pat[(i - store) % len(pat)]
    elif kind == "namelong":  # a name record longer than its table
        r, off, ln = t["name"]
        n = struct.unpack(">H", d[off + 2:off + 4])[0]
        for i in range(n):
            rec = off + 6 + 12 * i
            put16(d, rec + 8, 0xFFFF)
            put16(d, rec + 10, 0xFFF0)
    elif kind == "gposnoise":  # the kerning table's bytes, one in seven, at random
        r, off, ln = t["GPOS"]
        noise(d, off + 10, ln - 10, 7)
    elif kind == "gsubnoise":
        r, off, ln = t["GSUB"]
        noise(d, off + 10, ln - 10, 11)
    elif kind == "os2":  # absurd weight, selection and typographic metrics
        o = t["OS/2"][1]
        put16(d, o + 4, 65535)
        put16(d, o + 62, 0xFFFF)
        put16(d, o + 68, 0x8000)
        put16(d, o + 70, 0x7FFF)
    elif kind == "tableoff":  # glyf's offset past the end of the file
        put32(d, t["glyf"][0] + 8, len(d) + 1000)
    elif kind == "tablelen":  # hmtx's length past the end of the file
        put32(d, t["hmtx"][0] + 12, 0xFFFFFFF0)
    elif kind == "truncated":  # the file cut in the middle of its tables
        d = d[:len(d) // 3]
    elif kind == "ntables":  # the directory claims 4095 tables
        put16(d, 4, 4095)
    else:
        sys.exit("unknown kind " + kind)
    open(dst, "wb").write(d)


main()
