#!/bin/sh
# bench.sh BRIEFC — prints benchmark figures (make bench). Targets for the sample brief on the
# 2-core reference machine: median <= 15 ms, peak RSS <= 20 MB, PDF <= 80 KB.
set -eu
briefc=$1
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(dirname "$briefc")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin/runbench" 3 "warm-up" -- "$briefc" build "$root/briefs/pakistan-us" -o "$out/s.pdf" >/dev/null
"$bin/runbench" 50 "sample brief (whole process)" -- "$briefc" build "$root/briefs/pakistan-us" -o "$out/s.pdf"
size=$(stat -c %s "$out/s.pdf")
pages=$(pdfinfo "$out/s.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
echo "sample brief PDF                   $size bytes ($((size / 1024)) KB), ${pages:-?} pages"
"$bin/runbench" 50 "briefc --version (process floor)" -- "$briefc" --version
