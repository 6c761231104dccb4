#!/bin/sh
# bench_images.sh BRIEFC RUNBENCH OUT — the image rows of make bench (issue 16): a brief with a
# 12-megapixel JPEG and the sample's SVG logo (build time and size); 1,000 handouts with the
# logo in their running header against the same batch without it (rows a second and total
# bytes: the logo must cost once per file, not once per page); a world map (time and bytes).
set -eu
briefc=$1 runbench=$2 out=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v pdftoppm > /dev/null || { echo "image rows: pdftoppm (poppler-utils) is not installed; skipped"; exit 0; }

# 1. a 12-megapixel JPEG (4,000 x 3,000: the sample's chart page rendered by poppler) and the logo
P="$out/img"
mkdir -p "$P/data" "$P/plugins"
"$briefc" build "$root/briefs/pakistan-us" -o "$out/sample.pdf" -q
pdftoppm -jpeg -jpegopt quality=85 -f 3 -l 3 -scale-to-x 4000 -scale-to-y 3000 -singlefile \
    "$out/sample.pdf" "$P/data/photo"
cp "$root/briefs/pakistan-us/data/logo.svg" "$P/data/logo.svg"
cat > "$P/plugins/photo.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:paragraph("A photograph of twelve megapixels, placed at the width of the measure.")
  s:image { file = "data/photo.jpg", alt = "A test photograph", caption = "A 12-megapixel JPEG" }
end }
LUA
cat > "$P/brief.lua" <<'LUA'
return { title = "Images", language = "en-GB",
  sections = { section "title_block" { logo = { file = "data/logo.svg", width = 40 } }, section "photo" } }
LUA
"$briefc" build "$P" -o "$out/img.pdf" -q
"$runbench" 10 "12-megapixel JPEG and SVG logo ($(($(stat -c %s "$P/data/photo.jpg") / 1024)) KB in, $(($(stat -c %s "$out/img.pdf") / 1024)) KB out)" \
    -- "$briefc" build "$P" -o "$out/img.pdf"
# the same with images = { max_dpi = 300 }: the photo (placed at the measure, 163.5 mm) becomes
# 1,931 pixels wide (302 KB); the first build resamples it, the rows below reuse the on-disk cache
sed -i 's|^return { title = "Images",|return { title = "Images", images = { max_dpi = 300, jpeg_quality = 85 },|' "$P/brief.lua"
BRIEFC_CACHE_DIR="$out/dscache" "$briefc" build "$P" -o "$out/img300.pdf" -q
"$runbench" 10 "the same, max_dpi = 300, cached ($(($(stat -c %s "$out/img300.pdf") / 1024)) KB out)" \
    -- env BRIEFC_CACHE_DIR="$out/dscache" "$briefc" build "$P" -o "$out/img300.pdf"
"$runbench" 3 "the same, max_dpi = 300, no cache ($(($(stat -c %s "$out/img300.pdf") / 1024)) KB out)" \
    -- env BRIEFC_CACHE_DIR= "$briefc" build "$P" -o "$out/img300.pdf"

# 2. 1,000 handouts with a header logo, against the same batch without one
H="$out/hlogo"
rm -rf "$H"
cp -r "$root/briefs/handout" "$H"
cp "$root/briefs/pakistan-us/data/logo.svg" "$H/data/logo.svg"
sed -i 's|^  limits = { pages = 1 },|  limits = { pages = 1 },\n  theme = { header = { first = true, logo = { file = "data/logo.svg", width = 14 } } },|' "$H/brief.lua"
{ echo "copy,year"; i=0; while [ $i -lt 1000 ]; do echo "$i,$((2008 + i % 11))"; i=$((i + 1)); done; } > "$out/mlogo.csv"
for v in plain logo; do
    b=$root/briefs/handout; [ $v = logo ] && b=$H
    rm -rf "$out/h-$v"
    "$briefc" batch "$b" --rows "$out/mlogo.csv" --out "$out/h-$v/{copy}-FY{year}.pdf" -j 2 2>&1 |
        sed "s/^briefc: /1,000 handouts, $v header: /"
    echo "1,000 handouts, $v header: $(cat "$out/h-$v"/*.pdf | wc -c | awk '{ printf "%.0f", $1 / 1024 }') KB in all"
done

# 3. a world map (Natural Earth 1:50m, shipped)
W="$out/world"
mkdir -p "$W/plugins"
cat > "$W/plugins/world.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:chart { kind = "map", map = "world", caption = "The world", highlight = { "Pakistan" } }
end }
LUA
printf 'return { title = "World", language = "en-GB", sections = { section "world" } }\n' > "$W/brief.lua"
if "$briefc" build "$W" -o "$out/world.pdf" -q 2> "$out/world.err"; then
    "$runbench" 10 "world map ($(($(stat -c %s "$out/world.pdf") / 1024)) KB)" -- "$briefc" build "$W" -o "$out/world.pdf"
else
    echo "world map: $(head -1 "$out/world.err")"
fi
