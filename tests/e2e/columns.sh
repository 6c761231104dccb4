#!/bin/bash
# columns.sh — a two-column body (theme.columns = 2): body text in two columns that never
# cross the gutter, both columns used on every page, the title block, lead, chart and wide
# table across the page, a narrow table inside a column, the columns balanced at the end,
# footnotes across the foot on their marker's page, and the usual checks (no overfull line,
# widow or orphan; every paragraph in reading order; five readers).
. "$(dirname "$0")/lib.sh"
pdf="$TMP/col.pdf"
run_briefc 0 build "$TESTS/briefs/columns" -o "$pdf" --stats > "$TMP/stats.txt"; rc=$?
check "the two-column brief builds (exit $rc)" test "$rc" -eq 0
check "no overfull line, widow or orphan" grep -q ", 0 overfull, 0 widows, 0 orphans," "$TMP/stats.txt"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$pdf"
pdftotext -enc UTF-8 "$pdf" - | tr '\n' ' ' > "$TMP/t.txt"
check "paragraphs in reading order, column by column" in_order "$TMP/t.txt" \
    "Paragraph 1 begins." "Paragraph 1 ends." "Paragraph 2 begins." "Paragraph 6 ends." \
    "Paragraph 7 begins." "Paragraph 14 ends." "Paragraph 15 begins." "Paragraph 24 ends."

# Geometry from poppler's own line boxes: A4, 20 mm margins, a 7 mm gutter.
left=56.69; right=538.59; gap=19.84
mid=$(awk -v l=$left -v r=$right -v g=$gap 'BEGIN { printf "%.2f %.2f", l + (r - l - g) / 2, l + (r - l + g) / 2 }')
g0=${mid% *}; g1=${mid#* }
pdftotext -bbox-layout "$pdf" - | awk '
    /<page / { page++ }
    /<line / { match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
               match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
               match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7); text = "" }
    /<word / { w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w); text = text " " w }
    /<\/line>/ { print page, x0, x1, y1, text }' > "$TMP/lines.txt"
pdftotext -bbox "$pdf" - | awk '
    /<page / { page++ }
    /<word / { match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
               match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
               match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
               w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w); print page, x0, x1, y1, w }' > "$TMP/words.txt"
# the words on the line (same page and baseline) of the first word matching $1: "x0 x1" each
row_of() { awk -v s="$1" 'NR == FNR { if (!p && $5 == s) { p = $1; y = $4 } next } $1 == p && $4 == y { print $2, $3 }' "$TMP/words.txt" "$TMP/words.txt"; }
check "body lines never cross the gutter" awk -v g0="$g0" -v g1="$g1" '
    / Paragraph / && $2 < g1 - 0.5 && $3 > g0 + 0.5 { print "crosses:", $0; bad = 1 } END { exit bad }' "$TMP/lines.txt"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
check "several pages ($pages)" test "$pages" -ge 4
for p in $(seq 1 "$pages"); do
    l=$(awk -v p="$p" -v g0="$g0" '$1 == p && $3 <= g0 + 0.5 && $4 < 770 && $4 > 60' "$TMP/lines.txt" | wc -l)
    r=$(awk -v p="$p" -v g1="$g1" '$1 == p && $2 >= g1 - 0.5 && $4 < 770 && $4 > 60' "$TMP/lines.txt" | wc -l)
    check "page $p uses both columns ($l lines left, $r right)" test "$l" -ge 1 -a "$r" -ge 1
done
spans() { awk -v g0="$g0" -v g1="$g1" -v s="$1" 'index($0, s) && $2 < g0 && $3 > g1 { f = 1 } END { exit !f }' "$TMP/lines.txt"; }
check "the title spans the page" spans "across both"
check "the lead paragraph spans the page" spans "Everything below the title"
# the chart's category axis (FY2012 is only in the chart) runs from the left column to the right
row_of FY2012 > "$TMP/axis.txt"
check "the chart's axis runs across the gutter" awk -v g0="$g0" -v g1="$g1" '$1 < g0 { l = 1 } $2 > g1 { r = 1 } END { exit !(l && r) }' "$TMP/axis.txt"
row_of Fiscal > "$TMP/wide.txt"
check "the wide table spans the page" awk -v g0="$g0" -v g1="$g1" '$1 < g0 { l = 1 } $2 > g1 { r = 1 } END { exit !(l && r) }' "$TMP/wide.txt"
check "a heading kept with the wide table below it goes across with it" awk '
    / A wide table follows/ { p = $1; y = $4 }
    / A wide table across both columns/ { if (p == $1 && $4 > y && $4 - y < 40) ok = 1 }
    END { exit !ok }' "$TMP/lines.txt"
row_of Year > "$TMP/narrow.txt"
check "the narrow table stays in a column" awk -v g0="$g0" -v g1="$g1" '{ n++ } $1 < g1 && $2 > g0 { bad = 1 } $1 < g0 { l = 1 } $2 > g1 { r = 1 } END { exit !(n >= 2 && !bad && !(l && r)) }' "$TMP/narrow.txt"
n=$(awk '$5 == "Code"' "$TMP/words.txt" | wc -l)
check "a long narrow table repeats its header at each column and page break ($n headers)" test "$n" -ge 2
check "the long narrow table's rows in order" in_order "$TMP/t.txt" "Item 1 " "Item 35 " "Item 70 "
check "no long narrow table row crosses the gutter" awk -v g0="$g0" -v g1="$g1" '/ Item [0-9]/ && $2 < g1 - 0.5 && $3 > g0 + 0.5 { bad = 1 } END { exit bad }' "$TMP/lines.txt"
# balanced at the end: on the last page the two columns end within three lines of each other
last=$(awk -v p="$pages" -v g0="$g0" -v g1="$g1" '
    $1 == p && $4 < 770 && $3 <= g0 + 0.5 && $4 > lb { lb = $4 }
    $1 == p && $4 < 770 && $2 >= g1 - 0.5 && $4 > rb { rb = $4 }
    END { d = lb - rb; if (d < 0) d = -d; print d }' "$TMP/lines.txt")
check "the last page's columns are balanced (bottoms $last pt apart)" awk -v d="$last" 'BEGIN { exit !(d <= 3 * 14) }'
if have_pdfjs; then
    node "$TESTS/pdfjs/nav.js" "$pdf" > "$TMP/nav.txt"
    n=$(grep -c '^link ' "$TMP/nav.txt")
    check "footnotes on their markers' pages ($n)" sh -c "test $n -ge 4 && awk '/^link / && \$2 != \$3 { bad++ } END { exit bad > 0 }' '$TMP/nav.txt'"
fi
check "footnotes run across the foot" spans "the foot spans the page"
printf 'return { title = "x", theme = { columns = 3 }, sections = {} }\n' > "$TMP/bad.lua"
out=$(run_briefc 1 build "$TMP/bad.lua" -o "$TMP/bad.pdf" 2>&1); rc=$?
check "columns = 3 is an error naming the setting" pf "test $rc -eq 1 && echo \"\$1\" | grepq 'columns'" _ "$out"
finish
