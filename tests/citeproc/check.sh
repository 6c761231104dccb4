#!/bin/sh
# ctest `citeproc`: briefc's reference list and citations for entries.json and cites.txt
# against citeproc-js's, entry by entry. A missing npm install fails (never skips).
set -eu
here=$(dirname "$0")
dump=$1
command -v node >/dev/null || { echo "citeproc: error: node is not installed (run make test-deps)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeout 60 node "$here/oracle.js" "$here/entries.json" "$here/cites.txt" >"$tmp/oracle"
timeout 60 "$dump" "$here/entries.json" "$here/cites.txt" >"$tmp/briefc"
timeout 60 node "$here/compare.js" "$tmp/oracle" "$tmp/briefc" "$here/allow.txt"
