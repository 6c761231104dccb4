#!/bin/sh
# maps.sh — choropleth maps (s:chart{kind = "map"}, issue 16): the gallery's schematic provinces
# (with test values) and a test map of squares are built; the five readers and the PDF/UA
# checker pass; the Figure's alt text is written from the data; the regions are one vector
# Form however many rings;
# rendered pixels at computed places show a ring's hole empty (even-odd), a region filled and a
# region without data grey and hatched; the legend's classes are in the dump. Bad maps (unknown
# region, repeated row, a value that is no number, a bad projection, a GeoJSON that is not one
# or lies outside the brief) fail with exit status 1, an exact message and no PDF.
. "$(dirname "$0")/lib.sh"
needs python3 pdftoppm qpdf

B="$TMP/map"
mkdir -p "$B/plugins" "$B/data" "$TMP/outside"
cp "$ROOT/briefs/charts/data/pakistan-schematic.geojson" "$B/data/"
# test values, not figures: the classes, labels and alt text below are computed from them
cat > "$B/data/provinces-test.csv" <<'CSV'
province,aid_usd_m
Balochistan,310
Sindh,420
Punjab,520
Khyber Pakhtunkhwa,610
Islamabad Capital Territory,40
Gilgit-Baltistan,95
CSV
cat > "$B/data/squares.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "Ring"}, "geometry": {"type": "Polygon", "coordinates":
   [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[3, 3], [7, 3], [7, 7], [3, 7], [3, 3]]]}},
 {"type": "Feature", "properties": {"name": "Empty"}, "geometry": {"type": "MultiPolygon", "coordinates":
   [[[[12, 0], [22, 0], [22, 10], [12, 10], [12, 0]]]]}}]}
JSON
cat > "$B/brief.lua" <<'LUA'
return { title = "Maps", sections = { section "m" } }
LUA
cat > "$B/plugins/m.lua" <<'LUA'
return { name = "m", version = "1", api = 1,
  render = function(s, ctx)
    s:chart { kind = "map", geojson = "data/squares.geojson", data = { { n = "Ring", v = "250" } },
      key = "n", value = "v", caption = "Squares" }
    s:page_break()
    s:chart { kind = "map", geojson = "data/pakistan-schematic.geojson",
      data = ctx:csv("data/provinces-test.csv"), key = "province", value = "aid_usd_m",
      title = "US$ millions", labels = true, projection = "mercator", caption = "Provinces" }
  end }
LUA
(cd "$TMP" && run_briefc 0 build map -o map.pdf --dump-layout map.dump) || bad "the map brief did not build"
check "five readers" bash "$TESTS/pdfcheck.sh" "$TMP/map.pdf"
check "the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/map.pdf"
qpdf --qdf --object-streams=disable "$TMP/map.pdf" "$TMP/map-qdf.pdf"
check "the alt text is written from the data" grepq -a -F "/Alt (Map, Provinces: US$ millions by province across 7 regions; highest 610 in Khyber Pakhtunkhwa, lowest 40 in Islamabad Capital Territory; no data for Azad Jammu and Kashmir)" "$TMP/map-qdf.pdf"
check "the squares' alt text" grepq -a -F "/Alt (Map, Squares: v by n across 2 regions; highest 250 in Ring, lowest 250 in Ring; no data for Empty)" "$TMP/map-qdf.pdf"
check "each map is one Form XObject" test "$(grep -ac '/Subtype /Form' "$TMP/map-qdf.pdf")" -eq 2
check "regions are filled even-odd" grepq -a '^B\*$' "$TMP/map-qdf.pdf"
check "the legend's classes are in the dump" in_order "$TMP/map.dump" '"US$ millions"' '"0–200"' '"200–400"' '"400–600"' '"600–800"' '"no data"'
check "labels that fit are drawn, white on dark classes" grepq '#ffffff at .* "Punjab"' "$TMP/map.dump"
check "a label wider than its region is left out" pf "! grep -q '\"Islamabad Capital Territory\"' '$TMP/map.dump'"

# pixels: where the squares map puts (lon, lat), from its frame in the dump (equirectangular,
# scaled by cos 5 degrees, fitted and centred)
pdftoppm -r 72 -f 1 -l 1 "$TMP/map.pdf" "$TMP/mp"
frame=$(grep -m1 "'map'" "$TMP/map.dump")
cat > "$TMP/px.py" <<'PY'
import math, re, sys
frame, ppm = sys.argv[1], sys.argv[2]
m = re.search(r"image ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+)", frame)
x, y, w, h = map(float, m.groups())
c = math.cos(math.radians(5))
s = min(w / (22 * c), h / 10)
ox, oy = x + (w - 22 * c * s) / 2, y + (h - 10 * s) / 2
d = open(ppm, "rb").read()
parts = d.split(b"\n", 3)
W, H = map(int, parts[1].split())
pix = parts[3]
def at(lon, lat):
    X, Y = int(ox + lon * c * s), int(oy + (10 - lat) * s)
    return tuple(pix[3 * (Y * W + X):3 * (Y * W + X) + 3])
def window(lon, lat):
    X0, Y0 = int(ox + lon * c * s), int(oy + (10 - lat) * s)
    vals = [pix[3 * ((Y0 + j) * W + X0 + i) + k] for i in range(-6, 7) for j in range(-6, 7) for k in range(3)]
    return min(vals), max(vals)
what = sys.argv[3]
if what == "hole":
    sys.exit(0 if at(5, 5) == (255, 255, 255) else 1)
if what == "filled":
    r, g, b = at(1.5, 1.5)
    sys.exit(0 if (r, g, b) != (255, 255, 255) and b > r else 1)
if what == "hatched":
    lo, hi = window(17, 5)
    sys.exit(0 if lo < 200 and hi > 200 else 1)
PY
check "a ring's hole shows the page (even-odd)" python3 "$TMP/px.py" "$frame" "$TMP/mp-1.ppm" hole
check "a region with a value is filled" python3 "$TMP/px.py" "$frame" "$TMP/mp-1.ppm" filled
check "a region without data is grey and hatched" python3 "$TMP/px.py" "$frame" "$TMP/mp-1.ppm" hatched

# {============================================== refused
E="map/plugins/bad.lua:3: error:"
refused() { # refused FIELDS MESSAGE
    cat > "$B/plugins/bad.lua" <<LUA
return { name = "bad", version = "1", api = 1,
  render = function(s, ctx)
    s:chart { kind = "map", geojson = "data/squares.geojson", key = "n", value = "v", $1 }
  end }
LUA
    printf 'return { title = "bad", sections = { section "bad" } }\n' > "$B/brief.lua"
    rm -f "$TMP/bad.pdf"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build map -o bad.pdf 2>&1); rc=$?
    check "refused ($1): exit status 1 (got $rc)" test "$rc" -eq 1
    check "refused ($1): no PDF" test ! -e "$TMP/bad.pdf"
    first=$(printf '%s\n' "$msg" | head -1)
    if [ "$first" = "$E $2" ]; then ok; else bad "refused ($1): expected '$E $2', got '$first'"; fi
}
refused 'data = { { n = "Rnig", v = 1 } }' "map '(no caption)': data row 1: 'Rnig' is not a region of data/squares.geojson (its regions: Ring, Empty)"
refused 'data = { { n = "Ring", v = 1 }, { n = "Ring", v = 2 } }' "map '(no caption)': data row 2: 'Ring' has a row already"
refused 'data = { { n = "Ring", v = "12abc" } }' "map '(no caption)': data row 1: v is '12abc', not a number"
refused 'data = { { n = "Ring", v = "nan" } }' "map '(no caption)': data row 1: v is 'nan', not a number"
refused 'data = { { n = "Ring", v = 1/0 } }' "map '(no caption)': data row 1: v must be a finite number of at most 15 digits"
refused 'data = { { v = 1 } }' "map '(no caption)': data row 1 has no n to name its region"
refused 'data = {}, projection = "robinson"' "map '(no caption)': projection must be \"equirectangular\", \"mercator\", \"natural-earth\", \"albers\" or \"orthographic\", not 'robinson'"
refused 'data = {}, centre = { 69, 30 }' "map '(no caption)': centre is for projection = \"orthographic\" or \"albers\""
refused 'data = {}, projection = "orthographic", centre = { 69 }' "map '(no caption)': centre must be {longitude, latitude} in degrees"
refused 'data = {}, projection = "orthographic", centre = { 200, 30 }' "map '(no caption)': centre must be {longitude, latitude} with -180 <= longitude <= 180 and -90 <= latitude <= 90"
refused 'data = {}, projection = "mercator", parallels = { 20, 40 }' "map '(no caption)': parallels are for projection = \"albers\""
refused 'data = {}, projection = "albers", parallels = { 40, 20 }' "map '(no caption)': parallels must be {south, north} with -89 <= south < north <= 89"
refused 'data = {}, colour = "red"' "map '(no caption)': unknown field 'colour' (a map takes geo or map, object, regions, extent, data, key, value, geo_key, projection, breaks, classes, highlight, points, labels, title, caption, source, label, alt, aspect, format, decimals, mono, legend, centre, parallels)"
refused 'data = {}, geo_key = "id"' "geojson 'data/squares.geojson': feature 1 has no property 'id' to name it (set geo_key)"
printf '{"type": "FeatureCollection", "features": [\n{"type": "Feature",, }]}\n' > "$B/data/broken.geojson"
refused 'data = {}, geojson = "data/broken.geojson"' "geojson 'data/broken.geojson' is not valid JSON (near line 2)"
echo '{"secret": 1}' > "$TMP/outside/out.geojson"
ln -s "$TMP/outside/out.geojson" "$B/data/link.geojson"
refused 'data = {}, geojson = "data/link.geojson"' "'data/link.geojson' is outside the brief folder; copy the file inside rather than linking to it"
python3 -c "
import json
ring = [[i * 1e-4, 0] for i in range(1000001)] + [[0, 1]]
print(json.dumps({'type': 'FeatureCollection', 'features': [{'type': 'Feature', 'properties': {'name': 'a'}, 'geometry': {'type': 'Polygon', 'coordinates': [ring]}}]}))" > "$B/data/many.geojson"
refused 'data = {}, geojson = "data/many.geojson", geo_key = "name"' "geojson 'data/many.geojson': more than 1000000 points; simplify the file (mapshaper, ogr2ogr -simplify)"

finish
