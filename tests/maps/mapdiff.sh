#!/bin/sh
# mapdiff.sh BRIEFC — briefc's world map (Natural Earth projection, a locator with Pakistan
# highlighted) against d3-geo's drawing of the same file (d3map.mjs) through rsvg-convert, both
# at 72 dpi, compared pixel by pixel by tests/images/svgdiff.py. Needs d3-geo 3.1.1 beside
# topojson-client (both pinned in package.json; setup.sh installs them); ctest runs it as
# e2e_mapdiff (tests/e2e/mapdiff.sh). Measured on 2026-11-30 with
# d3-geo 3.1.1: differ=0 (per mille of pixels off by more than 64 in a channel), mean=1.24 of
# 255; 308 of 111,120 pixels (0.28 %) off by more than 32, at most 77 (islands under 0.5 pt
# that briefc leaves out, and antialiasing). d3's equirectangular against briefc's Natural
# Earth, as a negative control: differ=27, mean=9.61.
set -eu
briefc=$1
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/b/plugins"
cat > "$t/b/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:chart { kind = "map", map = "world", projection = "natural-earth", highlight = "Pakistan", caption = "World" }
end }
LUA
printf 'return { title = "Map", sections = { section "p" } }\n' > "$t/b/brief.lua"
"$briefc" build "$t/b" -o "$t/map.pdf" --dump-layout "$t/map.layout" -q
set -- $(sed -n "s/.*image \([0-9.]*\),\([0-9.]*\) \([0-9.]*\)x\([0-9.]*\) 'map'.*/\1 \2 \3 \4/p" "$t/map.layout")
x=$1 y=$2 w=$3 h=$4
X=$(printf '%.0f' "$x") Y=$(printf '%.0f' "$y") W=$(printf '%.0f' "$w") H=$(printf '%.0f' "$h")
dy=$(awk -v a="$y" -v b="$Y" 'BEGIN { print a - b }')
pdftoppm -r 72 -x "$X" -y "$Y" -W "$W" -H "$H" -png -singlefile "$t/map.pdf" "$t/briefc"
(cd "$here" && node d3map.mjs "$here/../../geo/world-50m.topojson" "$w" "$h" "$dy") > "$t/d3.svg"
rsvg-convert -b white "$t/d3.svg" -o "$t/d3.png"
python3 "$here/../images/svgdiff.py" "$t/briefc.png" "$t/d3.png"
