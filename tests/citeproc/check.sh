#!/bin/sh
# ctest `citeproc`: briefc's reference list and citations against citeproc-js's, entry by
# entry, for the corpus (entries.json, cites.txt, allow.txt) and for the sample brief's
# bibliography and the citations its text makes (sample-cites.txt, sample-allow.txt). A
# missing node or npm install fails (never skips).
set -eu
here=$(dirname "$0")
dump=$1
command -v node >/dev/null || { echo "citeproc: error: node is not installed (run make test-deps)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0
compare() { # compare ENTRIES CITES ALLOW
    echo "== $1"
    timeout 60 node "$here/oracle.js" "$1" "$2" >"$tmp/oracle"
    timeout 60 "$dump" "$1" "$2" >"$tmp/briefc"
    timeout 60 node "$here/compare.js" "$tmp/oracle" "$tmp/briefc" "$3" "$1" || rc=1
}
compare "$here/entries.json" "$here/cites.txt" "$here/allow.txt"
compare "$here/../../briefs/pakistan-us/data/references.json" "$here/sample-cites.txt" "$here/sample-allow.txt"
exit $rc
