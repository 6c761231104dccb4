#!/bin/bash
# svgcache.sh — an SVG is decoded once per user: the decoded drawing kept in the on-disk
# cache, read back without opening libxml2, the same PDF as a build without a cache, a
# damaged or stale entry never used.
. "$(dirname "$0")/lib.sh"

B="$TMP/brief"
mkdir -p "$B/data"
cp "$ROOT/briefs/pakistan-us/data/logo.svg" "$B/data/logo.svg"
cat > "$B/brief.lua" <<'LUA'
return {
  title = "A logo", language = "en-GB",
  sections = { section "title_block" { logo = { file = "data/logo.svg", width = 40 } } },
}
LUA
export BRIEFC_CACHE_DIR="$TMP/c"
libxml() { LD_DEBUG=files "$BRIEFC" build "$B/brief.lua" -o "$1" 2>&1 | grep -c 'file=libxml2' || true; }

check "the first build decodes the SVG (libxml2 opened)" test "$(libxml "$TMP/1.pdf")" -gt 0
check "the decoded drawing is kept" sh -c "ls '$TMP/c' | grep -q '^svg-.*\.bin$'"
check "a second build reads it back without libxml2" test "$(libxml "$TMP/2.pdf")" = 0
BRIEFC_CACHE_DIR= "$BRIEFC" build "$B/brief.lua" -o "$TMP/none.pdf" 2>/dev/null
check "the same PDF as a build without the cache" cmp "$TMP/2.pdf" "$TMP/none.pdf"

# a damaged entry (its payload's last bytes flipped): a miss, the file decoded again
e=$(ls "$TMP/c"/svg-*.bin | head -1)
python3 - "$e" <<'PY'
import sys
p = sys.argv[1]; d = bytearray(open(p, 'rb').read())
for i in range(1, 9): d[-i] ^= 0x5A
open(p, 'wb').write(d)
PY
check "a damaged entry is not used (libxml2 opened again)" test "$(libxml "$TMP/3.pdf")" -gt 0
check "and the PDF is still right" cmp "$TMP/3.pdf" "$TMP/none.pdf"

# an edited SVG is a new key: never the old drawing
sed -i 's/#17406d/#a0302a/g' "$B/data/logo.svg"
"$BRIEFC" build "$B/brief.lua" -o "$TMP/4.pdf" 2>/dev/null
BRIEFC_CACHE_DIR= "$BRIEFC" build "$B/brief.lua" -o "$TMP/4none.pdf" 2>/dev/null
check "an edited SVG is drawn as edited" cmp "$TMP/4.pdf" "$TMP/4none.pdf"
check "and differs from the old drawing" sh -c "! cmp -s '$TMP/4.pdf' '$TMP/none.pdf'"
# a file over 3 KB: keyed by hashes, its bytes kept in the entry and compared
python3 - "$B/data/logo.svg" <<'PY'
import sys
rects = "".join('<rect x="%d" y="%d" width="8" height="8" fill="#%02x4080"/>' % (i % 20 * 10, i // 20 * 10, i)
                for i in range(200))
open(sys.argv[1], "w").write('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" '
                             'width="200" height="100">' + rects + '</svg>')
PY
check "the large SVG is over 3 KB" test "$(wc -c < "$B/data/logo.svg")" -gt 3000
check "a large SVG: first build decodes it" test "$(libxml "$TMP/5.pdf")" -gt 0
check "a large SVG: the second reads it back without libxml2" test "$(libxml "$TMP/6.pdf")" = 0
BRIEFC_CACHE_DIR= "$BRIEFC" build "$B/brief.lua" -o "$TMP/6none.pdf" 2>/dev/null
check "a large SVG: the same PDF as without the cache" cmp "$TMP/6.pdf" "$TMP/6none.pdf"
finish
