#!/bin/sh
# docs.sh — the README's pictures (docs/img) are what `make docs` renders from the current
# briefc; after a change to layout or charts this fails until `make docs` is run and the PNGs
# committed.
. "$(dirname "$0")/lib.sh"
sh "$ROOT/docs/render.sh" "$BRIEFC" "$TMP/img" > /dev/null 2>&1
for f in sample-page1 sample-page2 charts-page1; do
    check "docs/img/$f.png renders" test -s "$TMP/img/$f.png"
    if cmp -s "$TMP/img/$f.png" "$ROOT/docs/img/$f.png"; then ok
    else bad "docs/img/$f.png is stale: run 'make docs' and commit docs/img"; fi
done
check "the README shows them" sh -c "grep -q 'docs/img/sample-page1.png' '$ROOT/README.md' && grep -q 'docs/img/charts-page1.png' '$ROOT/README.md'"
finish
