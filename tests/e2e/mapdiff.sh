#!/bin/sh
# mapdiff.sh — briefc's world map against d3-geo's (issue 16): tests/maps/mapdiff.sh draws the
# shipped world in Natural Earth projection with briefc and with d3-geo 3.1.1 (pinned in
# tests/maps/package.json), both rasterised at 72 dpi, and compares them pixel by pixel. Measured
# when added: differ=0 (per mille of pixels off by more than 64 in a channel), mean=1.24 of 255.
# The bounds below leave room for antialiasing only; the negative control, d3's equirectangular
# drawing of the same world, must land outside them (measured differ=27, mean=9.61).
. "$(dirname "$0")/lib.sh"
needs node rsvg-convert pdftoppm python3

if [ ! -f "$TESTS/maps/node_modules/d3-geo/package.json" ]; then
    bad "d3-geo is not installed: run sh tests/maps/setup.sh (make test-deps does)"
    finish
fi
within() { # within "differ=N mean=M": N <= 2 and M <= 3
    python3 -c 'import sys; d = dict(kv.split("=") for kv in sys.argv[1].split()); sys.exit(0 if float(d["differ"]) <= 2 and float(d["mean"]) <= 3 else 1)' "$1"
}
outside() { [ -n "$1" ] && ! within "$1"; }
same=$(timeout 300 sh "$TESTS/maps/mapdiff.sh" "$BRIEFC" 2>&1) || bad "mapdiff.sh failed: $same"
check "briefc's Natural Earth world matches d3-geo's ($same)" within "$same"
other=$(D3PROJ=geoEquirectangular timeout 300 sh "$TESTS/maps/mapdiff.sh" "$BRIEFC" 2>&1) || bad "mapdiff.sh failed: $other"
check "another projection is told apart ($other)" outside "$other"
finish
