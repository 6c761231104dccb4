#!/bin/bash
# geo_many_files.sh — a brief that draws more distinct map files than the process's geo cache
# holds (geo_cache.c keeps four): every map is drawn after all plugins ran, so an entry put out
# for a fifth file would leave the first map's shared points freed (a use after free the
# sanitizer build reports, wrong shapes in a plain build). Each map must be drawn from its own
# file: the first map and a later map of the same file are the same picture, and the same as
# that file's map in a brief of its own.
. "$(dirname "$0")/lib.sh"

B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
for i in 1 2 3 4 5 6 7; do
    printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"R%d"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[%d,0],[%d,%d],[0,0]]]}}]}' \
        "$i" $((i * 5)) $((i * 5)) $((i * 3)) > "$B/data/g$i.geojson"
done
echo 'return { title = "Many maps", sections = { section "m" } }' > "$B/brief.lua"
cat > "$B/plugins/m.lua" <<'LUA'
return { name = "m", version = "1", api = 1, render = function(s, ctx)
  for i = 1, 7 do s:chart { kind = "map", geo = "data/g" .. i .. ".geojson", caption = "M" .. i } end
  s:chart { kind = "map", geo = "data/g1.geojson", caption = "again" }
end }
LUA
(cd "$B" && run_briefc 0 build . -o "$TMP/many.pdf" --dump-layout "$TMP/many.dump" -q) ||
    bad "seven map files in one build did not build"
check "a PDF" test -s "$TMP/many.pdf"

A="$TMP/a"
mkdir -p "$A/plugins" "$A/data"
cp "$B/data/g1.geojson" "$A/data/"
echo 'return { title = "One map", sections = { section "m" } }' > "$A/brief.lua"
cat > "$A/plugins/m.lua" <<'LUA'
return { name = "m", version = "1", api = 1, render = function(s, ctx)
  s:chart { kind = "map", geo = "data/g1.geojson", caption = "M1" }
end }
LUA
(cd "$A" && run_briefc 0 build . -o "$TMP/one.pdf" --dump-layout "$TMP/one.dump" -q) ||
    bad "one map did not build"

# the picture's hash on the image line after a caption
pic() { awk -v c="\"$2\"" '$0 ~ c { f = 1; next } f && /image/ { print $NF; exit }' "$1"; }
h1=$(pic "$TMP/many.dump" M1)
h8=$(pic "$TMP/many.dump" again)
h0=$(pic "$TMP/one.dump" M1)
h5=$(pic "$TMP/many.dump" M5)
check "the first map has a picture ($h1)" test -n "$h1"
check "the first map is the same as the last map of the same file" test "$h1" = "$h8"
check "the first map is the same as that file's map alone" test "$h1" = "$h0"
check "another file's map is another picture" test "$h1" != "$h5"
finish
