#!/bin/sh
# downsample.sh — images = { max_dpi, jpeg_quality } (issue 16): a photo placed finer than
# max_dpi is reduced by area averaging and re-encoded. A 12-megapixel JPEG (4,000 x 3,000, four
# coloured quadrants, made by the mkjpeg test tool) placed 60 mm wide at 300 dpi becomes one
# 709 x 532 DCT image XObject (60 mm = 2.362 in, x 300 = 708.7, rounded up) however often it is
# drawn, its quadrants' colours kept; a rebuild gives the same bytes from the on-disk cache, and
# so does a build with the cache off. A PNG with alpha is reduced losslessly (Flate, its soft
# mask reduced alike); without images.max_dpi nothing is resampled; an image already coarse
# enough and an SVG are left alone; bad settings fail at their line with exit status 1.
. "$(dirname "$0")/lib.sh"
needs python3 pdfimages
MKJPEG="$(dirname "$BRIEFC")/mkjpeg"

B="$TMP/ds"
mkdir -p "$B/plugins" "$B/data"
"$MKJPEG" rgb "$B/data/big.jpg" 4000 3000 || bad "mkjpeg failed"
python3 "$TESTS/images/mkpng.py" "$B/data" /usr/share/color/icc/sRGB.icc || bad "mkpng.py failed"
cp "$ROOT/briefs/pakistan-us/data/logo.svg" "$B/data/logo.svg"
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:image { file = "data/big.jpg", alt = "Four quadrants", width = 60, caption = "Twelve megapixels" }
  s:image { file = "data/big.jpg", alt = "Four quadrants again", width = 60 }
  s:image { file = "data/rgba.png", alt = "A PNG with alpha", width = 10 }
  s:image { file = "data/rgb8.png", alt = "A small PNG, coarse enough", width = 100 }
  s:image { file = "data/logo.svg", alt = "The logo", width = 40 }
end }
LUA
brief() { # brief IMAGES-TABLE
    printf 'return { title = "Downsampling",%s sections = { section "p" } }\n' "$1" > "$B/brief.lua"
}
brief ' images = { max_dpi = 300, jpeg_quality = 85 },'
export BRIEFC_CACHE_DIR="$TMP/cache"
check "builds with max_dpi = 300" run_briefc 0 build "$B" -o "$TMP/a.pdf" -q
pdfimages -list "$TMP/a.pdf" > "$TMP/a.list"
cat "$TMP/a.list"
# page num type width height color comp bpc enc interp object ...
check "the JPEG is one 709 x 532 DCT XObject" pf "awk '\$3 == \"image\" && \$4 == 709 && \$5 == 532 && \$9 == \"jpeg\" { print \$11 }' '$TMP/a.list' | sort -u | wc -l | grep -qx 1"
check "drawn twice" pf "awk '\$4 == 709 && \$5 == 532' '$TMP/a.list' | wc -l | grep -qx 2"
check "no 4000 x 3000 image is left" pf "! grepq -E ' 4000 +3000 ' '$TMP/a.list'"
# rgba.png (40 x 20) at 10 mm and 300 dpi: 10 mm = 0.394 in, x 300 = 118.1 px: coarse enough,
# kept; rgb8.png at 100 mm too: both 40 x 20
check "coarse PNGs are kept as they are" pf "awk '\$4 == 40 && \$5 == 20' '$TMP/a.list' | wc -l | grep -q '^[2-9]'"
check "an image is nowhere finer than 300 ppi" pf "awk 'NR > 2 && \$3 == \"image\" && (\$13 > 301 || \$14 > 301) { bad = 1 } END { exit bad }' '$TMP/a.list'"

# the quadrants survive: red, green / blue, white at each quadrant's centre
pdfimages -f 1 -l 1 "$TMP/a.pdf" "$TMP/x"
check "the quadrants' colours are kept" python3 - "$TMP" <<'PY'
import glob, sys
def ppm(p):
    d = open(p, 'rb').read()
    parts = d.split(maxsplit=4)
    assert parts[0] == b'P6', parts[0]
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4]
found = False
for p in sorted(glob.glob(sys.argv[1] + '/x-*.ppm')):
    w, h, px = ppm(p)
    if (w, h) != (709, 532):
        continue
    found = True
    want = {(0.25, 0.25): (255, 0, 0), (0.75, 0.25): (0, 255, 0), (0.25, 0.75): (0, 0, 255), (0.75, 0.75): (255, 255, 255)}
    for (fx, fy), rgb in want.items():
        i = (int(fy * h) * w + int(fx * w)) * 3
        got = tuple(px[i:i + 3])
        assert all(abs(a - b) <= 24 for a, b in zip(got, rgb)), (p, fx, fy, got, rgb)  # mkjpeg's own file decodes to about (239, 15, 13)
    # the edge between red and green is averaged, not picked: a column of mixed pixels or a
    # sharp step at the middle, never a colour from elsewhere
    i = (int(0.25 * h) * w + w // 2) * 3
    r, g, b = px[i:i + 3]
    assert b <= 20, (r, g, b)
assert found, "no 709 x 532 image extracted"
PY

# a rebuild: the same bytes, from the cache; and with the cache off
check "a rebuild gives the same bytes" pf "'$BRIEFC' build '$B' -o '$TMP/b.pdf' -q && cmp '$TMP/a.pdf' '$TMP/b.pdf'"
check "the downsampled image is in the cache" pf "ls '$TMP/cache' | grepq '^imgscale-'"
check "with the cache off, the same bytes" pf "BRIEFC_CACHE_DIR= '$BRIEFC' build '$B' -o '$TMP/c.pdf' -q && cmp '$TMP/a.pdf' '$TMP/c.pdf'"
# a damaged cache entry is a miss, never a wrong image
for f in "$TMP"/cache/imgscale-*; do printf 'garbage' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null; done
check "a damaged cache entry is not used" pf "'$BRIEFC' build '$B' -o '$TMP/d.pdf' -q && cmp '$TMP/a.pdf' '$TMP/d.pdf'"

# a PNG with alpha reduced losslessly, with its soft mask: rgba.png at 5 mm and 72 dpi is
# 5 / 25.4 x 72 = 14.2 -> 15 px wide, 8 high (20 x 15 / 40 = 7.5, rounded away from zero)
brief ' images = { max_dpi = 72 },'
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:image { file = "data/rgba.png", alt = "A PNG with alpha", width = 5 }
end }
LUA
check "builds with max_dpi = 72" run_briefc 0 build "$B" -o "$TMP/p.pdf" -q
pdfimages -list "$TMP/p.pdf" > "$TMP/p.list"
cat "$TMP/p.list"
check "the PNG is 15 x 8, deflated" pf "awk '\$3 == \"image\" && \$4 == 15 && \$5 == 8 && \$9 == \"image\"' '$TMP/p.list' | grepq ."
check "its soft mask is 15 x 8 too" pf "awk '\$3 == \"smask\" && \$4 == 15 && \$5 == 8' '$TMP/p.list' | grepq ."

# without images.max_dpi: nothing is resampled
brief ''
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:image { file = "data/big.jpg", alt = "Four quadrants", width = 60 }
end }
LUA
check "builds without images" run_briefc 0 build "$B" -o "$TMP/n.pdf" -q
check "the JPEG is embedded whole" pf "pdfimages -list '$TMP/n.pdf' | grepq -E ' 4000 +3000 '"
check "and passed through byte for byte" pf "[ \$(stat -c %s '$TMP/n.pdf') -gt \$(stat -c %s '$B/data/big.jpg') ]"

# bad settings
bad_brief() { # bad_brief IMAGES-TABLE MESSAGE-PART
    brief " images = $1,"
    check "images = $1 fails" pf "! '$BRIEFC' build '$B' -o '$TMP/bad.pdf' 2> '$TMP/bad.err'; grep -qF -- '$2' '$TMP/bad.err' && [ ! -e '$TMP/bad.pdf' ]"
    cat "$TMP/bad.err"
}
bad_brief '{ max_dpi = 10 }' 'max_dpi'
bad_brief '{ max_dpi = 300, jpeg_quality = 0 }' 'jpeg_quality'
bad_brief '{ dpi = 300 }' 'dpi'
bad_brief '300' 'must be a table'
bad_brief '{ max_dpi = 0/0 }' 'finite number between 36 and 2400 (got nan)'
bad_brief '{ max_dpi = 1/0 }' 'finite number between 36 and 2400 (got inf)'
bad_brief '{ max_dpi = 300, jpeg_quality = -1/0 }' 'jpeg_quality'
bad_brief 'setmetatable({}, { __index = function() error("boom") end })' 'has a metatable'
finish
