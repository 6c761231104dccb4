#!/bin/bash
# imgscale_planted.sh — the downsampled-image cache (image_scale.c, kind "imgscale") read back
# only for the size asked: an entry for one max_dpi copied over the file of another's key,
# with the cache's checksum made right for that key (cache.c's format, as zmemo.sh writes it),
# is a miss; the image is drawn at the size its own max_dpi gives, as with no cache at all.
. "$(dirname "$0")/lib.sh"
needs python3 pdfimages
MKJPEG="$(dirname "$BRIEFC")/mkjpeg"

B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
"$MKJPEG" rgb "$B/data/big.jpg" 1600 1200 || bad "mkjpeg failed"
cat > "$B/plugins/p.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:image { file = "data/big.jpg", alt = "Four quadrants", width = 60 }
end }
LUA
brief() { printf 'return { title = "Planted", images = { max_dpi = %s }, sections = { section "p" } }\n' "$1" > "$B/brief.lua"; }
size() { pdfimages -list "$1" | awk '$3 == "image" { print $4 "x" $5; exit }'; }
export BRIEFC_CACHE_DIR="$TMP/c"
brief 100
run_briefc 0 build "$B" -o "$TMP/a.pdf" -q || bad "max_dpi = 100 did not build"
mv "$TMP/c" "$TMP/c100"
brief 200
BRIEFC_CACHE_DIR= run_briefc 0 build "$B" -o "$TMP/none.pdf" -q || bad "no cache did not build"
run_briefc 0 build "$B" -o "$TMP/b.pdf" -q || bad "max_dpi = 200 did not build"
want=$(size "$TMP/none.pdf")
check "max_dpi 100 and 200 give different sizes ($(size "$TMP/a.pdf"), $want)" test "$(size "$TMP/a.pdf")" != "$want"
n100=$(ls "$TMP/c100"/imgscale-*.bin 2>/dev/null | wc -l)
n200=$(ls "$TMP/c"/imgscale-*.bin 2>/dev/null | wc -l)
check "one imgscale entry each ($n100, $n200)" test "$n100" -eq 1 -a "$n200" -eq 1
PYTHONPATH="$TESTS" python3 - "$TMP/c100"/imgscale-*.bin "$TMP/c"/imgscale-*.bin <<'PY'
import sys
from cache_entry import split, write
_, _, planted = split(sys.argv[1])
head, key, _ = split(sys.argv[2])
write(sys.argv[2], head, key, planted)
PY
run_briefc 0 build "$B" -o "$TMP/planted.pdf" -q || bad "the build over a planted entry failed"
check "a planted entry of another size is a miss ($(size "$TMP/planted.pdf"), want $want)" test "$(size "$TMP/planted.pdf")" = "$want"
check "the PDF is the one built with no cache" cmp "$TMP/planted.pdf" "$TMP/none.pdf"
finish
