#!/bin/bash
# maps_antimeridian.sh — Albers equal-area about a central meridian other than 0 cuts regions
# at its own antimeridian (centre 170 E: the edge at 10 W), as d3-geo does: no ring joins the
# map's two sides with a line across it. The shipped world (Russia and Fiji across 180, Spain,
# Morocco or Mali across 10 W, Antarctica around the pole) centred on 170 E is compared pixel by
# pixel with d3-geo 3.1.1's drawing (tests/maps/d3albers.mjs through rsvg-convert; measured
# when added: differ=5, mean=1.75; uncut: differ=11, mean=2.61), and the longest straight
# segment of the map's paths is measured (tests/maps/formseg.py: 24 pt; uncut 457 pt of a
# 463 pt frame). A brief's own GeoJSON, a band across the edge and a cap around the north pole,
# is cut too; a map centred on 0 is drawn as before.
. "$(dirname "$0")/lib.sh"
needs node rsvg-convert pdftoppm python3
SEG="$TESTS/maps/formseg.py"
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  if ctx.params.map == "world" then
    s:chart { kind = "map", map = "world", projection = "albers", centre = { tonumber(ctx.params.lon), 0 },
              parallels = { 20, 50 }, highlight = "Pakistan", caption = "World" }
  else
    s:chart { kind = "map", geo = "data/own.geojson", projection = "albers", centre = { 170, 0 },
              parallels = { 20, 50 }, highlight = "Band", caption = "Own" }
  end
end }
LUA
printf 'return { title = "Map", params = { map = "world", lon = "170" }, sections = { section "p" } }\n' > "$B/brief.lua"
python3 - "$B/data/own.geojson" <<'PY'
import json, sys
band = [[x, 10] for x in range(-30, 11, 2)] + [[x, 30] for x in range(10, -31, -2)]
cap = [[x if x <= 180 else x - 360, 70 + 2 * (x % 20 == 0)] for x in range(0, 360, 5)]
isl = [[x, -40] for x in range(100, 140, 2)] + [[140, y] for y in range(-40, -10, 2)] + \
      [[x, -10] for x in range(140, 100, -2)] + [[100, y] for y in range(-10, -40, -2)]
fs = [{"type": "Feature", "properties": {"name": n}, "geometry": {"type": "Polygon", "coordinates": [r + r[:1]]}}
      for n, r in (("Band", band), ("Cap", cap), ("Island", isl))]
json.dump({"type": "FeatureCollection", "features": fs}, open(sys.argv[1], "w"))
PY
within() { # within "differ=N mean=M": N <= 8 and M <= 2.2
    python3 -c 'import sys; d = dict(kv.split("=") for kv in sys.argv[1].split()); sys.exit(0 if float(d["differ"]) <= 8 and float(d["mean"]) <= 2.2 else 1)' "$1"
}
seg_below() { # seg_below PDF POINTS: the map's longest segment is shorter
    python3 "$SEG" "$1" | awk -v m="$2" '{ print; ok = $1 > 0 && $1 < m } END { exit !ok }'
}

run_briefc 0 build "$B" -o "$TMP/w170.pdf" --dump-layout "$TMP/w170.layout" -q
check "centre 170 E: no line across the map (longest segment under 60 pt)" seg_below "$TMP/w170.pdf" 60
if [ -f "$TESTS/maps/node_modules/d3-geo/package.json" ]; then
    set -- $(sed -n "s/.*image \([0-9.]*\),\([0-9.]*\) \([0-9.]*\)x\([0-9.]*\) 'map'.*/\1 \2 \3 \4/p" "$TMP/w170.layout")
    x=$1 y=$2 w=$3 h=$4
    X=$(printf '%.0f' "$x") Y=$(printf '%.0f' "$y") W=$(printf '%.0f' "$w") H=$(printf '%.0f' "$h")
    dy=$(awk -v a="$y" -v b="$Y" 'BEGIN { print a - b }')
    pdftoppm -r 72 -x "$X" -y "$Y" -W "$W" -H "$H" -png -singlefile "$TMP/w170.pdf" "$TMP/briefc"
    (cd "$TESTS/maps" && timeout 120 node d3albers.mjs "$ROOT/geo/world-50m.topojson" "$w" "$h" "$dy" 20 50 170) > "$TMP/d3.svg" ||
        bad "d3albers.mjs failed"
    rsvg-convert -b white "$TMP/d3.svg" -o "$TMP/d3.png"
    same=$(python3 "$TESTS/images/svgdiff.py" "$TMP/briefc.png" "$TMP/d3.png")
    check "centre 170 E matches d3-geo's cut ($same)" within "$same"
    (cd "$TESTS/maps" && timeout 120 node d3albers.mjs "$ROOT/geo/world-50m.topojson" "$w" "$h" "$dy" 20 50 120) > "$TMP/d3o.svg"
    rsvg-convert -b white "$TMP/d3o.svg" -o "$TMP/d3o.png"
    other=$(python3 "$TESTS/images/svgdiff.py" "$TMP/briefc.png" "$TMP/d3o.png")
    check "d3's map about 120 E is told apart ($other)" pf "! python3 -c 'import sys; d = dict(kv.split(\"=\") for kv in sys.argv[1].split()); sys.exit(0 if float(d[\"differ\"]) <= 8 and float(d[\"mean\"]) <= 2.2 else 1)' '$other'"
else
    bad "d3-geo is not installed: run sh tests/maps/setup.sh (make test-deps does)"
fi
run_briefc 0 build "$B" -D lon=-150 -o "$TMP/w-150.pdf" -q
check "centre 150 W: no line across the map" seg_below "$TMP/w-150.pdf" 60
run_briefc 0 build "$B" -D lon=0 -o "$TMP/w0.pdf" -q
check "centre 0: no line across the map either (the reader's cut at 180)" seg_below "$TMP/w0.pdf" 60
run_briefc 0 build "$B" -D map=own -o "$TMP/own.pdf" -q
check "a brief's own band and polar cap, cut at 10 W: no line across" seg_below "$TMP/own.pdf" 60
finish
