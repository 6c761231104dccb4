#!/bin/sh
# render.sh — `make docs`: the README's pictures, rendered from the real output of the sample
# brief and the chart gallery (page 1 of each, and page 2 of the sample), so they never drift
# from what briefc makes. Usage: sh docs/render.sh BRIEFC [OUTDIR]
set -eu
BRIEFC=${1:?usage: render.sh BRIEFC [OUTDIR]}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${2:-$ROOT/docs/img}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export BRIEFC_CACHE_DIR="$TMP/cache"
mkdir -p "$OUT"
"$BRIEFC" build "$ROOT/briefs/pakistan-us" -o "$TMP/sample.pdf" -q
"$BRIEFC" build "$ROOT/briefs/charts" -o "$TMP/charts.pdf" -q
# 60 dpi: an A4 page is 496 x 702 pixels, enough to see the page, small enough for git
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$TMP/sample.pdf" "$OUT/sample-page1"
pdftoppm -png -r 60 -f 2 -l 2 -singlefile "$TMP/sample.pdf" "$OUT/sample-page2"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$TMP/charts.pdf" "$OUT/charts-page1"
ls "$OUT"/*.png
