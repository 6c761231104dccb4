#!/bin/sh
# check.sh NAME — the golden_NAME test: the brief's layout dump, made by update.sh with the
# on-disk cache cold, then warm, then off, is byte for byte the one in tests/golden. On a
# difference it prints the start of the unified diff; `make golden` rewrites the goldens
# after an intended change.
set -u
BRIEFC=${BRIEFC:?set BRIEFC to the briefc binary}
here=$(cd "$(dirname "$0")" && pwd)
n=${1:?usage: check.sh NAME}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
text() { # text FILE-WITHOUT-.gz: the dump, whether it is stored as it is or compressed
    if [ -f "$1.gz" ]; then gzip -dc "$1.gz"; elif [ -f "$1" ]; then cat "$1"; else return 1; fi
}
if ! text "$here/$n.layout" > "$tmp/golden"; then
    echo "FAIL: no golden file tests/golden/$n.layout[.gz]: run make golden" >&2
    exit 1
fi
bad=0
for run in cold warm off; do
    case $run in
    off) cache= ;;
    *) cache=$tmp/cache ;;
    esac
    BRIEFC_CACHE_DIR=$cache timeout 300 sh "$here/update.sh" "$BRIEFC" "$tmp/$run" "$n" > /dev/null || exit 1
    text "$tmp/$run/$n.layout" > "$tmp/$run.txt" || exit 1
    if ! cmp -s "$tmp/golden" "$tmp/$run.txt"; then
        echo "FAIL: $n: the layout dump (cache $run) differs from tests/golden/$n.layout:" >&2
        diff -u "$tmp/golden" "$tmp/$run.txt" | sed -e "1s|.*|--- tests/golden/$n.layout|" \
            -e "2s|.*|+++ $n.layout (cache $run)|" | head -40 >&2
        echo "(an intended change? run make golden and review the diff before committing it)" >&2
        bad=1
        break
    fi
done
[ "$bad" -eq 0 ] && echo "golden $n: identical (cache cold, warm and off)"
exit "$bad"
