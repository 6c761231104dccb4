#!/bin/sh
# blocks.sh — the authoring blocks and inline styles of issue 18 item 2, read back from the PDF:
# ~subscript~ and [small caps]{.smallcaps} (sizes and rises in the layout dump), definition
# lists, a pull quote, a boxed recommendations list, a section's landscape pages and the back
# page (pdftotext, pdfinfo per page, pdfinfo -struct). Then each refusal: exit 1, its exact
# message at the plugin's line, no PDF.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdfinfo

B="$TMP/bk"
mkdir -p "$B/plugins"
cat > "$B/brief.lua" <<'EOF'
return { title = "Blocks brief", sections = { section "b" } }
EOF
cat > "$B/plugins/b.lua" <<'EOF'
return { api = 1, version = "1.0", render = function(s, ctx)
  s:paragraph("Water is H~2~O and CO~2~ warms; [Unesco]{.smallcaps} met; 10^6^ people; a ~ stays, \\~ too.")
end }
EOF
run_briefc 0 build "$B" -o "$TMP/m.pdf" -q
pdftotext "$TMP/m.pdf" "$TMP/m.txt"
check "subscripts and small caps keep their letters" pf "tr -d '\\n' < '$TMP/m.txt' | grepq -F 'Water is H2O and CO2 warms; UNESCO met; 106 people; a ~ stays, ~ too.'"
run_briefc 0 check "$B" --dump-layout "$TMP/m.layout" > /dev/null
# body text is 10 pt: a subscript 6.5 pt set lower than the line, small capitals 8 pt
base=$(awk '/"Water"/ { split($6, a, ","); print a[2]; exit }' "$TMP/m.layout")
sub=$(awk '/ 6.50 .*"2"/ { split($6, a, ","); print a[2]; exit }' "$TMP/m.layout")
check "a subscript is small and below the baseline ($sub > $base)" awk -v s="$sub" -v b="$base" 'BEGIN { exit !(s > b) }'
check "small capitals at 8 pt: NESCO" pf "grepq -E 'text f[0-9]+ 8.00 .*\"NESCO ?\"' '$TMP/m.layout'"
check "the capital U at the body size" pf "grepq -E 'text f[0-9]+ 10.00 .*\" ?warms; U\"' '$TMP/m.layout'"


# {============================================== the blocks
cat > "$B/brief.lua" <<'EOF'
return { title = "Blocks brief", date = "May 2026", sections = { section "b", section "c" } }
EOF
cat > "$B/plugins/b.lua" <<'EOF'
return { api = 1, version = "1.0", render = function(s, ctx)
  s:heading("Terms")
  s:definitions{ { "ODA", "Official development assistance: grants and soft loans." },
                 { "CSF", "Coalition Support Fund, reimbursements for military costs." } }
  s:pull_quote("Trust is built slowly and lost quickly.")
  s:recommendations{ items = { "Tie aid to audited results.", "Publish disbursements quarterly." } }
  s:landscape()
  local cols, row = { "Country" }, { "Pakistan" }
  for y = 2001, 2014 do cols[#cols + 1] = tostring(y); row[#row + 1] = y - 2000 end
  s:table{ caption = "A wide table", columns = cols, rows = { row } }
end }
EOF
cat > "$B/plugins/c.lua" <<'EOF'
return { api = 1, version = "1.0", render = function(s, ctx)
  s:paragraph("Back on portrait pages.")
  s:back_page{ title = "Contact", lines = { "Policy Unit, 1 Main Street", "info@example.org" } }
end }
EOF
run_briefc 0 build "$B" -o "$TMP/b.pdf" -q
pdftotext -layout "$TMP/b.pdf" "$TMP/b.txt"
check "definitions, pull quote and recommendations in order" in_order "$TMP/b.txt" \
    "ODA" "Official development assistance" "CSF" "Coalition Support Fund" \
    "Trust is built slowly and lost quickly." "Recommendations" "1." "Tie aid to audited results." \
    "2." "Publish disbursements quarterly."
check "a definition is indented under its term" pf "grepq -E '^ {3,}Official development' '$TMP/b.txt'"
pdfinfo -f 1 -l 10 "$TMP/b.pdf" > "$TMP/b.info"
pages=$(awk '/^Pages:/ {print $2}' "$TMP/b.info")
check "four pages: text, landscape, portrait, back ($pages)" test "$pages" -eq 4
check "page 2 is landscape (841.89 x 595.28)" pf "grepq -E 'Page +2 size: +841.89 x 595.27[0-9]* pts' '$TMP/b.info'"
check "page 3 is portrait again" pf "grepq -E 'Page +3 size: +595.27[0-9]* x 841.89 pts' '$TMP/b.info'"
pdftotext -f 2 -l 2 -layout "$TMP/b.pdf" "$TMP/b2.txt"
check "the wide table on the landscape page, on one line" pf "grepq -E 'Pakistan +1 +2 +3 .* 14 *$' '$TMP/b2.txt'"
check "the landscape page has the running header" pf "grepq -E '^Blocks brief +May 2026' '$TMP/b2.txt'"
check "its folio at the foot of the turned page" pf "grepq -E '2 ?/ ?4' '$TMP/b2.txt'"
pdftotext -f 4 -l 4 -layout "$TMP/b.pdf" "$TMP/b4.txt"
check "the back page holds the contact block" in_order "$TMP/b4.txt" "Contact" "Policy Unit, 1 Main Street" "info@example.org"
check "the back page is bare: no running header, no folio" pf "! grepq -E 'Blocks brief|4 ?/ ?4' '$TMP/b4.txt'"
run_briefc 0 check "$B" --dump-layout "$TMP/b.layout" > /dev/null
check "the dump marks the landscape page" pf "grepq -x 'page 2 landscape' '$TMP/b.layout'"
back_y=$(awk '/^page 4/ {on = 1} on && /"info@example.org"/ { split($6, a, ","); print int(a[2]); exit }' "$TMP/b.layout")
check "the contact block sits at the foot of the page ($back_y pt)" test "$back_y" -gt 700
run_briefc 0 build "$B" -o "$TMP/imp.pdf" --impose 2up -q
pdfinfo -f 1 -l 2 "$TMP/imp.pdf" > "$TMP/imp.info"
check "--impose 2up: the landscape page shrinks into its slot, sheets of one size" pf \
    "test \$(grep -cE 'Page +[12] size: +841.89 x 595.27[0-9]* pts' '$TMP/imp.info') -eq 2"
pdfinfo -struct "$TMP/b.pdf" > "$TMP/b.struct" 2>/dev/null
check "the definition list is tagged L > LI > Lbl, LBody" pf "grep -A3 -E '^ +L( |$)' '$TMP/b.struct' | grepq 'Lbl'"

refused() { # refused 'CALLS' EXPECTED: the section fails with EXPECTED; exit 1, no PDF
    cat > "$B/plugins/b.lua" <<EOF
return { api = 1, version = "1.0", render = function(s, ctx)
  $1
end }
EOF
    rm -f "$TMP/no.pdf"
    msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build bk -o no.pdf 2>&1); rc=$?
    check "$2: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$2: no PDF" test ! -e "$TMP/no.pdf"
    if printf '%s\n' "$msg" | sed -n 1p | grep -qxF -- "$2"; then ok; else bad "expected '$2', got: $msg"; fi
}
refused 's:definitions{ { "a" } }' \
    "bk/plugins/b.lua:2: error: s:definitions: entry 1 must be {term, definition}, got a table of another length"
refused 's:definitions{}' \
    "bk/plugins/b.lua:2: error: s:definitions needs at least one {term, definition} pair"
refused 's:pull_quote("a", {})' \
    "bk/plugins/b.lua:2: error: s:pull_quote takes one text and no options"
refused 's:recommendations{ items = {} }' \
    "bk/plugins/b.lua:2: error: s:recommendations needs at least one item"
refused 's:recommendations{ itmes = { "a" } }' \
    "bk/plugins/b.lua:2: error: s:recommendations: unknown field 'itmes' (did you mean 'items'?); its fields are title, items"
refused 's:back_page{ lines = { "a" } }; s:back_page{ lines = { "b" } }' \
    "bk/plugins/b.lua:2: error: s:back_page: the brief already has a back page (one is allowed)"
refused 's:landscape(true)' \
    "bk/plugins/b.lua:2: error: s:landscape takes no arguments"
# }==============================================

finish
