#!/bin/sh
# tables.sh — s:table's richer tables (issue 18 item 3), read back from the PDF and the layout
# dump: cells spanning columns and rows, a header row above the column titles (repeated, with
# a "(continued)" caption, on each page), row groups and subtotals, a column's unit, a narrow
# table at its natural width (and width = "full"), booktabs rules, /ColSpan and /RowSpan in
# the structure tree. Then each refusal: exit 1, its exact message at the plugin's line, no PDF.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdfinfo

B="$TMP/tb"
mkdir -p "$B/plugins"
cat > "$B/brief.lua" <<'EOF'
return { title = "Tables brief", sections = { section "tbl" } }
EOF
cat > "$B/plugins/tbl.lua" <<'EOF'
return { api = 1, version = "1.0", render = function(s, ctx)
  s:table{
    caption = "Aid by region and kind",
    headers = { { {"Region", rowspan = 2}, {"Security aid", colspan = 2}, {"Economic aid", colspan = 2} } },
    columns = { "Region", "FY2019", {title = "FY2020", unit = "m", decimals = 1}, "FY2019", "FY2020" },
    rows = {
      {group = "South Asia"},
      { "Pakistan", 120, 130.5, 210, 220 },
      { "Afghanistan", {"withheld", colspan = 2}, 300, 310 },
      { "Subtotal", 450, 470, 510, 530, subtotal = true },
      {group = "Middle East"},
      { {"Iraq", rowspan = 2}, 900, 910, 80, 90 },
      { 10, 20, 30, 40 },
      { "Total", 1460, 1500, 620, 660, strong = true },
    },
    source = "Invented figures.",
  }
  s:table{ caption = "Booktabs", style = "booktabs",
    headers = { { "", {"Aid, $ m", colspan = 2} } },
    columns = { "Country", "2019", "2020" },
    rows = { {"Pakistan", 1, 2}, {"India", 3, 4}, {"Total", 4, 6, strong = true} } }
  s:table{ caption = "Narrow", columns = {"Key", "Value"}, rows = {{"a", 1}} }
  s:table{ caption = "Full", width = "full", columns = {"Key", "Value"}, rows = {{"a", 1}} }
  local rows = {}
  for i = 1, 90 do rows[i] = { "Row " .. i, i * 1.5, i * 2 } end
  s:table{ caption = "A long table", headers = { { "", {"Values", colspan = 2} } },
           columns = {"Name", "X", "Y"}, rows = rows }
end }
EOF

run_briefc 0 build "$B" -o "$TMP/t.pdf" -q
pdftotext -layout "$TMP/t.pdf" "$TMP/t.txt"
check "the spanned header, titles, groups and rows in order" in_order "$TMP/t.txt" \
    "Table 1 — Aid by region and kind" "Security aid" "Economic aid" \
    "Region" "FY2019" "FY2020" "FY2019" "FY2020" "South Asia" "Pakistan" "120" "130.5 m" "210" "220" \
    "Afghanistan" "withheld" "300" "310" "Subtotal" "450" "470.0 m" "Middle East" \
    "Iraq" "900" "910.0 m" "10" "20.0 m" "30" "40" "Total" "1,460" "1,500.0 m" "Source: Invented figures."
check "a title spanning header rows sits level with the titles of the last" pf "grepq -E '^ *Region +FY2019 +FY2020 +FY2019 +FY2020 *$' '$TMP/t.txt'"
check "a group heading is a line of its own" pf "grepq -E '^ *South Asia *$' '$TMP/t.txt'"
check "a colspan cell leaves its second column empty" pf "grepq -E '^ *Afghanistan +withheld +300 +310 *$' '$TMP/t.txt'"
check "a rowspan cell leaves the row below empty in its column" pf "grepq -E '^ {8,}10 +20.0 m +30 +40 *$' '$TMP/t.txt'"
check "the long table goes on under its continued caption" in_order "$TMP/t.txt" \
    "Table 5 — A long table" "Values" "Row 1" "Table 5 — A long table (continued)" "Values" "Name" "Row 90"
n=$(grep -c 'A long table (continued)' "$TMP/t.txt")
pages=$(pdfinfo "$TMP/t.pdf" | awk '/^Pages:/ {print $2}')
check "one continued caption per page the table goes on to ($n on $pages pages)" test "$n" -eq $((pages - 1))
check "the first caption is not marked continued" pf "! grepq -E 'Table [1-4] .*continued' '$TMP/t.txt'"

# geometry from the layout dump: the narrow table keeps its width, the full one spans the measure
run_briefc 0 check "$B" --dump-layout "$TMP/t.layout" > /dev/null
# the top and bottom rules of each table: "line X1,Y -> X2,Y stroke #17406d lw 0.90 solid"
narrow=$(grep -E 'lw 0.90 solid' "$TMP/t.layout" | awk '{split($2,a,","); split($4,b,","); print int(b[1]-a[1])}' | sort -n | head -1)
widest=$(grep -E 'lw 0.90 solid' "$TMP/t.layout" | awk '{split($2,a,","); split($4,b,","); print int(b[1]-a[1])}' | sort -n | tail -1)
check "a narrow table keeps its natural width ($narrow pt)" test "$narrow" -lt 100
check "width = \"full\" spans the measure ($widest pt)" test "$widest" -gt 450
check "booktabs rules are black, not the accent" pf "grepq -E 'stroke #1d1d1f lw 0.90 solid' '$TMP/t.layout'"
check "a rule under the spanning title only (cmidrule)" pf "grepq -E 'stroke #1d1d1f lw 0.50 solid' '$TMP/t.layout'"

# the structure tree: spans as table attributes
pdfinfo -struct "$TMP/t.pdf" > "$TMP/t.struct" 2>/dev/null
check "/ColSpan 2 on the spanning titles" pf "grepq -F '/ColSpan 2' '$TMP/t.struct'"
check "/RowSpan 2 on the rows a cell spans" pf "grepq -F '/RowSpan 2' '$TMP/t.struct'"
check "a group heading spans the five columns" pf "grepq -F '/ColSpan 5' '$TMP/t.struct'"

# {============================================== refusals

refused() { # refused 'TABLE' EXPECTED: the section fails with EXPECTED; exit 1, no PDF
    cat > "$B/plugins/tbl.lua" <<EOF
return { api = 1, version = "1.0", render = function(s, ctx)
  s:table$1
end }
EOF
    rm -f "$TMP/no.pdf"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build tb -o no.pdf 2>&1); rc=$?
    check "$2: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$2: no PDF" test ! -e "$TMP/no.pdf"
    if printf '%s\n' "$msg" | sed -n 1p | grep -qxF -- "$2"; then ok; else bad "expected '$2', got: $msg"; fi
}
refused '{ columns = {"A", "B"}, rows = { { {"x", colspan = 3} } } }' \
    "tb/plugins/tbl.lua:2: error: s:table: row 1, cell 1: colspan = 3 goes past the table's 2 columns; make it 2 at most"
refused '{ columns = {"A", "B"}, rows = { { {"x", rowspan = 2}, 1 } } }' \
    "tb/plugins/tbl.lua:2: error: s:table: row 1, cell 1: rowspan = 2 goes past the last row; make it 1 at most"
refused '{ columns = {"A", "B", "C"}, rows = { { "a", {"x", rowspan = 2}, "c" }, { {"y", colspan = 2} } } }' \
    "tb/plugins/tbl.lua:2: error: s:table: row 2, cell 1: its colspan runs into column 2, which a cell of a row above spans; make the spans meet without overlapping"
refused '{ columns = {"A", "B"}, rows = { { {"x", rowspan = 2}, 1 }, { 1, 2 } } }' \
    "tb/plugins/tbl.lua:2: error: row 2 has 2 cells but the table has 2 columns (counting the columns cells span, and cells of rows above that span into it)"
refused '{ columns = {"A", "B"}, rows = { { {"x", span = 2}, 1 } } }' \
    "tb/plugins/tbl.lua:2: error: s:table: row 1, cell 1: a cell written as a table holds its text first and may have colspan and rowspan, nothing else (got key span)"
refused '{ columns = {"A", "B"}, rows = { { group = "G", 1 } } }' \
    "tb/plugins/tbl.lua:2: error: row 1 heads a group: give its text as group = \"...\" and no cells"
refused '{ columns = {"A", "B"}, rows = { { {"x", rowspan = 2}, 1 }, { group = "G" } } }' \
    "tb/plugins/tbl.lua:2: error: row 2 heads a group, but a cell of a row above spans into it; end the rowspan before the group"
refused '{ columns = {"A"}, style = "fancy", rows = {} }' \
    "tb/plugins/tbl.lua:2: error: s:table: style must be \"ruled\" or \"booktabs\", not 'fancy'"
refused '{ columns = {"A"}, width = 3, rows = {} }' \
    "tb/plugins/tbl.lua:2: error: s:table: width must be \"full\" (the whole measure) or \"auto\" (the content's width when it is narrow), not '3'"
refused '{ columns = {"A"}, headers = { "x" }, rows = {} }' \
    "tb/plugins/tbl.lua:2: error: s:table: header row 1 must be a list of cells, got string"
refused '{ columns = {"A", "B"}, rows = { { {"x", colspan = 0}, 1 } } }' \
    "tb/plugins/tbl.lua:2: error: s:table: row 1, cell 1: colspan must be a whole number from 1 to 64 (got 0)"
refused '{ columns = {"A", "B"}, rows = { { "x", 1, subtotl = true } } }' \
    "tb/plugins/tbl.lua:2: error: s:table: row 1: unknown field 'subtotl' (did you mean 'subtotal'?); its fields are strong, group, subtotal"

# }==============================================

finish
