#!/bin/sh
# house.sh — a house style shared by many briefs (issue 18 item 7): require_theme's search
# path and confinement, a brief's overrides, and every house-style key read back from the
# PDF: running header and footer slots and fields (pdftotext -layout, the layout dump), the
# title and heading sizes and colours, unnumbered headings, table cell font and header
# shading, caption position and numbers, nocite, and params in the metadata (pdfinfo /Title
# and the XMP dc:title of two batch rows). Then each refusal: exit 1, its message, no PDF.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdfinfo

EX="$ROOT/examples/house"
cd "$TMP" || exit 1

# {============================================== the example brief, in its house style
run_briefc 0 build "$EX" -D year=2012 -D number=8 -o "$TMP/ex.pdf" -q
pdftotext -layout "$TMP/ex.pdf" "$TMP/ex.txt"
run_briefc 0 check "$EX" -D year=2012 -D number=8 -q --dump-layout "$TMP/ex.layout"
page() { # page N: the dump of page N
    awk -v p="page $1" '$0 == p {on = 1; next} /^(page |outline)/ {on = 0} on' "$TMP/ex.layout"
}
page 1 > "$TMP/p1"
page 2 > "$TMP/p2"
check "params in the title: /Title is 'US aid to Pakistan, FY2012'" \
    pf "pdfinfo '$TMP/ex.pdf' | grepq -xE 'Title: +US aid to Pakistan, FY2012'"
check "params in the XMP dc:title" \
    pf "pdfinfo -meta '$TMP/ex.pdf' | grepq -F '<rdf:li xml:lang=\"x-default\">US aid to Pakistan, FY2012</rdf:li>'"
check "params in the series: 'South Asia brief no. 8'" contains "$TMP/ex.txt" "South Asia brief no. 8"
check "header.first = false: no running header on page 1" \
    pf "! grepq -E 'text f[0-9]+ 7.50 .*\"US aid to Pakistan, FY2012\"' '$TMP/p1'"
check "header slots on page 2: {series} left, {title} right" \
    pf "grepq -E 'text f[0-9]+ 7.50 #5f6670 at 68.03,[0-9.]+ \"South Asia brief no. 8\"' '$TMP/p2' &&
        grepq -E 'text f[0-9]+ 7.50 #5f6670 at 4[0-9][0-9].[0-9]+,[0-9.]+ \"US aid to Pakistan, FY2012\"' '$TMP/p2'"
check "header.rule: a hairline under the header in the theme's rule colour" \
    pf "grepq -E '^  line 68.03,51.03 -> 527.24,51.03 stroke #9aa5b1 lw 0.50' '$TMP/p2'"
check "footer slots: left text, {date} centred, 'Page {page} of {pages}' right" \
    in_order "$TMP/ex.txt" "South Asia Programme" "November 2026" "Page 1 of 2" \
    "South Asia Programme" "November 2026" "Page 2 of 2"
check "footer.first = true: the footer on page 1" \
    pf "grepq -F '\"Page 1 of 2\"' '$TMP/p1'"
check "the centre slot is centred between the margins" \
    pf "awk '/\"November 2026\"\$/ && /7.50/ { split(\$6, a, \",\"); x = a[1] } END { w = 527.24 - 68.03; exit !(x > 68.03 + w / 2 - 40 && x < 68.03 + w / 2) }' '$TMP/p1'"
check "title_size = 24" pf "grepq -E 'text f[0-9]+ 24.00 #1b2a4a .*\"US aid to Pakistan, FY2012\"' '$TMP/p1'"
check "heading_sizes and heading_colour: level 1 at 13 pt in #0f766e" \
    pf "grepq -E 'text f[0-9]+ 13.00 #0f766e .*\"1 The year in figures\"' '$TMP/p1'"
check "unnumbered: 'Summary' has no number and takes none" \
    in_order "$TMP/ex.txt" "Summary" "1 The year in figures" "2 The series" "3 Where the money went"
check "unnumbered: no '1 Summary'" pf "! grepq -F '1 Summary' '$TMP/ex.txt'"
check "table_font = heading, table_size = 8.6: cells in the sans font at 8.60 pt" \
    pf "grepq -E 'text f4 8.60 #1d1d1f .*\"FY2011\"' '$TMP/p1'"
check "table_header_text: header cells in #1b2a4a" \
    pf "grepq -E 'text f5 8.60 #1b2a4a .*\"Fiscal year\"' '$TMP/p1'"
check "table_header_fill: the header row shaded #e3ecef" \
    pf "grepq -E '^  rect 68.03,[0-9.]+ [0-9.]+x1[0-9].[0-9]+ fill #e3ecef stroke none' '$TMP/p1'"
check "caption_position = below: the table's caption after its rows, before its source" \
    in_order "$TMP/ex.txt" "Fiscal year" "2,604" "Table 1 — US aid to Pakistan, FY2012" "Source: Congressional Research Service (2019)"
check "caption_position = below: the figure's caption under its axis" \
    in_order "$TMP/ex.txt" "2 The series" "\$5 bn" "FY2017" "Figure 1 — FY2012 in the series" "Source: Congressional Research Service (2013"
check "nocite: the uncited entries listed after the cited one, in sorted order" \
    in_order "$TMP/ex.txt" "[1] Kronstadt, K. Alan, and Susan B. Epstein. 2019" \
    "[2] Kronstadt, K. Alan, and Susan B. Epstein. 2013" "[3] Kronstadt, K. Alan, and Susan B. Epstein. 2014"
check "nocite: only those" pf "! grepq -F '[4]' '$TMP/ex.txt'"

# a bound brief: left and right slots swap on odd pages, so the left one is at the outer edge
M="$TMP/m"
mkdir -p "$M/plugins"
cat > "$M/plugins/p.lua" <<'EOF'
return { api = 1, version = "1.0", render = function(s, ctx)
  for i = 1, 3 do s:heading("Part " .. i) for k = 1, 9 do s:paragraph(("Words in a paragraph that fills the page. "):rep(12)) end end
end }
EOF
cat > "$M/brief.lua" <<'EOF'
return { title = "Mirrored brief", date = "May 2026", series = "Occasional paper 4",
  page = { margins = { inner = 30, outer = 15, top = 22, bottom = 20 } },
  theme = { header = { left = "{title}", centre = "{series}", right = "{date}" },
            footer = { left = "{page}", right = "Institute" } },
  sections = { section "p" } }
EOF
run_briefc 0 check "$M" -q --dump-layout "$TMP/m.dump"
slot_x() { # slot_x PAGE TEXT: x of the running text on that page
    awk -v p="page $1" -v t="\"$2\"" '$0 == p {on = 1; next} /^(page |outline)/ {on = 0}
        on && / 7.50 / && index($0, t) { split($6, a, ","); print int(a[1]); exit }' "$TMP/m.dump"
}
check "bound brief, even page 2: {title} at the outer (left) edge ($(slot_x 2 'Mirrored brief'))" test "$(slot_x 2 'Mirrored brief')" -lt 100
check "bound brief, odd page 3: {title} at the outer (right) edge ($(slot_x 3 'Mirrored brief'))" test "$(slot_x 3 'Mirrored brief')" -gt 400
check "bound brief, even page 2: the folio outer (left) ($(slot_x 2 2))" test "$(slot_x 2 2)" -lt 100
check "bound brief, odd page 3: the folio outer (right) ($(slot_x 3 3))" test "$(slot_x 3 3)" -gt 400
check "header.first unset: no header on page 1" test -z "$(slot_x 1 'Mirrored brief')"

# {============================================== two batch rows, each with its own title
run_briefc 0 batch "$EX" --rows "$EX/manifest.csv" --out "$TMP/rows/FY{year}.pdf" -q
check "batch row 2010: /Title names FY2010" pf "pdfinfo '$TMP/rows/FY2010.pdf' | grepq -xE 'Title: +US aid to Pakistan, FY2010'"
check "batch row 2012: /Title names FY2012" pf "pdfinfo '$TMP/rows/FY2012.pdf' | grepq -xE 'Title: +US aid to Pakistan, FY2012'"
check "batch row 2010: XMP title FY2010" pf "pdfinfo -meta '$TMP/rows/FY2010.pdf' | grepq -F '>US aid to Pakistan, FY2010<'"
check "batch row 2012: its series number from the manifest" \
    pf "pdftotext '$TMP/rows/FY2012.pdf' - | grepq -F 'South Asia brief no. 8'"

# {============================================== the search path and overrides
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data" "$TMP/shared" "$TMP/other"
cp "$EX/data/references.json" "$B/data/"
cat > "$B/plugins/p.lua" <<'EOF'
return { api = 1, version = "1.0", render = function(s, ctx)
  s:heading("Part")
  s:table{ caption = "Small", columns = { "A", "B" }, rows = { { "x", 1 }, { "y", 2 } } }
  for k = 1, 30 do s:paragraph(("Words in a paragraph that fills the page. "):rep(10)) end
  s:bibliography{ title = "Sources" }
end }
EOF
BIB='bibliography = "data/references.json",'
brief() { # brief THEME-EXPRESSION [EXTRA]: writes brief.lua (EXTRA: the bibliography line)
    cat > "$B/brief.lua" <<EOF
return { title = "House brief {year}", date = "May 2026", series = "Series", ${2-$BIB}
  theme = $1, params = { year = 2020 },
  sections = { section "p" } }
EOF
}
cat > "$TMP/shared/house.lua" <<'EOF'
return { accent = "#123456", footer = { left = "Shared house", right = "{page}/{pages}" },
         caption_numbers = false }
EOF
brief 'require_theme("house")'
BRIEFC_THEMES="$TMP/other:$TMP/shared" run_briefc 0 build "$B" -o "$TMP/s.pdf" -q
pdftotext -layout "$TMP/s.pdf" "$TMP/s.txt"
check "BRIEFC_THEMES: the shared house style is found" contains "$TMP/s.txt" "Shared house"
check "caption_numbers = false: the caption alone" pf "grepq -xE ' *Small' '$TMP/s.txt' && ! grepq -F 'Table 1' '$TMP/s.txt'"
check "caption_position above by default" in_order "$TMP/s.txt" "Small" "A" "x"
check "footer slots: {page}/{pages}" pf "grepq -E 'Shared house +1/[2-9]\$' '$TMP/s.txt'"
mkdir -p "$B/themes"
cat > "$B/themes/house.lua" <<'EOF'
return { footer = { left = "The brief's own house" } }
EOF
BRIEFC_THEMES="$TMP/shared" run_briefc 0 build "$B" -o "$TMP/s2.pdf" -q
check "the brief's themes/ comes before BRIEFC_THEMES" \
    pf "pdftotext '$TMP/s2.pdf' - | grepq -F 'own house'"
rm -r "$B/themes"
brief 'require_theme("house", { footer = { centre = "FY{year}" }, header = { first = true, centre = "{date}" } })'
BRIEFC_THEMES="$TMP/shared" run_briefc 0 build "$B" -o "$TMP/s3.pdf" -q
pdftotext -layout "$TMP/s3.pdf" "$TMP/s3.txt"
check "an override merges into a table of settings: left and right kept, centre set" \
    pf "grepq -E 'Shared house +FY2020 +1/[2-9]' '$TMP/s3.txt'"
check "header.first = true from the brief: a header on page 1" \
    pf "pdftotext -f 1 -l 1 -layout '$TMP/s3.pdf' - | sed -n 1p | grepq -F 'May 2026'"
cat > "$TMP/shared/base.lua" <<'EOF'
return { accent = "#654321", footer = { left = "Base" } }
EOF
cat > "$TMP/shared/derived.lua" <<'EOF'
return require_theme("base", { footer = { right = "Derived {page}" } })
EOF
brief 'require_theme("derived")'
BRIEFC_THEMES="$TMP/shared" run_briefc 0 build "$B" -o "$TMP/s4.pdf" -q
check "a house style builds on another" \
    pf "pdftotext -layout '$TMP/s4.pdf' - | grepq -E 'Base +Derived 1'"
brief 'require_theme("house", { nocite = "*" })'
BRIEFC_THEMES="$TMP/shared" run_briefc 0 build "$B" -o "$TMP/s5.pdf" -q
check "nocite = \"*\": all 13 entries listed" \
    test "$(pdftotext "$TMP/s5.pdf" - | grep -cE '^(———|[A-Z]).* (19|20)[0-9]{2}\. ')" -eq 13

# a house style's error caught by pcall in brief.lua leaves nothing behind: a tenth call works
mkdir -p "$B/themes"
printf 'error("boom")\n' > "$B/themes/boom.lua"
brief 'require_theme("house")'
sed -i '1i for i = 1, 10 do pcall(require_theme, "boom") end' "$B/brief.lua"
BRIEFC_THEMES="$TMP/shared" run_briefc 0 build "$B" -o "$TMP/pc.pdf" -q
check "require_theme after ten caught errors in house styles" \
    pf "pdftotext '$TMP/pc.pdf' - | grepq 'Shared house'"
rm -r "$B/themes"

# a logo a house style names is read from the house style's own folder
cp "$TESTS/images/svg/gradients.svg" "$TMP/shared/logo.svg"
cat > "$TMP/shared/logoed.lua" <<'EOF'
return { header = { left = "{title}", logo = { file = "logo.svg", width = 10 } } }
EOF
brief 'require_theme("logoed")'
BRIEFC_THEMES="$TMP/shared" run_briefc 0 check "$B" -q --dump-layout "$TMP/logo.dump"
check "header.logo from the house style's folder, on page 2" \
    pf "awk '/^page 2/,/^page 3/' '$TMP/logo.dump' | grepq \"'logo.svg'\""
cp "$TESTS/images/svg/gradients.svg" "$B/data/own.svg"
brief 'require_theme("logoed", { header = { logo = { file = "data/own.svg" } } })'
BRIEFC_THEMES="$TMP/shared" run_briefc 0 check "$B" -q --dump-layout "$TMP/logo2.dump"
check "a brief's own logo over the house style's, from the brief's folder" \
    pf "awk '/^page 2/,/^page 3/' '$TMP/logo2.dump' | grepq \"'data/own.svg'\""
printf 'return { header = { logo = { file = "../b/data/own.svg" } } }\n' > "$TMP/shared/escape.lua"
brief 'require_theme("escape")'
msg=$(cd "$TMP" && BRIEFC_THEMES="$TMP/shared" timeout 60 "$BRIEFC" build b -o no.pdf 2>&1); rc=$?
check "a house style's logo outside its folder: refused (exit 1, got $rc)" test "$rc" -eq 1
check "… naming the house style's file" pf "printf '%s' \"\$1\" | sed -n 1p | grepq -F '$TMP/shared/escape.lua:1: error: theme.header.logo'" _ "$msg"

# {============================================== briefc serve sees an edited shared house style
SB="$TMP/served"
mkdir -p "$SB/h/plugins" "$TMP/served-themes"
printf 'return { title = "Served", date = "May 2026", theme = require_theme("srv"), sections = { section "p" } }\n' > "$SB/h/brief.lua"
printf 'return { name = "p", version = "1", api = 1, render = function(s, ctx) s:paragraph("body") end }\n' > "$SB/h/plugins/p.lua"
if command -v curl >/dev/null 2>&1; then
    printf 'return { footer = { left = "Footer one" } }\n' > "$TMP/served-themes/srv.lua"
    BRIEFC_THEMES="$TMP/served-themes" briefc_bg "$TMP/serve.err" serve --listen 127.0.0.1:0 --briefs "$SB" -j 1
    SPID=$BG_PID
    if serve_port "$SPID" "$TMP/serve.err" && [ -n "$PORT" ]; then
        get() { curl -s --max-time 60 -o "$TMP/$1.pdf" -D - "http://127.0.0.1:$PORT/briefs/h.pdf" | tr -d '\r' | sed -n 's/^ETag: //Ip'; }
        e1=$(get one)
        check "serve: the shared house style's footer" pf "pdftotext '$TMP/one.pdf' - | grepq 'Footer one'"
        printf 'return { footer = { left = "Footer two" } }\n' > "$TMP/served-themes/srv.lua"
        e2=$(get two)
        check "serve: an edit to a shared house style gives a new ETag ($e1 -> $e2)" test -n "$e2" -a "$e2" != "$e1"
        check "serve: ... and the new footer" pf "pdftotext '$TMP/two.pdf' - | grepq 'Footer two'"
    else
        bad "serve did not start"; cat "$TMP/serve.err" >&3
    fi
    kill -TERM "$SPID" 2>/dev/null
    briefc_wait "$SPID" 0 "$TMP/serve.err" "serve exits on SIGTERM"
else
    bad "curl is not installed (run: make test-deps)"
fi

# {============================================== briefc watch rebuilds on a shared house style
printf 'return { footer = { left = "Watched one" } }\n' > "$TMP/served-themes/srv.lua"
BRIEFC_THEMES="$TMP/served-themes" briefc_bg "$TMP/watch.err" watch "$SB/h" -o "$TMP/watched.pdf"
WPID=$BG_PID
check "watch: first build" wait_for 60 grep -q 'watching for changes' "$TMP/watch.err"
check "watch: the shared house style's footer" pf "pdftotext '$TMP/watched.pdf' - | grepq 'Watched one'"
printf 'return { footer = { left = "Watched two" } }\n' > "$TMP/served-themes/srv.lua"
check "watch: an edit to the shared house style rebuilds" \
    wait_for 60 pf "pdftotext '$TMP/watched.pdf' - | grepq 'Watched two'"
mkdir -p "$SB/h/themes"
printf 'return { footer = { left = "Watched own" } }\n' > "$SB/h/themes/srv.lua"
check "watch: a house style made in the brief's themes/ rebuilds" \
    wait_for 60 pf "pdftotext '$TMP/watched.pdf' - | grepq 'Watched own'"
kill -INT "$WPID" 2>/dev/null
wait "$WPID" 2>/dev/null
rm -r "$SB/h/themes"

# {============================================== refusals
refused() { # refused THEME-EXPRESSION EXPECTED-FIRST-LINE [EXTRA]
    brief "$1"
    rm -f "$TMP/no.pdf"
    if [ $# -ge 3 ]; then brief "$1" "$3"; fi
    msg=$(cd "$TMP" && BRIEFC_THEMES="$TMP/shared" timeout 60 "$BRIEFC" build b -o no.pdf 2>&1); rc=$?
    check "$2: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$2: no PDF" test ! -e "$TMP/no.pdf"
    if printf '%s\n' "$msg" | sed -n 1p | grep -qxF -- "$2"; then ok; else bad "expected '$2', got: $msg"; fi
}
refused 'require_theme("hose")' \
    "b/brief.lua:2: error: require_theme: no house style 'hose' (did you mean 'house'?); looked for hose.lua in b/themes, $TMP/shared, $ROOT/themes"
refused 'require_theme("../shared/house")' \
    "b/brief.lua:2: error: require_theme: '../shared/house' is not a house style's name; write its file name without .lua (letters, digits, '-' and '_'), such as require_theme(\"house\")"
mkdir -p "$B/themes"
printf 'return {\n  accent = "#112233",\n  acent = "#112233",\n}\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/themes/bad.lua:3: error: unknown theme setting 'acent' (did you mean 'accent'?); the theme settings are body_font, heading_font, body_size, leading, justify, text, accent, muted, rule, fill, palette, charts, table_zebra, code_font, columns, column_gap, table_style, heading_numbers, heading_sizes, header, footer, title_size, heading_colour, unnumbered, caption_position, caption_numbers, table_font, table_size, table_header_fill, table_header_text, nocite"
printf 'return {\n  header = {\n    lft = "{title}" },\n}\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/themes/bad.lua:3: error: unknown theme.header setting 'lft' (did you mean 'left'?); the theme.header settings are left, centre, right, first, rule, logo"
printf 'return {\n  body_size = 10,\n  table_header_fill = "grey",\n}\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/themes/bad.lua:3: error: theme.table_header_fill must be a colour like \"#17406d\""
printf 'return {\n  caption_position = "under",\n}\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/themes/bad.lua:2: error: theme.caption_position must be \"above\" or \"below\""
printf 'return {\n  accent = "#112233"\n  muted = "#445566",\n}\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/themes/bad.lua:2: error: missing ',' at the end of this line, before line 3 (Lua says: '}' expected (to close '{' at line 1) near 'muted')"
printf 'local t = {}\nreturn t.x.y\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/themes/bad.lua:2: error: attempt to index a nil value (field 'x')"
printf 'return io.open("/etc/passwd")\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/themes/bad.lua:1: error: undefined global 'io'"
printf 'return "accent"\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/brief.lua:2: error: require_theme: b/themes/bad.lua must return a table of theme settings, not string"
printf 'return setmetatable({}, { __index = function() return 1 end })\n' > "$B/themes/bad.lua"
refused 'require_theme("bad")' \
    "b/brief.lua:2: error: require_theme: b/themes/bad.lua returns a table with a metatable; a house style must return plain tables"
printf 'return require_theme("loop")\n' > "$B/themes/loop.lua"
refused 'require_theme("loop")' \
    "b/themes/loop.lua:1: error: require_theme: house styles build on each other more than 8 deep (does 'loop' require itself?)"
printf 'while true do end\n' > "$B/themes/spin.lua"
refused 'require_theme("spin")' \
    "b/themes/spin.lua:1: error: instruction limit reached (100 million instructions); raise limits.instructions in brief.lua if this is not an endless loop"
# a link out of the themes folder, and a FIFO: refused by the file door, nothing read
ln -s "$TMP/shared/house.lua" "$B/themes/out.lua"
brief 'require_theme("out")'
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build b -o no.pdf 2>&1); rc=$?
check "a house style linked from outside its folder: refused (exit 1, got $rc)" test "$rc" -eq 1
check "… the message says it is outside" pf "printf '%s' \"\$1\" | grepq -E 'outside|not inside'" _ "$msg"
mkfifo "$B/themes/fifo.lua"
brief 'require_theme("fifo")'
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build b -o no.pdf 2>&1); rc=$?
check "a FIFO as a house style: refused without blocking (exit 1, got $rc)" test "$rc" -eq 1
rm -r "$B/themes"
refused 'require_theme("house", { footer = { left = "p. {pgae}" } })' \
    "b/brief.lua:2: error: theme.footer.left names {pgae}, which is no field or param (did you mean {page}?); the fields are title, subtitle, date, series, authors, page and pages, and the params are year"
refused '{ nocite = { "gao2009" } }' \
    "b/brief.lua: error: theme.nocite names 'gao2009', which b/data/references.json has no entry for (did you mean 'gao2008'?)"
refused '{ nocite = "*" }' \
    "b/brief.lua: error: theme.nocite lists references, but the brief has no bibliography; add bibliography = \"data/references.json\"" ""
refused '{ footer = { centre = 3 } }' \
    "b/brief.lua:2: error: theme.footer.centre must be text such as \"{title}\" or \"Page {page} of {pages}\", got number"
brief '{}'
sed -i 's/title = "House brief {year}"/title = "House brief {yeer}"/' "$B/brief.lua"
msg=$(cd "$TMP" && timeout 60 "$BRIEFC" build b -o no.pdf 2>&1); rc=$?
check "a title naming no param: exit 1 (got $rc)" test "$rc" -eq 1
check "… names the nearest param" pf "printf '%s' \"\$1\" | sed -n 1p | grepq -xF \"b/brief.lua:1: error: title names {yeer}, which is no param (did you mean {year}?); the params are year (write {{ for a brace)\"" _ "$msg"
brief '{}'
sed -i 's/title = "House brief {year}"/title = "Braces {{kept}} and {not a field}"/' "$B/brief.lua"
run_briefc 0 build "$B" -o "$TMP/br.pdf" -q
check "{{ is a brace, and a brace that names no field is kept" \
    pf "pdfinfo '$TMP/br.pdf' | grepq -xE 'Title: +Braces \\{kept} and \\{not a field}'"

# a house style that is a named pipe: refused at once, never waited on
mkdir -p "$B/themes"
mkfifo "$B/themes/pipe.lua"
refused 'require_theme("pipe")' \
    "b/brief.lua:2: error: require_theme: 'b/themes/pipe.lua' is a named pipe (FIFO), not a regular file"
rm -f "$B/themes/pipe.lua"

# a themes folder that is a link out of the brief: refused, not read (its target would become
# the folder house styles and their logos are read from)
rm -rf "$B/themes"
ln -s "$TMP/shared" "$B/themes"
refused 'require_theme("house")' \
    "b/brief.lua:2: error: require_theme: b/themes leads out of the brief folder (a link); keep the brief's house styles in a real themes folder inside it, or share them through BRIEFC_THEMES"
rm "$B/themes"

# a house style's logo is charged to the brief's memory limit: require_theme in a loop stops at
# the limit (256 MB before brief.lua sets its own) instead of growing the arena without bound
# (each call decodes the 6 MB logo again). Not under the sanitizers, whose shadow memory would
# make this a test of the machine.
if [ -z "${BRIEFC_TEST_SLOW:-}" ]; then
    mkdir -p "$B/themes"
    python3 - "$B/themes/big.png" <<'PY'
import os, struct, sys, zlib
w = h = 1400
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\0" + os.urandom(w * 3) for _ in range(h))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
PY
    printf 'return { header = { first = true, logo = { file = "big.png", width = 20 } } }\n' > "$B/themes/big.lua"
    printf 'for i = 1, 80 do require_theme("big") end\nreturn { title = "Loop", sections = { section "p" } }\n' > "$B/brief.lua"
    msg=$(cd "$TMP" && timeout 120 "$BRIEFC" build b -o loop.pdf 2>&1); rc=$?
    check "require_theme in a loop with a large logo: exit status 1 (got $rc)" test "$rc" -eq 1
    if printf '%s' "$msg" | grep -q 'memory limit reached'; then ok; else bad "require_theme in a loop: the memory limit not named: $(printf '%s' "$msg" | head -2)"; fi
    check "require_theme in a loop: no PDF" test ! -e "$TMP/loop.pdf"
    rm -f "$B/themes/big.png" "$B/themes/big.lua"
fi

finish
