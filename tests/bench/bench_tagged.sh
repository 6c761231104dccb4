#!/bin/sh
# bench_tagged.sh BRIEFC OUT — what tagging costs (issue 14's target: at most 10 % in size and
# in time against --pdf-standard none): the sample brief's and a handout row's bytes in each
# standard, and the sample's callgrind instructions tagged and untagged (cache off). Figures,
# not a test (tests/e2e/tagged_size.sh holds the size ratchet).
set -eu
briefc=$1
out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
export SOURCE_DATE_EPOCH=1700000000
row() { # LABEL BRIEF ARGS...: bytes with every standard, and the default's cost over none
    label=$1 brief=$2
    shift 2
    "$briefc" build "$brief" -o "$out/t-none.pdf" -q --pdf-standard none "$@"
    n=$(stat -c %s "$out/t-none.pdf")
    line=""
    for s in a-2u ua-1 default; do
        if [ "$s" = default ]; then "$briefc" build "$brief" -o "$out/t.pdf" -q "$@"
        else "$briefc" build "$brief" -o "$out/t.pdf" -q --pdf-standard "$s" "$@"; fi
        b=$(stat -c %s "$out/t.pdf")
        line="$line $s $b B ($(awk -v a="$b" -v n="$n" 'BEGIN { printf "%+.1f %%", (a - n) * 100 / n }'));"
    done
    printf '%-34s none %s B;%s\n' "$label, tagged vs none" "$n" "$line"
}
row "sample brief" "$root/briefs/pakistan-us"
row "handout (FY2010)" "$root/briefs/handout" -D year=2010
if command -v valgrind >/dev/null 2>&1; then
    cg() {
        BRIEFC_CACHE_DIR= valgrind --tool=callgrind --callgrind-out-file=/dev/null "$briefc" build \
            "$root/briefs/pakistan-us" -o "$out/t.pdf" -q "$@" 2>&1 >/dev/null |
            awk '/Collected :/ { s += $4 } END { print s }'
    }
    t=$(cg) n=$(cg --pdf-standard none)
    awk -v t="$t" -v n="$n" 'BEGIN { printf "%-34s %.1f M tagged, %.1f M none (%+.1f %%, callgrind, cache off)\n",
        "sample brief, tagging instructions", t / 1e6, n / 1e6, (t - n) * 100 / n }'
fi
