#!/bin/bash
# columns_continued.sh — a long table in a two-column body says where it goes on, as a
# one-column page does: with captions below (theme.caption_position = "below") each column
# and each page the table leaves ends with "Table N — caption (continued)" under its last row
# and the next column repeats the header rows only; with captions above, the next column
# starts with the continued caption over the header rows, on the left of a new page too. A
# table wider than a column spans the page and does the same at the page's foot. Each column
# is read back on its own (pdftotext -layout over the column's half of the page).
. "$(dirname "$0")/lib.sh"
needs pdftotext
B="$TMP/b"
mkdir -p "$B/plugins"
cat > "$B/plugins/t.lua" <<'LUA'
return { api = 1, version = "1", render = function(s, ctx)
  s:heading("Long")
  s:paragraph(("A paragraph before the table. "):rep(10))
  local rows = {}
  for i = 1, 160 do rows[i] = { "Row " .. i, i * 3, i * 7 } end
  s:table { caption = "Many rows", columns = { "Name", "Three", "Seven" }, rows = rows,
            source = "Made up for the test." }
  s:paragraph("After the table.")
  local wide, cols = {}, { "Name" }
  for c = 1, 9 do cols[#cols + 1] = "Column number " .. c end
  for i = 1, 90 do
    local r = { "Wide " .. i }
    for c = 1, 9 do r[#r + 1] = i * c * 1001 end
    wide[i] = r
  end
  s:table { caption = "Wide rows", columns = cols, rows = wide, source = "Made up too." }
  s:paragraph("After the wide table.")
end }
LUA
brief() { # brief CAPTION-POSITION
    printf 'return { title = "Columns", date = "May 2026", theme = { caption_position = "%s", columns = 2 }, sections = { section "t" } }\n' "$1" > "$B/brief.lua"
}
cols() { # cols PDF NAME: each page's columns as $TMP/NAME-P-l.txt and -r.txt; prints the page count
    _n=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
    _w=$(pdfinfo "$1" | awk '/^Page size:/ {print int($3 / 2)}')
    _h=$(pdfinfo "$1" | awk '/^Page size:/ {print int($5 - 40)}') # above the page number
    for _p in $(seq 1 "$_n"); do
        pdftotext -layout -f "$_p" -l "$_p" -x 0 -y 0 -W "$_w" -H "$_h" "$1" - | tr -d '\f' | grep -v '^ *$' > "$TMP/$2-$_p-l.txt"
        pdftotext -layout -f "$_p" -l "$_p" -x "$_w" -y 0 -W "$_w" -H "$_h" "$1" - | tr -d '\f' | grep -v '^ *$' > "$TMP/$2-$_p-r.txt"
        pdftotext -layout -f "$_p" -l "$_p" "$1" - | tr -d '\f' | grep -v '^ *$' > "$TMP/$2-$_p.txt"
    done
    echo "$_n"
}
row='^ *Row [0-9]+ +[0-9,]+ +[0-9,]+ *$'
head='^ *Name +Three +Seven *$'

brief below
run_briefc 0 build "$B" -o "$TMP/below.pdf" -q
n=$(cols "$TMP/below.pdf" below)
check "below: the narrow table takes more than two pages" test "$n" -ge 3
check "below: page 1's left column ends with the continued caption under a row" \
    pf "tail -1 '$TMP/below-1-l.txt' | grepq -Ex ' *Table 1 — Many rows \\(continued\\)' && tail -2 '$TMP/below-1-l.txt' | head -1 | grepq -E '$row'"
check "below: page 1's right column starts with the header rows, no caption above them" \
    pf "sed -n 1p '$TMP/below-1-r.txt' | grepq -E '$head'"
check "below: page 1's right column ends with the continued caption under a row" \
    pf "tail -1 '$TMP/below-1-r.txt' | grepq -Ex ' *Table 1 — Many rows \\(continued\\)' && tail -2 '$TMP/below-1-r.txt' | head -1 | grepq -E '$row'"
check "below: page 2's left column starts with the header rows, no caption above them" \
    pf "sed -n 2p '$TMP/below-2-l.txt' | grepq -E '$head' && ! sed -n 1,2p '$TMP/below-2-l.txt' | grepq -F 'Table 1'"
check "below: every column the narrow table leaves ends with the continued caption" \
    pf "for f in '$TMP'/below-*-[lr].txt; do if grep -qE '$row' \"\$f\" && ! grep -qF 'Table 1 — Many rows' \"\$f\"; then echo \"\$f\"; exit 1; fi; done"
check "below: the continued caption only under a row of the table" \
    pf "for f in '$TMP'/below-*-[lr].txt; do if grep -B1 -F 'Many rows (continued)' \"\$f\" | grep -vF '(continued)' | grep -v '^--' | grepq -vE '$row'; then echo \"\$f\"; exit 1; fi; done"
check "below: the caption once more after the last row, then the source" \
    pf "cat '$TMP'/below-*-[lr].txt | grep -A2 -E '^ *Row 160 ' | sed -n 2,3p | tr '\\n' '|' | grepq -Ex ' *Table 1 — Many rows\\| *Source: Made up for the test.\\|'"
check "below: every row once" \
    pf "[ \$(cat '$TMP'/below-*-[lr].txt | grep -cE '^ *Row [0-9]+ ') -eq 160 ] && [ \$(cat '$TMP'/below-*-[lr].txt | grep -E '^ *Row [0-9]+ ' | sort -u | wc -l) -eq 160 ]"
check "below: the wide table leaves a page with its continued caption under a row" \
    pf "cat '$TMP'/below-[0-9].txt | grep -B1 -Fx 'Table 2 — Wide rows (continued)' | head -1 | grepq -E '^ *Wide [0-9]+ '"
check "below: the wide table's next page starts with its header rows, no caption" \
    pf "for p in \$(seq 1 $n); do f='$TMP'/below-\$p.txt; if sed -n 2p \"\$f\" | grepq -E '^ *Wide [0-9]+ '; then exit 1; fi; if sed -n 2p \"\$f\" | grepq -E '^ *Name +Column +Column'; then ok=1; fi; done; [ \"\${ok:-}\" = 1 ]"
check "below: every wide row once" \
    pf "[ \$(cat '$TMP'/below-[0-9].txt | grep -E '^ *Wide [0-9]+ ' | awk '{print \$2}' | sort -u | wc -l) -eq 90 ] && [ \$(cat '$TMP'/below-[0-9].txt | grep -cE '^ *Wide [0-9]+ ') -eq 90 ]"

brief above
run_briefc 0 build "$B" -o "$TMP/above.pdf" -q
n=$(cols "$TMP/above.pdf" above)
check "above: page 1's right column starts with the continued caption over the header" \
    pf "sed -n 1p '$TMP/above-1-r.txt' | grepq -Ex ' *Table 1 — Many rows \\(continued\\)' && sed -n 2p '$TMP/above-1-r.txt' | grepq -E '$head'"
check "above: page 2's left column starts with the continued caption over the header" \
    pf "sed -n 2p '$TMP/above-2-l.txt' | grepq -Ex ' *Table 1 — Many rows \\(continued\\)' && sed -n 3p '$TMP/above-2-l.txt' | grepq -E '$head'"
check "above: no continued caption under the rows of a column" \
    pf "for f in '$TMP'/above-*-[lr].txt; do if grep -B1 -F 'Many rows (continued)' \"\$f\" | grepq -E '$row'; then echo \"\$f\"; exit 1; fi; done"
check "above: every row once" \
    pf "[ \$(cat '$TMP'/above-*-[lr].txt | grep -cE '^ *Row [0-9]+ ') -eq 160 ]"
finish
