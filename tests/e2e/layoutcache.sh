#!/bin/bash
# layoutcache.sh — set text kept on disk between builds (layout.c) never changes a PDF: a warm
# build equals a build with the cache off after every kind of change: an edited paragraph,
# other parameters, a font file replaced under the same name, a damaged cache file; warnings
# are given again on a warm build.
. "$(dirname "$0")/lib.sh"

B="$TMP/brief"
cp -r "$ROOT/briefs/pakistan-us" "$B"
off() { BRIEFC_CACHE_DIR= run_briefc 0 build "$@" -q; }

# reuse counted by briefc --timings: "paragraph cache, last pass: S set, R reused (D from disk)"
reuse() { sed -n 's/^paragraph cache, last pass: \([0-9]*\) set, \([0-9]*\) reused (\([0-9]*\) from disk)$/\1 \2 \3/p' "$1"; }
run_briefc 0 build "$B" -o "$TMP/cold.pdf" -q --timings 2> "$TMP/cold.t"
check "the set text is kept" sh -c "ls '$BRIEFC_CACHE_DIR'/para-*.bin"
read -r set reused disk <<< "$(reuse "$TMP/cold.t")"
check "cold build: nothing comes from disk ($set set, $reused reused, ${disk:-?} from disk)" test "${disk:-1}" -eq 0 -a "${reused:-0}" -gt 50
run_briefc 0 build "$B" -o "$TMP/warm.pdf" -q --timings 2> "$TMP/warm.t"
read -r set reused disk <<< "$(reuse "$TMP/warm.t")"
check "warm build: every paragraph comes from disk ($set set, $reused reused, ${disk:-?} from disk)" \
    test "${set:-1}" -eq 0 -a "${disk:-0}" -eq "${reused:-1}" -a "${reused:-0}" -gt 50
off "$B" -o "$TMP/off.pdf"
check "warm build: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/warm.pdf"
check "cache off: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/off.pdf"

# One paragraph edited: only it is set again, and the PDF is the one a cold build makes.
sed -i 's/The money was meant to cement a strategic partnership./The money was meant to cement an alliance, and the editors checked that this sentence now wraps differently from before./' "$B/brief.lua"
run_briefc 0 build "$B" -o "$TMP/edited.pdf" -q --timings 2> "$TMP/edited.t"
read -r set2 reused2 disk2 <<< "$(reuse "$TMP/edited.t")"
check "an edited paragraph: the others come from disk ($reused2 reused, ${disk2:-?} from disk)" \
    test "${disk2:-0}" -lt "${reused2:-0}" -a "${disk2:-0}" -ge $((${reused2:-0} - 3))
off "$B" -o "$TMP/edited-off.pdf"
check "an edited paragraph: the same bytes as a cold build" cmp -s "$TMP/edited.pdf" "$TMP/edited-off.pdf"
check "an edited paragraph: the PDF changed" sh -c "! cmp -s '$TMP/edited.pdf' '$TMP/warm.pdf'"
pdftotext "$TMP/edited.pdf" "$TMP/edited.txt"
check "an edited paragraph: the new words are there" contains "$TMP/edited.txt" "the editors checked"

# Other parameters, back and forth: each equals its cold build.
U="$ROOT/tests/briefs/unicode"
for label in first second first; do
    run_briefc 0 build "$U" -D "label=$label" -o "$TMP/u-$label.pdf" -q
    off "$U" -D "label=$label" -o "$TMP/u-$label-off.pdf"
    check "parameters ($label): the same bytes as a cold build" cmp -s "$TMP/u-$label.pdf" "$TMP/u-$label-off.pdf"
done

# A font file replaced under the same name: text set with the old one is not reused.
mkdir -p "$B/fonts"
cp "$ROOT/fonts/NotoSerif-Regular.ttf" "$B/fonts/NotoSerif-Regular.ttf"
run_briefc 0 build "$B" -o "$TMP/f1.pdf" -q
run_briefc 0 build "$B" -o "$TMP/f1.pdf" -q
cp "$ROOT/fonts/NotoSans-Regular.ttf" "$B/fonts/NotoSerif-Regular.ttf"
touch -d '2001-01-01' "$B/fonts/NotoSerif-Regular.ttf" # even an older time is a change
run_briefc 0 build "$B" -o "$TMP/f2.pdf" -q
off "$B" -o "$TMP/f2-off.pdf"
check "a replaced font: the same bytes as a cold build" cmp -s "$TMP/f2.pdf" "$TMP/f2-off.pdf"
check "a replaced font: the PDF changed" sh -c "! cmp -s '$TMP/f1.pdf' '$TMP/f2.pdf'"

# Warnings come again when the text that gave them is read from the cache.
W="$TMP/warn"
mkdir -p "$W"
cat > "$W/brief.lua" <<'LUA'
return { title = "W", sections = { section "prose" { paragraphs = {
  "A character no font has: \u{378}, in a paragraph long enough to be set on two lines at the default measure of an A4 page.",
  "A plain paragraph." } } } }
LUA
run_briefc 0 build "$W" -o "$TMP/w1.pdf" 2> "$TMP/w1.txt"
run_briefc 0 build "$W" -o "$TMP/w2.pdf" 2> "$TMP/w2.txt"
check "a warning on a cold build" grep -q "has no glyph for U+0378" "$TMP/w1.txt"
check "the same warning on a warm build" grep -q "has no glyph for U+0378" "$TMP/w2.txt"
check "warnings: the same bytes" cmp -s "$TMP/w1.pdf" "$TMP/w2.pdf"

# A damaged file of set text is read as none, and replaced.
for f in "$BRIEFC_CACHE_DIR"/para-*.bin; do
    size=$(stat -c %s "$f")
    { head -c $((size / 2)) "$f"; head -c 64 /dev/urandom; tail -c $((size - size / 2 - 64)) "$f"; } > "$f.new" && mv "$f.new" "$f"
done
run_briefc 0 build "$B" -o "$TMP/damaged.pdf" -q; rc=$?
check "a damaged cache file: the build succeeds" test "$rc" -eq 0
check "a damaged cache file: the same bytes as a cold build" cmp -s "$TMP/damaged.pdf" "$TMP/f2-off.pdf"
# Entries swapped between two keys of a kind, then entries cut short: each is refused (the
# key and the length in the header are checked), never trusted.
run_briefc 0 build "$B" -o "$TMP/v0.pdf" -q
swapped=0
for kind in kern subset hyph para; do
    set -- "$BRIEFC_CACHE_DIR"/$kind-*.bin
    [ $# -ge 2 ] || continue
    mv "$1" "$TMP/swap.bin" && mv "$2" "$1" && mv "$TMP/swap.bin" "$2" && swapped=$((swapped + 1))
done
check "entries of $swapped kinds swapped (kerning at least)" test "$swapped" -ge 2 -a -n "$(ls "$BRIEFC_CACHE_DIR"/kern-*.bin)"
run_briefc 0 build "$B" -o "$TMP/swapped.pdf" -q
check "swapped cache entries: the same bytes as a cold build" cmp -s "$TMP/swapped.pdf" "$TMP/f2-off.pdf"
run_briefc 0 build "$B" -o "$TMP/v1.pdf" -q
# (to a whole number of 4096-byte pages when the file is large enough: then a read of the
# length the header claims runs past the mapping instead of into the page's zero fill)
cut=0
for f in "$BRIEFC_CACHE_DIR"/*.bin; do
    size=$(stat -c %s "$f")
    to=$((size - 8))
    [ "$size" -gt 8192 ] && to=$(((size - 8) / 4096 * 4096)) && cut=$((cut + 1))
    head -c "$to" "$f" > "$f.new" && mv "$f.new" "$f"
done
check "some cache files cut to whole pages ($cut)" test "$cut" -ge 1
run_briefc 0 build "$B" -o "$TMP/short.pdf" -q
check "cache entries cut short: the same bytes as a cold build" cmp -s "$TMP/short.pdf" "$TMP/f2-off.pdf"
finish
