"""formseg.py PDF — the longest straight segment (m/l) of the paths in a map's Form (the stream
that sets "1 J 1 j", as chart_map.c's does), in points, the frame's rectangle left out. A ring
that crosses the projection's antimeridian uncut joins its two sides with a line across the
map: hundreds of points long where the map's own segments are a few (tests/e2e/maps_antimeridian.sh)."""
import re
import sys
import zlib

d = open(sys.argv[1], 'rb').read()
best = 0
for m in re.finditer(rb'stream\r?\n', d):
    end = d.find(b'endstream', m.end())
    raw = d[m.end():end]
    try:
        s = zlib.decompress(raw)
    except Exception:
        s = raw
    if b' 1 J 1 j' not in s:
        continue
    toks = s.split()
    stack, last = [], None
    for t in toks:
        if t in (b'm', b'l') and len(stack) >= 2:
            x, y = float(stack[-2]), float(stack[-1])
            if t == b'l' and last:
                best = max(best, ((x - last[0]) ** 2 + (y - last[1]) ** 2) ** 0.5)
            last = (x, y)
            stack = []
        elif re.fullmatch(rb'-?[0-9.]+', t):
            stack.append(t)
        else:
            stack = []
            if t == b'c':  # the current point: the curve's end (the last pair before it)
                last = None
            elif t in (b'h', b'f', b'S', b'B*', b're', b'n'):
                last = None
print('%.1f' % best)
