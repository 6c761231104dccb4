#!/bin/bash
# kernlazy.sh — the on-disk kerning entries of issue 20 hold only the pairs a brief used, and
# grow as other briefs use more, without ever changing a PDF:
#   - a cold build writes small entries (the rows it used), not every pair of every font;
#   - a second brief with other letters adds its rows to the same entries, and its PDF is the
#     one the cache-off build gives; rebuilding it then writes no entry at all;
#   - a damaged or truncated entry is made again, never read.
. "$(dirname "$0")/lib.sh"

mkbrief() { # DIR TEXT: a one-paragraph brief
    mkdir -p "$1"
    printf 'return { title = "K", sections = { section "prose" { paragraphs = { "%s" } } } }\n' "$2" > "$1/brief.lua"
}
mkbrief "$TMP/a" "Ava To"
mkbrief "$TMP/b" $'WAVE Yo LT P. Wy (Fr) 1,024 \xC3\x80V'
C=$TMP/cache
BRIEFC_CACHE_DIR="$C" run_briefc 0 build "$TMP/a" -o "$TMP/a.pdf" -q
check "a cold build writes kerning entries" sh -c "ls '$C'/kern-*.bin"
size_a=$(cat "$C"/kern-*.bin | wc -c)
n_a=$(ls "$C"/kern-*.bin | wc -l)
check "they hold the rows used, not the 65,536 pairs of each font ($size_a bytes, $n_a entries)" \
    test "$size_a" -lt $((n_a * 60000))

BRIEFC_CACHE_DIR="$C" run_briefc 0 build "$TMP/b" -o "$TMP/b-cold.pdf" -q
size_b=$(cat "$C"/kern-*.bin | wc -c)
check "another brief adds its rows to the entries ($size_a -> $size_b bytes)" test "$size_b" -gt "$size_a"
BRIEFC_CACHE_DIR= run_briefc 0 build "$TMP/b" -o "$TMP/b-off.pdf" -q
check "its PDF is the cache-off one" cmp "$TMP/b-cold.pdf" "$TMP/b-off.pdf"
stamp=$(stat -c '%i %Y' "$C"/kern-*.bin | sort)
sleep 1
BRIEFC_CACHE_DIR="$C" run_briefc 0 build "$TMP/b" -o "$TMP/b-warm.pdf" -q
check "rebuilt warm, the same PDF" cmp "$TMP/b-warm.pdf" "$TMP/b-off.pdf"
check "and no kerning entry written again" test "$(stat -c '%i %Y' "$C"/kern-*.bin | sort)" = "$stamp"
BRIEFC_CACHE_DIR="$C" run_briefc 0 build "$TMP/a" -o "$TMP/a-warm.pdf" -q
check "the first brief, warm from the merged entries, is unchanged" cmp "$TMP/a.pdf" "$TMP/a-warm.pdf"

# damaged entries: cut short, or a row index pointing past the rows
for f in "$C"/kern-*.bin; do head -c 100 "$f" > "$f.t" && mv "$f.t" "$f"; done
BRIEFC_CACHE_DIR="$C" run_briefc 0 build "$TMP/b" -o "$TMP/b-cut.pdf" -q
check "entries cut short are made again, the PDF unchanged" cmp "$TMP/b-cut.pdf" "$TMP/b-off.pdf"
check "and the entries are whole again" test "$(cat "$C"/kern-*.bin | wc -c)" -gt 1000
finish
