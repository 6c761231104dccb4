#!/bin/bash
# prefetch.sh — with nothing cached, a build opens HarfBuzz's subsetter (and libxml2 when the
# brief's folder holds an SVG) on a second thread while the plugins run (dl.h, build.c):
#   - cache off: one thread is made, and it opens the subsetter (and libxml2, unless the first
#     plugin gets to its SVG first), each library once;
#   - a brief with no SVG in its folder: the thread opens the subsetter only;
#   - a warm build makes no thread and opens neither;
#   - the PDF is the same in every state.
. "$(dirname "$0")/lib.sh"

command -v strace > /dev/null || { echo "prefetch.sh: strace is not installed"; exit 1; }
S="$ROOT/briefs/pakistan-us"
export SOURCE_DATE_EPOCH=1700000000
trace() { # OUT CACHE BRIEF PDF: the build's thread creations and library opens into OUT
    ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" BRIEFC_CACHE_DIR="$2" timeout 120 strace -f -qq \
        -e trace=clone,clone3,openat -o "$1" "$BRIEFC" build "$3" -o "$4" -q
}
# the ids of the threads made (CLONE_THREAD), one a line
threads() { awk '/clone3?\(.*CLONE_THREAD/ { sub(/.*= /, ""); print }' "$1"; }
# the id that opened library $2 (the first open that succeeded)
opener() { awk -v lib="$2" 'index($0, lib) && /openat/ && !/= -1/ { print $1; exit }' "$1"; }

trace "$TMP/off.trace" "" "$S" "$TMP/off.pdf"
check "cache off: the build succeeds" test -s "$TMP/off.pdf"
t=$(threads "$TMP/off.trace")
check "cache off: one thread is made ($t)" test "$(echo "$t" | grep -c .)" = 1
# the logo is an SVG: libxml2 is opened once, by that thread unless the first plugin reached
# the logo before the thread got going (on a loaded machine), which is fine
check "cache off: libxml2 is opened, once" \
    test "$(grep 'openat' "$TMP/off.trace" | grep 'libxml2.so.2' | grep -vc '= -1')" = 1
check "cache off: that thread opens HarfBuzz's subsetter" \
    test "$(opener "$TMP/off.trace" libharfbuzz-subset.so.0)" = "$t"

# the same brief with its logo as PNG and no SVG in the folder: no libxml2 at all
mkdir -p "$TMP/nosvg"
cp -r "$S"/. "$TMP/nosvg/"
rm "$TMP/nosvg/data/logo.svg"
sed -i 's|data/logo.svg|data/logo.png|' "$TMP/nosvg/brief.lua"
pdftoppm -r 20 -png -singlefile "$TMP/off.pdf" "$TMP/nosvg/data/logo" 2> /dev/null
trace "$TMP/nosvg.trace" "" "$TMP/nosvg" "$TMP/nosvg.pdf"
check "no SVG in the folder: the build succeeds" test -s "$TMP/nosvg.pdf"
t=$(threads "$TMP/nosvg.trace")
check "no SVG in the folder: libxml2 is never opened" pf "! grepq 'libxml2.so' '$TMP/nosvg.trace'"
check "no SVG in the folder: the thread opens the subsetter" \
    test "$(opener "$TMP/nosvg.trace" libharfbuzz-subset.so.0)" = "$t"

C="$TMP/warm"
trace "$TMP/cold.trace" "$C" "$S" "$TMP/cold.pdf"
check "cold (no cache folder yet): one thread is made" test "$(threads "$TMP/cold.trace" | grep -c .)" = 1
trace "$TMP/warm.trace" "$C" "$S" "$TMP/warm.pdf"
check "warm: no thread is made" test "$(threads "$TMP/warm.trace" | grep -c .)" = 0
check "warm: neither library is opened" \
    pf "! grepq -e 'libxml2.so' -e 'libharfbuzz-subset.so' '$TMP/warm.trace'"
check "the PDF is the same cache off, cold and warm" \
    sh -c "cmp '$TMP/off.pdf' '$TMP/cold.pdf' && cmp '$TMP/off.pdf' '$TMP/warm.pdf'"
finish
