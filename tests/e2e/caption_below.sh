#!/bin/bash
# caption_below.sh — a table split across pages in a house whose captions go below
# (theme.caption_position = "below"): each page the table leaves ends with "Table N — caption
# (continued)" under its last row, the next page repeats the header rows only, and the table's
# own caption follows its last row, before the source. Captions above keep "(continued)" at the
# top of the next page; a two-column body is as one column (read back with pdftotext -layout).
. "$(dirname "$0")/lib.sh"
needs pdftotext
B="$TMP/b"
mkdir -p "$B/plugins"
cat > "$B/plugins/t.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:heading("Long")
  s:paragraph(("A paragraph before the table. "):rep(10))
  local rows = {}
  for i = 1, 110 do rows[i] = { "Row " .. i, i * 3, i * 7 } end
  s:table { caption = "Many rows", columns = { "Name", "Three", "Seven" }, rows = rows,
            source = "Made up for the test." }
  s:paragraph("After the table.")
end }
LUA
brief() { # brief THEME
    printf 'return { title = "Captions", date = "May 2026", theme = %s, sections = { section "t" } }\n' "$1" > "$B/brief.lua"
}
pages() { # pages PDF NAME: each page's text as $TMP/NAME-N.txt; prints the page count
    _n=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
    for _p in $(seq 1 "$_n"); do pdftotext -layout -f "$_p" -l "$_p" "$1" - | tr -d '\f' | grep -v '^ *$' > "$TMP/$2-$_p.txt"; done
    echo "$_n"
}

brief '{ caption_position = "below" }'
run_briefc 0 build "$B" -o "$TMP/below.pdf" -q
n=$(pages "$TMP/below.pdf" below)
check "below: the table takes three pages" test "$n" -eq 3
for p in 1 2; do
    check "below: page $p ends with the continued caption under a row" \
        pf "tail -2 '$TMP/below-$p.txt' | head -1 | grepq -Ex 'Table 1 — Many rows \\(continued\\)' &&
            tail -3 '$TMP/below-$p.txt' | head -1 | grepq -E '^ *Row [0-9]+ +[0-9]+ +[0-9]+ *$'"
done
for p in 2 3; do
    check "below: page $p repeats the header rows only, no caption above them" \
        pf "sed -n 2p '$TMP/below-$p.txt' | grepq -E '^ *Name +Three +Seven *$' && ! sed -n 1,2p '$TMP/below-$p.txt' | grepq -F 'Table 1'"
done
check "below: the caption once more after the last row, then the source" \
    in_order "$TMP/below-3.txt" "Row 110" "Table 1 — Many rows" "Source: Made up for the test." "After the table."
check "below: no continued caption on the last page" pf "! grepq -F '(continued)' '$TMP/below-3.txt'"
check "below: every row once" \
    pf "[ \$(cat '$TMP'/below-*.txt | grep -cE '^ *Row [0-9]+ ') -eq 110 ] && [ \$(cat '$TMP'/below-*.txt | grep -E '^ *Row [0-9]+ ' | sort -u | wc -l) -eq 110 ]"

brief '{ caption_position = "above" }'
run_briefc 0 build "$B" -o "$TMP/above.pdf" -q
pages "$TMP/above.pdf" above > /dev/null
check "above: the continued caption at the top of page 2, over the header" \
    pf "sed -n 2p '$TMP/above-2.txt' | grepq -Ex 'Table 1 — Many rows \\(continued\\)' && sed -n 3p '$TMP/above-2.txt' | grepq -E '^ *Name +Three +Seven'"
check "above: no continued caption under the rows of page 1" pf "! tail -2 '$TMP/above-1.txt' | grepq -F '(continued)'"

brief '{ caption_position = "below", columns = 2 }'
run_briefc 0 build "$B" -o "$TMP/cols.pdf" -q
pdftotext -layout "$TMP/cols.pdf" "$TMP/cols.txt"
check "two columns, below: the continued caption under the rows, as on one column (columns_continued.sh)" \
    pf "grep -B1 -F 'Table 1 — Many rows (continued)' '$TMP/cols.txt' | grepq -E 'Row [0-9]+ +[0-9]+ +[0-9]+ *$'"

finish
