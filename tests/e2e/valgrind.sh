#!/bin/bash
# valgrind.sh — the sample brief under valgrind: no memory errors and no leaks of our own.
# (glib, loaded by HarfBuzz, keeps a few "still reachable" blocks from its initialisers.)
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
    bad "valgrind is not installed (scripts/deps.sh test installs it)"
    finish
    exit 1
fi
valgrind --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$BRIEFC" build "$ROOT/briefs/pakistan-us" \
    -o "$TMP/v.pdf" > "$TMP/vg.txt" 2>&1
rc=$?
check "valgrind: no errors, no leaks (exit $rc)" test "$rc" -eq 0
[ "$rc" -eq 0 ] || tail -30 "$TMP/vg.txt" >&2
check "valgrind: the PDF was written" test -s "$TMP/v.pdf"
check "valgrind: the PDF opens in five readers" sh "$TESTS/pdfcheck.sh" "$TMP/v.pdf"
# a failing build must not leak either
valgrind --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$BRIEFC" build "$TESTS/briefs/runtime-error" -o "$TMP/x.pdf" > "$TMP/vg2.txt" 2>&1
rc=$?
check "valgrind: a failing plugin leaks nothing (exit $rc, want 1)" test "$rc" -eq 1
finish
