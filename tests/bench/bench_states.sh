#!/bin/sh
# bench_states.sh BRIEFC RUNBENCH OUT — the first rows of make bench (issue 20): the sample brief
# in each state of the on-disk cache, the process floor, the cost per page at about 10, 100 and
# 500 pages, and callgrind instruction counts for each. Figures, not a test: wall times move
# with the machine's load; instruction counts do not (a regression shows as a number there).
set -eu
briefc=$1 runbench=$2 out=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
sample=$root/briefs/pakistan-us

# The three states of a build. cold: the cache folder removed before each run (untimed), as on a
# first build after install or after a font changed; off: BRIEFC_CACHE_DIR empty, nothing read
# or written; warm: every run after the first, as for an analyst rebuilding a brief.
BRIEFC_CACHE_DIR="$out/cold" "$runbench" 20 "sample brief, cold cache" --before "rm -rf '$out/cold'" \
    -- "$briefc" build "$sample" -o "$out/s.pdf"
BRIEFC_CACHE_DIR= "$runbench" 20 "sample brief, cache off" -- "$briefc" build "$sample" -o "$out/s.pdf"
BRIEFC_CACHE_DIR="$out/warm" "$briefc" build "$sample" -o "$out/s.pdf" -q
BRIEFC_CACHE_DIR="$out/warm" "$runbench" 30 "sample brief, warm cache" -- "$briefc" build "$sample" -o "$out/s.pdf"

# The process floor: briefc --version against true, and what the loader opens at start.
"$runbench" 50 "true (the machine's floor)" -- true
"$runbench" 50 "briefc --version (process floor)" -- "$briefc" --version
echo "shared objects at start            $(ldd "$briefc" | grep -c '=>') (ldd)"

# Cost per page: the stress brief at about 10, 100 and 500 pages, half prose with a footnote a
# paragraph, half a long table (params scaled together; a fixed ten pages of callout, chart and
# a row taller than a page). Flat means the per-page figure does not rise with the page count.
stress() { # N: the -D options for about N pages
    m=$(($1 - 10))
    echo "-D paragraphs=$((m * 16 / 10)) -D rows=$((m * 19 + 5))"
}
for n in 10 100 500; do
    # shellcheck disable=SC2046 # word splitting of the -D options is meant
    BRIEFC_CACHE_DIR= "$briefc" build "$root/tests/briefs/stress" -o "$out/p$n.pdf" -q $(stress $n)
    pages=$(pdfinfo "$out/p$n.pdf" | awk '/^Pages:/ { print $2 }')
    # shellcheck disable=SC2046
    BRIEFC_CACHE_DIR= "$runbench" 5 "stress brief, $pages pages, cache off" -- "$briefc" build \
        "$root/tests/briefs/stress" -o "$out/p$n.pdf" -q $(stress $n) |
        awk -v p="$pages" '{ print; for (i = 1; i < NF; i++) if ($i == "median") m = $(i + 1) }
            END { printf "  per page                         %.3f ms\n", m / p }'
done
# The 500-page brief untagged: what the structure tree costs in time and memory (tagged is
# the default, above).
# shellcheck disable=SC2046
BRIEFC_CACHE_DIR= "$runbench" 5 "stress brief, $pages pages, untagged" -- "$briefc" build \
    "$root/tests/briefs/stress" -o "$out/p500u.pdf" -q --pdf-standard none $(stress 500)

# Instructions (callgrind: the same figure on every run and machine load). Every process is
# counted: a build's supervisor and the child that does the work.
if command -v valgrind >/dev/null 2>&1; then
    cg() { # LABEL COMMAND...: prints the instructions of all processes, in millions
        label=$1
        shift
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            awk -v l="$label" '/Collected :/ { s += $4 } END { printf "%-34s %8.1f M instructions (callgrind)\n", l, s / 1e6 }'
    }
    rm -rf "$out/cgc"
    BRIEFC_CACHE_DIR="$out/cgc" cg "sample brief, cold cache" "$briefc" build "$sample" -o "$out/s.pdf" -q
    BRIEFC_CACHE_DIR= cg "sample brief, cache off" "$briefc" build "$sample" -o "$out/s.pdf" -q
    BRIEFC_CACHE_DIR="$out/cgc" cg "sample brief, warm cache" "$briefc" build "$sample" -o "$out/s.pdf" -q
    cg "briefc --version" "$briefc" --version
    cg "true" true
    for n in 10 100; do
        # shellcheck disable=SC2046
        BRIEFC_CACHE_DIR= cg "stress brief, $(pdfinfo "$out/p$n.pdf" | awk '/^Pages:/ { print $2 }') pages, cache off" \
            "$briefc" build "$root/tests/briefs/stress" -o "$out/p$n.pdf" -q $(stress $n)
    done
fi
