#!/bin/bash
# perf.sh — what the speed work of issue 20 must keep true, checked without timing anything:
#   - the process floor: libmicrohttpd and GnuTLS are not loaded at start (serve opens them);
#   - batch durability: workers write without a flush per file, the parent flushes each file
#     system once after the last row, and a single build still flushes its PDF (fdatasync);
#   - the sRGB profile deflated once per process still decodes to the profile itself, in
#     every PDF of a batch, with the filter written as libharu writes it;
#   - a cold cache, a warm one and none give the same PDF bytes.
. "$(dirname "$0")/lib.sh"

# --- the floor: no HTTP or TLS library at start
needed=$(readelf -d "$BRIEFC" | awk '/NEEDED/ { print $NF }')
check "briefc needs no libmicrohttpd at start (opened by serve)" sh -c "! printf '%s\n' '$needed' | grep -q microhttpd"
check "briefc needs no GnuTLS at start" sh -c "! ldd '$BRIEFC' | grep -q gnutls"
# libraries opened on first need (base/dl.h): libxml2 would bring ICU and libstdc++ to every start
# (a sanitizer build links libstdc++ at start: LeakSanitizer's tracer dies when it comes late)
libs="libxml2 libicuuc libharfbuzz libfontconfig"
[ -z "${BRIEFC_TEST_SLOW:-}" ] && libs="$libs libstdc++"
for lib in $libs; do
    check "briefc loads no $lib at start" sh -c "! ldd '$BRIEFC' | grep -q '$lib'"
done
check "briefc --version runs" sh -c "'$BRIEFC' --version | grep -q '^briefc '"

# --- batch: flushed once per file system, after the last row
{ echo "copy,year"; for i in 1 2 3 4 5 6; do echo "$i,$((2008 + i))"; done; } > "$TMP/m.csv"
# (LeakSanitizer cannot work under ptrace: leaks are checked by every other run)
ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" timeout 120 strace -f -qq -e trace=fdatasync,syncfs,rename -o "$TMP/batch.trace" \
    "$BRIEFC" batch "$ROOT/briefs/handout" --rows "$TMP/m.csv" --out "$TMP/out/{copy}-FY{year}.pdf" -j 2 -q \
    2> "$TMP/batch.err"
check "batch with deferred flushing exits 0" test $? -eq 0
check "batch wrote its six PDFs" test "$(ls "$TMP/out" | grep -c '\.pdf$')" -eq 6
check "batch workers flush no file one by one" sh -c "! grep -q fdatasync '$TMP/batch.trace'"
check "batch flushes the output file system" grep -q 'syncfs(.*= 0' "$TMP/batch.trace"
last_rename=$(grep -n 'rename(' "$TMP/batch.trace" | tail -1 | cut -d: -f1)
first_sync=$(grep -n 'syncfs(' "$TMP/batch.trace" | head -1 | cut -d: -f1)
check "the flush comes after the last PDF is renamed into place" test "${first_sync:-0}" -gt "${last_rename:-999999}"
check "six renames, one a PDF" test "$(grep -c 'rename(.*\.pdf"' "$TMP/batch.trace")" -eq 6

ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" timeout 60 strace -f -qq -e trace=fdatasync,syncfs -o "$TMP/build.trace" \
    "$BRIEFC" build "$ROOT/briefs/handout" -o "$TMP/one.pdf" -q -D year=2009
check "a single build still flushes its PDF" grep -q 'fdatasync(.*= 0' "$TMP/build.trace"
check "a single build's PDF equals the batch row's" cmp "$TMP/one.pdf" "$TMP/out/1-FY2009.pdf"

# --- the sRGB profile: decodes to the file, filter written as libharu writes it
icc_ok() { # PDF: the /N 3 stream inflates to briefc's own sRGB profile (core/pdf/pdf_icc.c)
    python3 - "$1" <<'PY'
import re, sys, zlib
d = open(sys.argv[1], "rb").read()
m = re.search(rb"/N 3\n/Filter \[ /FlateDecode \]\n>>\nstream\r?\n", d)
if not m:
    sys.exit("no output intent profile with its filter as libharu writes it")
z = zlib.decompressobj()
got = z.decompress(d[m.end():])
ok = len(got) > 128 and int.from_bytes(got[:4], "big") == len(got) and got[36:40] == b"acsp"
sys.exit(0 if ok and got[12:20] == b"mntrRGB " and z.eof else "the profile does not inflate to an sRGB profile")
PY
}
check "the sample's sRGB profile inflates to the profile" icc_ok "$TMP/one.pdf"
check "a batch row's sRGB profile inflates to the profile (deflated once per worker)" icc_ok "$TMP/out/6-FY2014.pdf"

# --- cold, warm and off: the same bytes (kerning entries hold the pairs used, see kernlazy.sh)
rm -rf "$TMP/c1"
BRIEFC_CACHE_DIR="$TMP/c1" run_briefc 0 build "$ROOT/briefs/pakistan-us" -o "$TMP/cold.pdf" -q
BRIEFC_CACHE_DIR="$TMP/c1" run_briefc 0 build "$ROOT/briefs/pakistan-us" -o "$TMP/warm.pdf" -q
BRIEFC_CACHE_DIR= run_briefc 0 build "$ROOT/briefs/pakistan-us" -o "$TMP/off.pdf" -q
check "cold and warm builds give the same PDF" cmp "$TMP/cold.pdf" "$TMP/warm.pdf"
check "cold and cache-off builds give the same PDF" cmp "$TMP/cold.pdf" "$TMP/off.pdf"
check "the cold build stored a kerning table per font" test "$(ls "$TMP/c1" | grep -c '^kern-')" -ge 4

finish
