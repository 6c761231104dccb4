#!/bin/sh
# maps_world.sh — maps with real borders (issue 16): the shipped Natural Earth world (TopoJSON)
# is decoded exactly as topojson-client decodes it, region for region, except the two whose
# rings cross the antimeridian, which are cut there; a world map in Natural Earth projection, a
# locator map of Pakistan and its neighbours with cities and a TopoJSON choropleth with quantile
# and Jenks breaks build and pass the five readers and the tagged checker; the locator's alt text
# is written from what it shows; city labels and region labels never overlap one another; the
# world's Form is far smaller than its points (simplified to the page); bad maps fail with
# exit status 1, an exact message and no PDF.
. "$(dirname "$0")/lib.sh"
needs python3 node pdftotext qpdf

GEODUMP="$(dirname "$BRIEFC")/geodump"
WORLD="$ROOT/geo/world-50m.topojson"

# {============================================== decoding against topojson-client
if [ ! -f "$TESTS/maps/node_modules/topojson-client/package.json" ]; then
    bad "topojson-client is not installed: run sh tests/maps/setup.sh (make test-deps does)"
else
    "$GEODUMP" "$WORLD" > "$TMP/briefc.txt" || bad "geodump failed on the world"
    (cd "$TESTS/maps" && node decode.js "$WORLD" countries name) > "$TMP/client.txt" || bad "decode.js failed"
    cat > "$TMP/cmp.py" <<'PY'
import sys
def load(p):
    d = {}
    for line in open(p, encoding="utf-8"):
        name, ring, pts = line.rstrip("\n").split("\t")
        d.setdefault(name, []).append(pts)
    return d
b, c = load(sys.argv[1]), load(sys.argv[2])
cut = {"Russia", "Fiji"}
same = [n for n in c if n not in cut and b.get(n) == c[n]]
print(len(c), "regions;", len(same), "identical")
assert set(b) == set(c), "names differ: %s" % (set(b) ^ set(c))
bad = [n for n in c if n not in cut and b[n] != c[n]]
assert not bad, "decoded differently: %s" % bad[:5]
for n in cut:  # cut at the antimeridian: more rings, no step across the map
    assert len(b[n]) > len(c[n]), n
    for ring in b[n]:
        lons = [float(p.split(",")[0]) for p in ring.split()]
        assert all(abs(x) <= 180 for x in lons), n
        assert all(abs(lons[i] - lons[i - 1]) <= 180 for i in range(1, len(lons))), n
PY
    check "the world decodes as topojson-client decodes it (Russia and Fiji cut at 180)" \
        python3 "$TMP/cmp.py" "$TMP/briefc.txt" "$TMP/client.txt"
    check "the world has 241 regions" test "$(cut -f1 "$TMP/briefc.txt" | sort -u | wc -l)" -eq 241
fi

# {============================================== maps built
B="$TMP/w"
mkdir -p "$B/plugins" "$B/data"
cat > "$B/data/grid.topojson" <<'JSON'
{"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
 "objects": {"grid": {"type": "GeometryCollection", "geometries": [
  {"type": "Polygon", "properties": {"name": "A"}, "arcs": [[0]]},
  {"type": "Polygon", "properties": {"name": "B"}, "arcs": [[1]]},
  {"type": "Polygon", "properties": {"name": "C"}, "arcs": [[2]]},
  {"type": "Polygon", "properties": {"name": "D"}, "arcs": [[3]]},
  {"type": "Polygon", "properties": {"name": "E"}, "arcs": [[4]]},
  {"type": "Polygon", "properties": {"name": "F"}, "arcs": [[5]]}]}},
 "arcs": [[[0, 0], [0, 10], [10, 0], [0, -10], [-10, 0]], [[10, 0], [0, 10], [10, 0], [0, -10], [-10, 0]],
          [[20, 0], [0, 10], [10, 0], [0, -10], [-10, 0]], [[0, 10], [0, 10], [10, 0], [0, -10], [-10, 0]],
          [[10, 10], [0, 10], [10, 0], [0, -10], [-10, 0]], [[20, 10], [0, 10], [10, 0], [0, -10], [-10, 0]]]}
JSON
cat > "$B/brief.lua" <<'LUA'
return { title = "World maps", sections = { section "m" } }
LUA
cat > "$B/plugins/m.lua" <<'LUA'
local cities = {
  { name = "Islamabad", lon = 73.05, lat = 33.69, capital = true }, { name = "Karachi", lon = 67.01, lat = 24.86 },
  { name = "Lahore", lon = 74.35, lat = 31.55 }, { name = "Peshawar", lon = 71.58, lat = 34.01 },
  { name = "Rawalpindi", lon = 73.07, lat = 33.6 }, { name = "Quetta", lon = 66.99, lat = 30.18 },
  { name = "Kabul", lon = 69.17, lat = 34.53, capital = true }, { name = "Faisalabad", lon = 73.08, lat = 31.42 },
  { name = "Multan", lon = 71.47, lat = 30.2 }, { name = "Gujranwala", lon = 74.19, lat = 32.16 },
  { name = "Sialkot", lon = 74.53, lat = 32.49 }, { name = "Amritsar", lon = 74.87, lat = 31.63 } }
return { name = "m", version = "1", api = 1,
  render = function(s, ctx)
    s:chart { kind = "map", map = "world", projection = "natural-earth", highlight = "Pakistan",
      caption = "World", source = "Natural Earth" }
    s:chart { kind = "map", map = "world", projection = "mercator", extent = { 58, 22, 82, 39 },
      highlight = "Pakistan", labels = true, points = cities, caption = "Locator", source = "Natural Earth" }
    s:chart { kind = "map", geo = "data/grid.topojson", data = { { n = "A", v = 1 }, { n = "B", v = 2 },
      { n = "C", v = 3 }, { n = "D", v = 10 }, { n = "E", v = 11 }, { n = "F", v = 40 } }, key = "n",
      value = "v", breaks = "jenks", classes = 3, caption = "Jenks" }
    s:chart { kind = "map", geo = "data/grid.topojson", data = { { n = "A", v = 1 }, { n = "B", v = 2 },
      { n = "C", v = 3 }, { n = "D", v = 10 }, { n = "E", v = 11 } }, key = "n", value = "v",
      breaks = "quantile", classes = 2, caption = "Quantile" }
  end }
LUA
(cd "$TMP" && run_briefc 0 build w -o w.pdf --dump-layout w.dump) || bad "the world maps did not build"
check "five readers" bash "$TESTS/pdfcheck.sh" "$TMP/w.pdf"
check "the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/w.pdf"
qpdf --qdf --object-streams=disable "$TMP/w.pdf" "$TMP/w-qdf.pdf"
check "the locator's alt text says what it shows" grepq -a -F "/Alt (Map, Locator: Pakistan highlighted; also shown: Afghanistan, China, India, Iran, Nepal, Oman, Siachen Glacier, Tajikistan, Turkmenistan, Uzbekistan; places marked: Islamabad, Karachi, Lahore" "$TMP/w-qdf.pdf"
check "the world map's alt text counts its regions" grepq -a -F "/Alt (Map, World: Pakistan highlighted among 241 regions shown)" "$TMP/w-qdf.pdf"
check "Jenks classes in the legend" in_order "$TMP/w.dump" '"v"' '"1–3"' '"3–11"' '"11–40"'
check "quantile classes and no data in the legend" in_order "$TMP/w.dump" '"1–3"' '"3–11"' '"no data"'
check "the highlighted region is labelled" grepq '"Pakistan"' "$TMP/w.dump"
check "neighbours are labelled" pf "grep -c '\"\\(India\\|Afghanistan\\|Iran\\|China\\)\"' '$TMP/w.dump' | grep -qx 4"
# every label's box on the locator page, from poppler: no two overlap
pdftotext -bbox -f 1 -l 1 "$TMP/w.pdf" "$TMP/bbox.html"
cat > "$TMP/overlap.py" <<'PY'
import re, sys
names = set(sys.argv[2].split(","))
boxes = []
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', open(sys.argv[1]).read()):
    if m.group(5) in names:
        boxes.append((m.group(5),) + tuple(float(v) for v in m.groups()[:4]))
print(len(boxes), "labels")
assert len(boxes) >= 8, boxes
for i, a in enumerate(boxes):
    for b in boxes[i + 1:]:
        assert not (a[1] < b[3] - 0.3 and b[1] < a[3] - 0.3 and a[2] < b[4] - 0.3 and b[2] < a[4] - 0.3), (a, b)
PY
check "no two labels overlap on the locator map" python3 "$TMP/overlap.py" "$TMP/bbox.html" \
    "Islamabad,Karachi,Lahore,Peshawar,Rawalpindi,Quetta,Kabul,Faisalabad,Multan,Gujranwala,Sialkot,Amritsar,Pakistan,India,Afghanistan,Iran,China,Tajikistan,Turkmenistan,Uzbekistan,Nepal,Oman"
# simplified to the page: the world Form against the points it was drawn from
bytes=$(grep -m1 "'map'" "$TMP/w.dump" | sed -n 's/.* vector \([0-9]*\) bytes.*/\1/p')
points=$(cut -f3 "$TMP/briefc.txt" 2>/dev/null | tr ' ' '\n' | wc -l)
check "the world map's Form ($bytes bytes) is under 6 bytes a point of its $points" test "$bytes" -lt $((points * 6))

# {============================================== refused
E="w/plugins/bad.lua:3: error:"
refused() { # refused FIELDS MESSAGE
    cat > "$B/plugins/bad.lua" <<LUA
return { name = "bad", version = "1", api = 1,
  render = function(s, ctx)
    s:chart { kind = "map", $1 }
  end }
LUA
    printf 'return { title = "bad", sections = { section "bad" } }\n' > "$B/brief.lua"
    rm -f "$TMP/bad.pdf"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build w -o bad.pdf 2>&1); rc=$?
    check "refused ($1): exit status 1 (got $rc)" test "$rc" -eq 1
    check "refused ($1): no PDF" test ! -e "$TMP/bad.pdf"
    first=$(printf '%s\n' "$msg" | head -1)
    if [ "$first" = "$E $2" ]; then ok; else bad "refused ($1): expected '$E $2', got '$first'"; fi
}
refused 'map = "moon"' "map '(no caption)': map must be \"world\" (the shipped Natural Earth countries), not 'moon'; for other regions give geo = \"data/<file>.geojson\""
refused 'map = "world", geo = "data/grid.topojson"' "map '(no caption)': give the regions as geo = \"data/<file>.geojson\" (or .topojson) or as map = \"world\", not both"
refused 'caption = "x"' "map 'x': give the regions as geo = \"data/<file>.geojson\" (or .topojson) or as map = \"world\""
refused 'map = "world", regions = { "Pakistn" }' "map '(no caption)': regions: 'Pakistn' is not a region of world (Natural Earth, 1:50m); did you mean 'Pakistan'?"
refused 'map = "world", highlight = "india"' "map '(no caption)': highlight: 'india' is not a region of world (Natural Earth, 1:50m); did you mean 'India'?"
refused 'map = "world", extent = { 80, 20, 60, 40 }' "map '(no caption)': extent must be {west, south, east, north} with -180 <= west < east <= 180 and -90 <= south < north <= 90"
refused 'map = "world", extent = { 1, 2 }' "map '(no caption)': extent must be {west, south, east, north} in degrees"
refused 'map = "world", points = { { name = "X", lon = 200, lat = 0 } }' "map '(no caption)': points[1] ('X') needs lon in -180..180 and lat in -90..90"
refused 'map = "world", points = { { lon = 1, lat = 0 } }' "map '(no caption)': points[1] needs a name"
refused 'geo = "data/grid.topojson", data = {}, key = "n", value = "v", breaks = "natural"' "map '(no caption)': breaks must be \"equal\", \"quantile\", \"jenks\" or a list of edges, not 'natural'"
refused 'geo = "data/grid.topojson", data = {}, key = "n", value = "v", breaks = { 5, 1 }' "map '(no caption)': breaks must ascend: breaks[2] is not above breaks[1]"
refused 'geo = "data/grid.topojson", data = {}, key = "n", value = "v", classes = 12' "map '(no caption)': classes must be a whole number from 1 to 9"
refused 'geo = "data/grid.topojson", key = "n"' "map '(no caption)': key and value name columns of data, which is missing"
refused 'map = "world", projecton = "mercator"' "map '(no caption)': unknown field 'projecton'; did you mean 'projection'? (a map takes geo or map, object, regions, extent, data, key, value, geo_key, projection, breaks, classes, highlight, points, labels, title, caption, source, label, alt, aspect, format, decimals, mono, legend, centre, parallels)"
refused 'geo = "data/grid.topojson", object = "grd"' "topojson 'data/grid.topojson': has no object 'grd' (its objects: grid)"
printf '{"type": "Topology", "objects": {"o": {"type": "Polygon", "properties": {"name": "a"}, "arcs": [[7]]}}, "arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}' > "$B/data/badarc.topojson"
refused 'geo = "data/badarc.topojson"' "topojson 'data/badarc.topojson': feature 1: arc index out of range is not one of the 1 arcs"

finish
