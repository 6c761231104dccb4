#!/bin/bash
# stress.sh — a 500-page brief (long paragraphs, a 10,000-row table, a row taller than a page,
# a 300-character URL, characters only the fallback font has and characters no font has, a
# footnote on every page) builds; every paragraph's words extract in order; no word lies
# outside the page's text area; no overfull line, widow or orphan; every footnote sits on the
# page of its marker.
. "$(dirname "$0")/lib.sh"
pdf="$TMP/stress.pdf"
# installed fonts off: its characters "no font has" are in no font of briefc's own
BRIEFC_NO_SYSTEM_FONTS=1 run_briefc 0 build "$TESTS/briefs/stress" -o "$pdf" --stats > "$TMP/stats.txt" 2> "$TMP/warn.txt"; rc=$?
check "the stress brief builds (exit $rc)" test "$rc" -eq 0
check "over 100 pages" pf "pdfinfo '$pdf' | awk '/^Pages:/ { exit !(\$2 > 100) }'"
check "no overfull line, widow or orphan" grep -q ", 0 overfull, 0 widows, 0 orphans," "$TMP/stats.txt"
check "a warning names a character no font has" grep -q "has no glyph for U+4E2D" "$TMP/warn.txt"
check "and one above U+FFFF" grep -q "has no glyph for U+10348" "$TMP/warn.txt"
check "no warning for characters the fallback font draws" pf "! grep -qE 'U\+(2603|1F600|1D538)' '$TMP/warn.txt'"
check "opens in five readers" bash "$TESTS/pdfcheck.sh" "$pdf"
pdftotext -enc UTF-8 "$pdf" - | tr '\n' ' ' > "$TMP/t.txt"
check "paragraphs in order" in_order "$TMP/t.txt" "Paragraph 1 begins." "Paragraph 1 ends." "Paragraph 2 begins." \
    "Paragraph 160 begins." "Paragraph 160 ends." "Paragraph 320 begins." "Paragraph 320 ends."
check "the table's rows in order, the tall one split" in_order "$TMP/t.txt" "Row 1 " "Row 4 " "Tall row" "Row 6 " "Row 9999 " "Row 10000 "
pdftotext "$pdf" - | awk 'BEGIN { RS = "\f" } NF { n++; if ($0 !~ /Source note/) { bad++; print "page " n " has no footnote" > "/dev/stderr" } } END { exit bad > 0 || n < 100 }' 2> "$TMP/nonote.txt"
check "a footnote at the foot of every page ($(head -1 "$TMP/nonote.txt"))" test ! -s "$TMP/nonote.txt"
check "the footnotes in order" in_order "$TMP/t.txt" "Source note for paragraph 1:" "Source note for paragraph 2:" \
    "Source note for paragraph 320:" "Source note in the tall row." "Source note for row 16." "Source note for row 9984."
if have_pdfjs; then
    node "$TESTS/pdfjs/nav.js" "$pdf" > "$TMP/nav.txt"
    nl=$(grep -c '^link ' "$TMP/nav.txt")
    check "every footnote marker links to its note on its own page ($nl links)" sh -c "
        test $nl -gt 900 && awk '/^link / && \$2 != \$3 { bad++ } END { exit bad > 0 }' '$TMP/nav.txt'"
fi
check "the long URL is there, broken across lines" pf "pdftotext -raw '$pdf' - | tr -d '\n' | grepq 'abcdefghijabcdefghij'"
# every word's box within the text area (A4, 66 pt side margins; header and footer bands)
pdftotext -bbox "$pdf" "$TMP/bbox.html"
check "no word beyond the side margins or the page" awk -F'"' '/<word / {
        for (i = 1; i < NF; i++) { if ($i ~ /xMin=$/) x0 = $(i+1); if ($i ~ /xMax=$/) x1 = $(i+1); if ($i ~ /yMax=$/) y1 = $(i+1) }
        if (x0 < 65.5 || x1 > 595.28 - 65.5 || y1 > 841.89 - 20) { print "out of bounds:", $0; bad = 1; exit }
    } END { exit bad }' "$TMP/bbox.html"
# and none below the text area (64 pt margins) but the "N / M" footer: nothing kept whole runs
# past the foot, not even a callout taller than a page
check "no word below the text area but the footer" awk -F'"' '/<word / {
        w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
        for (i = 1; i < NF; i++) if ($i ~ /yMax=$/) y1 = $(i+1)
        if (y1 > 841.89 - 64 + 3 && w !~ /^[0-9]+$/ && w != "/") { print "below:", $0; bad = 1; exit }
    } END { exit bad }' "$TMP/bbox.html"
check "a chart of the tallest aspect stays on its page (its axis labels extract)" in_order "$TMP/t.txt" "A chart as tall as a chart may be" "Alpha-cat" "Omega-cat"
check "the tall callout is whole, in order" in_order "$TMP/t.txt" "Key fact 1:" "Key fact 75:" "Key fact 150:"
finish
