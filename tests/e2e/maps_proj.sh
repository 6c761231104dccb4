#!/bin/sh
# maps_proj.sh — the Albers and orthographic projections on real maps (issue 16; the points
# themselves are checked against d3-geo in unit_geo). An orthographic world centred on Pakistan
# is a disk: the frame's corners stay paper, the rim's inside is sea or land, a city behind the
# globe (Washington) is neither drawn nor labelled while Islamabad is; its back hemisphere is
# left out (South America draws nothing). An Albers locator map with given parallels and a whole
# world in Albers build and pass qpdf. Both projections are in the layout dump.
. "$(dirname "$0")/lib.sh"
needs python3 pdftotext pdftoppm qpdf

B="$TMP/pj"
mkdir -p "$B/plugins" "$B/data"
cp "$ROOT/briefs/charts/data/cities-pakistan-region.csv" "$B/data/"
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:chart { kind = "map", map = "world", projection = "orthographic", centre = { 69, 30 },
    highlight = "Pakistan", caption = "Orthographic, centred on Pakistan", source = "Natural Earth",
    points = { { name = "Washington", lon = -77.04, lat = 38.9 },
               { name = "Islamabad", lon = 73.05, lat = 33.69, capital = true } } }
  local cities = {}
  for _, r in ipairs(ctx:csv("data/cities-pakistan-region.csv")) do
    cities[#cities + 1] = { name = r.name, lon = tonumber(r.lon), lat = tonumber(r.lat) }
  end
  s:chart { kind = "map", map = "world", projection = "albers", extent = { 58, 22, 82, 38 },
    parallels = { 25, 36 }, centre = { 70, 30 }, highlight = "Pakistan", labels = true, points = cities,
    caption = "Albers equal-area, parallels 25 and 36 degrees", source = "Natural Earth" }
  s:chart { kind = "map", map = "world", projection = "albers", caption = "Albers world", source = "Natural Earth" }
end }
LUA
printf 'return { title = "Projections", sections = { section "p" } }\n' > "$B/brief.lua"
check "builds" run_briefc 0 build "$B" -o "$TMP/pj.pdf" --dump-layout "$TMP/pj.layout" -q
check "qpdf passes it" qpdf --check "$TMP/pj.pdf"
pdftotext -f 1 -l 1 "$TMP/pj.pdf" "$TMP/p1.txt"
check "Islamabad, in front, is labelled" contains "$TMP/p1.txt" "Islamabad"
check "Washington, behind the globe, is not" pf "! grepq -F Washington '$TMP/p1.txt'"
pdftotext -f 2 -l 2 "$TMP/pj.pdf" "$TMP/p2.txt"
for s in Karachi Lahore Kabul Pakistan; do check "the Albers locator map labels $s" contains "$TMP/p2.txt" "$s"; done

# the disk: the first map's box from the layout dump, its page rendered at 72 dpi (1 px a point)
pdftoppm -r 72 -f 1 -l 1 -singlefile "$TMP/pj.pdf" "$TMP/p1"
check "the orthographic world is a disk" python3 - "$TMP/pj.layout" "$TMP/p1.ppm" <<'PY'
import re, sys
box = None
for line in open(sys.argv[1]):
    m = re.search(r"image ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+) 'map'", line)
    if m:
        box = [float(v) for v in m.groups()]
        break
assert box, "no map in the layout dump"
x, y, w, h = box
assert abs(w - h) < 1, "not square: %s" % box
d = open(sys.argv[2], "rb").read()
parts = d.split(maxsplit=4)
W, H, px = int(parts[1]), int(parts[2]), parts[4]
def at(X, Y):
    i = (int(Y) * W + int(X)) * 3
    return tuple(px[i:i + 3])
white = (255, 255, 255)
for cx, cy in ((x + 4, y + 4), (x + w - 4, y + 4), (x + 4, y + h - 4), (x + w - 4, y + h - 4)):
    assert at(cx, cy) == white, ("corner not paper", cx, cy, at(cx, cy))
# just inside the rim, at the left, right, top and bottom: sea or land, not paper
r = w / 2
for cx, cy in ((x + 4, y + r), (x + w - 4, y + r), (x + r, y + 4), (x + r, y + h - 4)):
    assert at(cx, cy) != white, ("rim's inside is paper", cx, cy)
print("disk", box)
PY

# the back hemisphere draws nothing: rendered without the front, the map is the sea's disk alone
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:chart { kind = "map", map = "world", regions = { "Brazil", "Argentina", "Chile", "Peru", "Colombia" },
    projection = "orthographic", centre = { 69, 30 }, caption = "South America, from behind" }
end }
LUA
check "a map of regions all behind builds" run_briefc 0 build "$B" -o "$TMP/back.pdf" --dump-layout "$TMP/back.layout" -q
check "and draws almost nothing (< 2 KB of drawing)" pf "awk '/image .* .map. / { if (\$(NF - 2) + 0 < 2048) ok = 1 } END { exit !ok }' '$TMP/back.layout'"
# the process's cache of parsed maps: a map that keeps two regions and highlights one first does
# not change the world the next map of the build gets (its drawing is byte for byte the one a
# build of that map alone makes)
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  if ctx.params.first == "yes" then
    s:chart { kind = "map", map = "world", regions = { "Pakistan", "India" }, highlight = "Pakistan", caption = "Two" }
  end
  s:chart { kind = "map", map = "world", projection = "orthographic", centre = { 69, 30 }, caption = "All" }
end }
LUA
printf 'return { title = "Cache", params = { first = "yes" }, sections = { section "p" } }\n' > "$B/brief.lua"
check "two world maps in one build" run_briefc 0 build "$B" -o "$TMP/two.pdf" --dump-layout "$TMP/two.layout" -q
check "the world map alone" run_briefc 0 build "$B" -D first=no -o "$TMP/one.pdf" --dump-layout "$TMP/one.layout" -q
check "the second map is drawn as if alone" pf "[ \"\$(grep -F \"'map'\" '$TMP/two.layout' | tail -1 | sed 's/.*vector //')\" = \"\$(grep -F \"'map'\" '$TMP/one.layout' | sed 's/.*vector //')\" ]"
check "and the first keeps its two regions" pf "grep -F \"'map'\" '$TMP/two.layout' | head -1 | grepq -v \"\$(grep -F \"'map'\" '$TMP/one.layout' | sed 's/.*vector //')\""
finish
