#!/bin/bash
# zmemo.sh — page content streams deflated once: a warm rebuild reads each page's deflated
# bytes back from the on-disk cache, and uses them only when they inflate to the page's
# content exactly. Entries are rewritten here with a valid cache checksum (cache.c's format),
# so only zmemo's own check stands between a wrong entry and the PDF.
. "$(dirname "$0")/lib.sh"

S="$ROOT/briefs/pakistan-us"
export BRIEFC_CACHE_DIR="$TMP/c"
BRIEFC_CACHE_DIR= "$BRIEFC" build "$S" -o "$TMP/none.pdf" -q
"$BRIEFC" build "$S" -o "$TMP/cold.pdf" -q
check "a build with a cold cache is the build without one" cmp "$TMP/cold.pdf" "$TMP/none.pdf"
n=$(ls "$TMP/c" | grep -c '^zpage-.*\.bin$' || true)
check "each page's deflated content is kept ($n entries)" test "$n" -ge 3
"$BRIEFC" build "$S" -o "$TMP/warm.pdf" -q
check "a warm rebuild is byte for byte the same" cmp "$TMP/warm.pdf" "$TMP/none.pdf"

# rewrite every zpage entry's payload with python's zlib: MODE same = the same content at
# level 9 (valid, other bytes), other = a content one byte different (valid zlib, wrong page)
rewrite() {
    PYTHONPATH="$TESTS" python3 - "$1" "$TMP/c"/zpage-*.bin <<'PY'
import sys, zlib
from cache_entry import split, write
mode = sys.argv[1]
for path in sys.argv[2:]:
    head, key, payload = split(path)
    raw = zlib.decompress(payload)
    if mode == 'other':
        raw = raw.replace(b' Tf', b' Tf ', 1) if b' Tf' in raw else raw + b' '
    write(path, head, key, zlib.compress(raw, 9))
PY
}
rewrite same
"$BRIEFC" build "$S" -o "$TMP/same.pdf" -q
check "an entry is read back: other valid bytes for the same content end up in the PDF" \
    sh -c "! cmp -s '$TMP/same.pdf' '$TMP/none.pdf'"
check "and that PDF is sound" qpdf --check "$TMP/same.pdf"
rm -rf "$TMP/c"
"$BRIEFC" build "$S" -o "$TMP/cold2.pdf" -q
rewrite other
"$BRIEFC" build "$S" -o "$TMP/other.pdf" -q
check "an entry that inflates to another page's content is never used" cmp "$TMP/other.pdf" "$TMP/none.pdf"
"$BRIEFC" build "$S" -o "$TMP/again.pdf" -q
check "it was replaced by the right one" cmp "$TMP/again.pdf" "$TMP/none.pdf"
# damaged payloads (cache.c's checksum no longer matches) and truncated entries: misses
for e in "$TMP/c"/zpage-*.bin; do printf 'xxxxxxxx' | dd of="$e" bs=1 seek=40 conv=notrunc 2>/dev/null; done
"$BRIEFC" build "$S" -o "$TMP/damaged.pdf" -q
check "damaged entries are misses" cmp "$TMP/damaged.pdf" "$TMP/none.pdf"
for e in "$TMP/c"/zpage-*.bin; do truncate -s 30 "$e"; done
"$BRIEFC" build "$S" -o "$TMP/short.pdf" -q
check "truncated entries are misses" cmp "$TMP/short.pdf" "$TMP/none.pdf"
# a batch's rows differ page by page: its workers keep no entries (one a row would churn)
printf 'copy,year\n1,2010\n2,2011\n3,2012\n' > "$TMP/rows.csv"
BRIEFC_CACHE_DIR="$TMP/cb" "$BRIEFC" batch "$ROOT/briefs/handout" --rows "$TMP/rows.csv" \
    --out "$TMP/rows/{copy}.pdf" -j 2 2>/dev/null
check "a batch built its rows" test -s "$TMP/rows/3.pdf"
check "and kept no deflated pages" sh -c "! ls '$TMP/cb' | grep -q '^zpage-'"
finish
