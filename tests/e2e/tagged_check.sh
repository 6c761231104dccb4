#!/bin/bash
# tagged_check.sh — `briefc check` names what keeps a brief's tagged PDF from reading well
# (doc/a11y.c), each with the brief.lua line of its section: a skipped heading level, a table
# without a header row, a link whose text is its bare URL, theme colours under WCAG's 4.5:1,
# no title, no language. A brief with none of them gets no such warning; `build` and
# --pdf-standard none stay quiet.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/b/plugins"
cat > "$TMP/b/plugins/flaws.lua" <<'LUA'
return {
  name = "flaws", version = "1.0.0", api = 1, description = "accessibility flaws",
  render = function(s, ctx)
    s:heading("Overview")
    s:heading("Deep detail", { level = 3 })
    s:paragraph("See [https://crsreports.congress.gov](https://crsreports.congress.gov) or "
      .. "[the CRS site](https://crsreports.congress.gov).")
    s:table { caption = "Numbers", columns = { "", "" }, rows = { { 1, 2 }, { 3, 4 } } }
    s:table { caption = "Named", columns = { "Year", "Total" }, rows = { { 1, 2 } } }
  end,
}
LUA
cat > "$TMP/b/brief.lua" <<'LUA'
return {
  title = "Flaws",
  theme = { muted = "#aaaaaa", fill = "#333333" },
  sections = {
    section "title_block",
    section "flaws",
  },
}
LUA
run_briefc 0 check "$TMP/b" 2> "$TMP/w.txt"
B="$TMP/b/brief.lua"
check "no language: said, with the brief" grepq "^$B: warning: the brief sets no language" "$TMP/w.txt"
check "skipped level: the section's line, the heading, the fix" \
    grepq "^$B:6: warning: section 'flaws': heading 'Deep detail' is level 3 right after level 1; .*make it level 2" "$TMP/w.txt"
check "bare URL link: said once, with the URL" \
    pf "[ \$(grep -c \"warning: section 'flaws': a link's text is its bare URL 'https://crsreports.congress.gov'\" '$TMP/w.txt') -eq 1 ]"
check "table without header row: table 1, not table 2" \
    pf "grepq \"section 'flaws': table 1 has no header row\" '$TMP/w.txt' && ! grepq 'table 2 has' '$TMP/w.txt'"
check "low contrast: muted #AAAAAA on white, 2.32:1" \
    grepq "^$B: warning: theme: muted colour .* #AAAAAA on the page #FFFFFF has a contrast of 2.32:1, under the 4.5:1" "$TMP/w.txt"
check "low contrast: text on the fill #333333" grepq "theme: text colour #1D1D1F on the fill colour #333333" "$TMP/w.txt"
check "six findings, no more" pf "[ \$(grep -c ': warning: ' '$TMP/w.txt') -eq 6 ]"
run_briefc 0 build "$TMP/b" -o "$TMP/b.pdf" 2> "$TMP/wb.txt"
check "build: no accessibility warnings (check gives them)" pf "! grepq 'warning' '$TMP/wb.txt'"
run_briefc 0 check "$TMP/b" --pdf-standard none 2> "$TMP/wn.txt"
check "--pdf-standard none: none" pf "! grepq 'warning' '$TMP/wn.txt'"
# a blank title (brief.lua refuses a missing one)
sed -i 's/title = "Flaws",/title = "  ",/' "$B"
run_briefc 0 check "$TMP/b" 2> "$TMP/wt.txt"
check "no title: said" grepq "^$B: warning: the brief has no title" "$TMP/wt.txt"
# the sample has none of these
run_briefc 0 check "$ROOT/briefs/pakistan-us" 2> "$TMP/ws.txt"
check "sample: no warning" pf "! grepq 'warning' '$TMP/ws.txt'"

finish
