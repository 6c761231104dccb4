#!/bin/sh
# pagesetup.sh — page shapes and numbering from brief.lua (issue 18 item 4, item 2's heading
# numbers): page.size in millimetres, page.orientation, mirrored margins (inner/outer) with the
# running title at the outer edge, page.first (top margin and header), theme.heading_numbers
# ("I.A", false), theme.table_style; sizes read back with pdfinfo, places from the layout
# dump, text with pdftotext. Then each refusal: exit 1, its exact message, no PDF.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdfinfo

B="$TMP/pg"
mkdir -p "$B/plugins"
cat > "$B/plugins/p.lua" <<'EOF'
return { api = 1, version = "1.0", render = function(s, ctx)
  for i = 1, 3 do
    s:heading("Part " .. i, { label = "part" .. i })
    s:heading("Sub", { level = 2 })
    for k = 1, 8 do s:paragraph(("Words in a paragraph that fills the page. "):rep(12)) end
  end
  s:paragraph("See [#part2].")
  s:table{ columns = { "A", "B" }, rows = { { "x", 1 }, { "y", 2 } } }
end }
EOF
brief() { # brief PAGE THEME: writes brief.lua with those tables
    cat > "$B/brief.lua" <<EOF
return { title = "Pages brief", date = "May 2026", page = $1, theme = $2,
  sections = { section "p" } }
EOF
}

brief '{ size = { 200, 250 }, orientation = "landscape", margins = { inner = 30, outer = 12, top = 20, bottom = 20 }, first = { top = 40, header = true } }' \
      '{ heading_numbers = "I.A", table_style = "booktabs", heading_sizes = { 20, 12.5, 10 } }'
run_briefc 0 build "$B" -o "$TMP/pg.pdf" -q
pdfinfo "$TMP/pg.pdf" > "$TMP/pg.info"
check "a 200 x 250 mm page turned to landscape (708.66 x 566.93 pt)" pf "grepq -E 'Page size: +708.66[0-9]* x 566.92[0-9]* pts' '$TMP/pg.info'"
pdftotext -layout "$TMP/pg.pdf" "$TMP/pg.txt"
check "headings numbered I, I.A, II, II.A" in_order "$TMP/pg.txt" "I Part 1" "I.A Sub" "II Part 2" "II.A Sub" "III Part 3"
check "a cross-reference reads the Roman number" pf "grepq -F 'See Section II.' '$TMP/pg.txt'"
run_briefc 0 check "$B" --dump-layout "$TMP/pg.layout" > /dev/null
# x of the first body text on page 1 and page 2: the inner margin (30 mm = 85.04 pt) on the
# odd page's left, the outer (12 mm = 34.02 pt) on the even page's left
first_x() { awk -v p="page $1" '$0 == p {on = 1; next} /^page / {on = 0} on && /text f[0-9]+ 10.00/ { split($6, a, ","); print int(a[1]); exit }' "$TMP/pg.layout"; }
check "odd pages: the inner margin on the left ($(first_x 1) pt)" test "$(first_x 1)" -eq 85
check "even pages: the outer margin on the left ($(first_x 2) pt)" test "$(first_x 2)" -eq 34
# the running title: right (outer edge) on page 1, left on page 2, and on page 1 at all
title_x() { awk -v p="page $1" '$0 == p {on = 1; next} /^page / {on = 0} on && /"Pages brief"/ { split($6, a, ","); print int(a[1]); exit }' "$TMP/pg.layout"; }
check "page 1 has the running header (page.first.header)" test -n "$(title_x 1)"
check "odd page: the title at the outer (right) edge ($(title_x 1) pt)" test "$(title_x 1)" -gt 400
check "even page: the title at the outer (left) edge ($(title_x 2) pt)" test "$(title_x 2)" -lt 100
# page 1's first heading sits under a 40 mm top margin (113.4 pt), page 2's text under 20 mm
top_y() { awk -v p="page $1" '$0 == p {on = 1; next} /^page / {on = 0} on && /text f[0-9]+ (10.00|1[0-9].[0-9]+) / && !/Pages brief|May 2026/ { split($6, a, ","); print int(a[2]); exit }' "$TMP/pg.layout"; }
check "page 1 starts under its own top margin ($(top_y 1) pt)" test "$(top_y 1)" -gt 113
check "page 2 starts under the common one ($(top_y 2) pt)" test "$(top_y 2)" -lt 90
check "theme.heading_sizes: a level-1 heading at 20 pt" pf "grepq -E 'text f[0-9]+ 20.00 .*\"I Part 1\"' '$TMP/pg.layout'"
check "theme.heading_sizes: a level-2 heading at 12.5 pt" pf "grepq -E 'text f[0-9]+ 12.50 .*\"I.A Sub\"' '$TMP/pg.layout'"
check "booktabs from the theme: black rules" pf "grepq -E 'stroke #1d1d1f lw 0.90 solid' '$TMP/pg.layout'"

brief '{ size = "A5", orientation = "portrait" }' '{ heading_numbers = false }'
run_briefc 0 build "$B" -o "$TMP/pg2.pdf" -q
pdfinfo "$TMP/pg2.pdf" > "$TMP/pg2.info"
check "A5 portrait (419.53 x 595.28 pt)" pf "grepq -E 'Page size: +419.5[0-9]* x 595.2[0-9]* pts' '$TMP/pg2.info'"
pdftotext -layout "$TMP/pg2.pdf" "$TMP/pg2.txt"
check "unnumbered headings" pf "grepq -E '^Part 1$' '$TMP/pg2.txt'"
check "a cross-reference to an unnumbered heading reads its title" pf "grepq -F 'See “Part 2”.' '$TMP/pg2.txt'"

brief '{ size = "Letter", orientation = "landscape" }' '{}'
run_briefc 0 build "$B" -o "$TMP/pg3.pdf" -q
check "Letter landscape (792 x 612 pt)" pf "pdfinfo '$TMP/pg3.pdf' | grepq -E 'Page size: +792 x 612 pts'"

# {============================================== refusals
refused() { # refused PAGE THEME EXPECTED
    brief "$1" "$2"
    rm -f "$TMP/no.pdf"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build pg -o no.pdf 2>&1); rc=$?
    check "$3: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$3: no PDF" test ! -e "$TMP/no.pdf"
    if printf '%s\n' "$msg" | sed -n 1p | grep -qxF -- "$3"; then ok; else bad "expected '$3', got: $msg"; fi
}
refused '{ size = { 20, 297 } }' '{}' \
    "pg/brief.lua: error: page.size width (mm) must be a finite number between 74 and 1189 (got 20)"
refused '{ size = { 210 } }' '{}' \
    "pg/brief.lua: error: page.size must be a paper name such as \"A4\" or {width, height} in millimetres such as {210, 297}"
refused '{ orientation = "sideways" }' '{}' \
    "pg/brief.lua: error: page.orientation must be \"portrait\" or \"landscape\""
refused '{ margins = { inner = 20, left = 10 } }' '{}' \
    "pg/brief.lua: error: page.margins: give inner and outer (a bound brief, mirrored on even pages) or left and right, not both"
refused '{ first = { tp = 3 } }' '{}' \
    "pg/brief.lua: error: unknown page.first setting 'tp'; its settings are top (millimetres) and header (true or false)"
refused '{ first = { header = "yes" } }' '{}' \
    "pg/brief.lua: error: page.first.header must be true or false"
refused '{}' '{ heading_numbers = "a.b" }' \
    "pg/brief.lua: error: theme.heading_numbers must be false, true, \"1.1\" or \"I.A\""
refused '{}' '{ heading_sizes = { 12, 10 } }' \
    "pg/brief.lua: error: theme.heading_sizes must be three sizes in points, {h1, h2, h3}"
refused '{}' '{ heading_sizes = { 12, 10, 100 } }' \
    "pg/brief.lua: error: theme.heading_sizes[3] must be a finite number between 6 and 36 (got 100)"
refused '{}' '{ table_style = "fancy" }' \
    "pg/brief.lua: error: theme.table_style must be \"ruled\" or \"booktabs\""
refused '{ orientaton = "landscape" }' '{}' \
    "pg/brief.lua:1: error: unknown page setting 'orientaton' (did you mean 'orientation'?); the page settings are size, margins, orientation, first"
# }==============================================

finish
