#!/bin/sh
# stress.sh — a 500-page brief (long paragraphs, a 10,000-row table, a row taller than a page,
# a 300-character URL, characters only the fallback font has and characters no font has) builds; every paragraph's words extract in
# order; no word lies outside the page's text area; no overfull line, widow or orphan.
. "$(dirname "$0")/lib.sh"
pdf="$TMP/stress.pdf"
"$BRIEFC" build "$TESTS/briefs/stress" -o "$pdf" --stats > "$TMP/stats.txt" 2> "$TMP/warn.txt"; rc=$?
check "the stress brief builds (exit $rc)" test "$rc" -eq 0
check "over 100 pages" sh -c "pdfinfo '$pdf' | awk '/^Pages:/ { exit !(\$2 > 100) }'"
check "no overfull line, widow or orphan" grep -q ", 0 overfull, 0 widows, 0 orphans," "$TMP/stats.txt"
check "a warning names a character no font has" grep -q "has no glyph for U+4E2D" "$TMP/warn.txt"
check "and one above U+FFFF" grep -q "has no glyph for U+10348" "$TMP/warn.txt"
check "no warning for characters the fallback font draws" sh -c "! grep -qE 'U\+(2603|1F600|1D538)' '$TMP/warn.txt'"
check "opens in five readers" sh "$TESTS/pdfcheck.sh" "$pdf"
pdftotext -enc UTF-8 "$pdf" - | tr '\n' ' ' > "$TMP/t.txt"
check "paragraphs in order" in_order "$TMP/t.txt" "Paragraph 1 begins." "Paragraph 1 ends." "Paragraph 2 begins." \
    "Paragraph 160 begins." "Paragraph 160 ends." "Paragraph 320 begins." "Paragraph 320 ends."
check "the table's rows in order, the tall one split" in_order "$TMP/t.txt" "Row 1 " "Row 4 " "Tall row" "Row 6 " "Row 9999 " "Row 10000 "
check "the long URL is there, broken across lines" sh -c "pdftotext -raw '$pdf' - | tr -d '\n' | grep -q 'abcdefghijabcdefghij'"
# every word's box within the text area (A4, 66 pt side margins; header and footer bands)
pdftotext -bbox "$pdf" "$TMP/bbox.html"
check "no word beyond the side margins or the page" awk -F'"' '/<word / {
        for (i = 1; i < NF; i++) { if ($i ~ /xMin=$/) x0 = $(i+1); if ($i ~ /xMax=$/) x1 = $(i+1); if ($i ~ /yMax=$/) y1 = $(i+1) }
        if (x0 < 65.5 || x1 > 595.28 - 65.5 || y1 > 841.89 - 20) { print "out of bounds:", $0; bad = 1; exit }
    } END { exit bad }' "$TMP/bbox.html"
finish
