#!/bin/sh
# newcomer.sh — what a new author tripped on (issue 17): numbers printed as the data has them,
# chart labels that agree with fmt, and mistakes that end in a message saying what, where and
# how to fix it. Numbers are read back from the PDF with pdftotext; messages are exact.
. "$(dirname "$0")/lib.sh"
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
printf 'return { title = "newcomer", sections = { section "t" } }\n' > "$B/brief.lua"

# build PLUGIN_BODY: writes plugins/t.lua with that render body, builds, leaves the text of
# the PDF (spaces squeezed) in $TMP/out.txt and the messages in $TMP/msg.txt.
build() {
    { printf 'return { name = "t", version = "1", api = 1,\n  render = function(s, ctx)\n'
      printf '%s\n' "$1"
      printf '  end }\n'; } > "$B/plugins/t.lua"
    rm -f "$TMP/out.pdf"
    (cd "$TMP" && timeout 60 "$BRIEFC" build b -o out.pdf) > "$TMP/msg.txt" 2>&1; rc=$?
    if [ -f "$TMP/out.pdf" ]; then
        pdftotext -enc UTF-8 -layout "$TMP/out.pdf" - | sed 's/\xc2\xa0/ /g; s/  */ /g' > "$TMP/out.txt"
    else
        : > "$TMP/out.txt"
    fi
    return $rc
}
has() { # has TEXT: the PDF's text holds TEXT
    if grep -qF -- "$1" "$TMP/out.txt"; then ok; else bad "expected '$1' in the PDF text:"; cat "$TMP/out.txt" >&2; fi
}
hasnt() {
    if grep -qF -- "$1" "$TMP/out.txt"; then bad "did not expect '$1' in the PDF text"; else ok; fi
}
said() { # said TEXT: the messages hold TEXT
    if grep -qF -- "$1" "$TMP/msg.txt"; then ok; else bad "expected '$1' in the messages:"; cat "$TMP/msg.txt" >&2; fi
}

# 1. table cells keep the data's precision, one number of decimals down a column
printf 'name,share,tiny\na,53.5,0.001234\nb,14.0,2\n' > "$B/data/d.csv"
build '    local rows = {}
    for _, r in ipairs(ctx:csv("data/d.csv")) do rows[#rows + 1] = { r.name, r.share, r.tiny } end
    s:table { caption = "Numbers", columns = { "Name", "Share", "Tiny" }, rows = rows, source = "Test." }'
check "table: builds" test $? -eq 0
has "a 53.5 0.001234"
has "b 14.0 2.000000"
hasnt "53.50"
# … or a column's decimals, with a warning when a value would print as zero
build '    s:table { caption = "Numbers", columns = { "Name", { title = "Tiny", decimals = 2 } },
      rows = { { "a", 0.001234 }, { "b", 2 } }, source = "Test." }'
check "table with decimals: builds" test $? -eq 0
has "a 0.00"
has "b 2.00"
said "b/plugins/t.lua:3: warning: section 't': table: row 1, column 2: 0.001234 shows as 0.00 with 2 decimals; give the column more (decimals = 6) or scale the values"

# 2. chart labels read as fmt.money and fmt.percent would write them
build '    s:chart { caption = "Money", categories = { "A", "B", "C" }, format = "money", value_labels = true,
      series = { { name = "x", values = { 500, 1200, 3.5 } } }, source = "Test." }
    s:chart { caption = "Share", categories = { "A", "B" }, format = "percent", value_labels = true,
      series = { { name = "x", values = { 0.079, 0.5 } } }, source = "Test." }
    s:chart { caption = "Two", categories = { "A" }, format = "percent", value_labels = true, decimals = 2,
      series = { { name = "x", values = { 0.0123 } } }, source = "Test." }
    s:paragraph(fmt.money(500) .. "; " .. fmt.money(1200) .. "; " .. fmt.money(3.5) .. "; " .. fmt.percent(0.079))'
check "charts: build" test $? -eq 0
has '$500 m'
has '$1.2 bn'
has '$3.5 m'
hasnt '$0 bn'
has '$500 m; $1.2 bn; $3.5 m; 7.9 %'
has '7.9 %'
has '50.0 %'
has '1.23 %'
hasnt '0.08 %'

# 3. a stack with positive and negative parts is labelled at both ends, whole numbers bare
build '    s:chart { caption = "Stack", categories = { "A", "B" }, stacked = true, value_labels = true,
      series = { { name = "x", values = { 10, 3 } }, { name = "y", values = { -4, 2 } } }, source = "Test." }'
check "stacked chart: builds" test $? -eq 0
tr -s ' \n' '  ' < "$TMP/out.txt" > "$TMP/flat.txt"
if grep -qE '(^| )10 .* –4 ' "$TMP/flat.txt"; then ok; else bad "stack labels 10 and –4:"; cat "$TMP/flat.txt" >&2; fi
hasnt "6.0"
hasnt "5.0"

# 4. footnotes in a table's caption, cells and source number in reading order, listed in order
build '    s:paragraph("Before^[Note before.]")
    s:table { caption = "Cap^[Note caption.]", columns = { "A", "B" }, source = "Src^[Note source.]", width = "full",
      rows = { { "x^[Note cell one.]", 1 }, { "y^[Note cell two.]", 2 } } }
    s:paragraph("After^[Note after.]")'
check "footnotes: builds" test $? -eq 0
has "Source: Src 5"
check "footnotes: listed 1 to 6 in reading order" in_order "$TMP/out.txt" "1 Note before." "2 Note caption." \
    "3 Note cell one." "4 Note cell two." "5 Note source." "6 Note after."

# 8. a log axis spans the data on 1-2-5 ticks (3.5 to 129: 2 to 200, not 1 to 1,000), and a
# wide one ends on a tick; a horizontal bar chart grows with its bars, one label per row
build '    s:chart { kind = "line", log = true, caption = "Log", categories = { "A", "B", "C" },
      series = { { name = "x", values = { 3.5, 40, 129 } } }, source = "Test." }'
check "log axis: builds" test $? -eq 0
for t in 2 5 10 20 50 100 200; do
    if grep -qx " *$t" "$TMP/out.txt"; then ok; else bad "log axis: tick $t"; fi
done
hasnt "1,000"
build '    s:chart { kind = "bar", log = true, caption = "Wide", categories = { "A", "B" },
      series = { { name = "x", values = { 0.02, 50000 } } }, source = "Test." }'
check "wide log axis: builds" test $? -eq 0
check "wide log axis: 10^6 drawn below the caption" in_order "$TMP/out.txt" "Figure 1 — Wide" "1,000,000" "10,000" "0.01"
build '    local cats, vals = {}, {}
    for i = 1, 40 do cats[i] = "Country " .. i; vals[i] = i * 3 end
    s:chart { kind = "hbar", caption = "Forty", categories = cats, series = { { name = "x", values = vals } }, source = "Test." }'
check "hbar with 40 bars: builds" test $? -eq 0
check "hbar with 40 bars: 40 labels, one per line" test "$(grep -c '^ *Country [0-9]* *$' "$TMP/out.txt")" -eq 40
# the labels' boxes (7.5 pt type) must not overlap: each starts at least 7.5 pt below the last
pdftotext -bbox "$TMP/out.pdf" - | awk -F'"' '/>Country</ { print $4 }' | sort -n |
    awk 'NR > 1 && $1 - last < 7.5 { bad = 1 } { last = $1; n++ } END { exit !(n == 40 && !bad) }'
check "hbar with 40 bars: labels do not overprint" test $? -eq 0

# 9. a table without a source ends its keep chain: its last rows stay on the page, and only
# the chart that does not fit moves on
build '    for i = 1, 6 do s:paragraph("Filler paragraph " .. i .. ". " .. string.rep("Words to fill the page with text. ", 12)) end
    local rows = {}
    for i = 1, 12 do rows[i] = { "Row " .. i, i } end
    s:table { caption = "Ends near the foot", columns = { "Name", "N" }, rows = rows }
    s:chart { caption = "After the table", categories = { "A", "B" }, series = { { name = "x", values = { 1, 2 } } }, source = "Test." }'
check "table near the foot: builds" test $? -eq 0
check "table near the foot: its last rows on page 1, the chart on page 2" in_order "$TMP/out.txt" \
    "Row 11 11" "Row 12 12" "1/2" "Figure 1 — After the table" "2/2"

# 5. two columns on US Letter, body 9: a heading is never left at the foot of a column or page
# with its text in the next (seeds that did so before), and --stats counts such a heading
C="$TMP/cols"
mkdir -p "$C/plugins"
cat > "$C/plugins/t.lua" <<'LUA'
return { name = "t", version = "1", api = 1,
  render = function(s, ctx)
    local seed = ctx.params.n
    local function rnd(k) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k + 1 end
    for i = 1, 40 do
      if rnd(3) == 1 then s:heading("Heading number " .. i, { level = rnd(2) }) end
      s:paragraph("Paragraph " .. i .. ". " .. string.rep("Words to fill the column. ", rnd(9) - 1))
      if rnd(12) == 1 then
        s:chart { caption = "Across " .. i, categories = { "A", "B" }, aspect = 0.2, source = "Test.",
                  series = { { name = "x", values = { 1, 2 } } } }
      end
    end
  end }
LUA
for n in 1 10 18 25 26 29 47 54 58; do
    printf 'return { title = "Cols", page = { size = "letter" }, theme = { columns = 2, body_size = 9 },\n  params = { n = %d }, sections = { section "t" } }\n' $n > "$C/brief.lua"
    stats=$(cd "$TMP" && timeout 60 "$BRIEFC" check cols --dump-layout "$TMP/cols.layout" --stats 2>&1)
    check "columns seed $n: builds" test $? -eq 0
    # each numbered heading is followed by body text in its own column (x < 300 or not) and page
    awk '/^page / { page = $2 }
         /^  text f5 .*"[0-9.]+ Heading number/ { split($6, xy, ","); hx = xy[1] + 0; hp = page; h = $0; pending = 1; next }
         pending && /^  text f0 / { split($6, xy, ","); if (page != hp || (xy[1] + 0 >= 300) != (hx >= 300)) { print "stranded: " h; bad = 1 } pending = 0 }
         END { exit bad }' "$TMP/cols.layout" >&2
    check "columns seed $n: no heading left at a column's foot" test $? -eq 0
    if printf '%s' "$stats" | grep -q ' 0 orphans'; then ok; else bad "columns seed $n: --stats: $stats"; fi
done

# 6. the title, subtitle, series and running header get the typography of the text
printf '%s\n' 'return { title = [[The "new" deal -- a brief...]], subtitle = [[It'"'"'s "fair" --- or not]],' \
    '  series = [[Notes -- "one"]], date = [[May--June 2026]], sections = { section "t" } }' > "$B/brief.lua"
build '    s:title()
    s:paragraph("Page one.")
    s:page_break()
    s:paragraph("Page two.")'
check "typography of the title: builds" test $? -eq 0
has "The “new” deal – a brief…"
has "It’s “fair” — or not"
has "Notes – “one”"
check "typography of the title: the running header on page 2" in_order "$TMP/out.txt" "Page one." "The “new” deal – a brief… May–June 2026" "Page two."
hasnt '"'
hasnt -- "--"
printf 'return { title = "newcomer", sections = { section "t" } }\n' > "$B/brief.lua"

# 7. a reference line's label over dark bars sits on a halo of paper
build '    s:chart { caption = "Target", categories = { "A", "B", "C" }, format = "percent", source = "Test.",
      series = { { name = "x", values = { 0.05, 0.045, 0.04 } } }, references = { { value = 0.03, label = "target: 3 %" } } }'
check "reference label: builds" test $? -eq 0
(cd "$TMP" && timeout 60 "$BRIEFC" check b --dump-layout "$TMP/ref.layout" -q)
check "reference label: a white halo right under it" sh -c "grep -B1 '\"target: 3 %\"' '$TMP/ref.layout' | grep -q '^  rect .* fill #ffffff stroke none'"

# 8. references: page ranges take an en dash; DOIs and URLs (with parentheses) are kept
cat > "$B/data/refs.json" <<'JSON'
[ { "id": "khan", "type": "article-journal", "title": "Aid and Reform", "container-title": "Journal of Aid",
    "volume": "12", "issue": "3-4", "page": "129-152", "DOI": "10.1234/jaid.2019.12",
    "author": [ { "family": "Khan", "given": "Sara" } ], "issued": { "date-parts": [ [ 2019 ] ] } },
  { "id": "wiki", "type": "webpage", "title": "Aid (economics)", "URL": "https://example.org/wiki/Aid_(economics)",
    "author": [ { "family": "Lee", "given": "Ann" } ], "issued": { "date-parts": [ [ 2020 ] ] } } ]
JSON
cat > "$B/data/refs2.json" <<'JSON'
[ { "id": "q", "type": "article-journal", "title": "Is Aid Improving?", "container-title": "Aid Review",
    "author": [ { "family": "Ng", "given": "Lin" } ], "issued": { "date-parts": [ [ 2021 ] ] } },
  { "id": "nd", "type": "report", "title": "Undated Report", "publisher": "Some Office",
    "author": [ { "family": "Ortiz", "given": "Ana" } ] } ]
JSON
cat > "$B/data/refs3.json" <<'JSON'
[ { "id": "s1", "type": "book", "title": "Beta Book", "publisher": "P",
    "author": [ { "family": "Smith", "given": "John" } ], "issued": { "date-parts": [ [ 2019 ] ] } },
  { "id": "s2", "type": "book", "title": "Alpha Book", "publisher": "P",
    "author": [ { "family": "Smith", "given": "John" } ], "issued": { "date-parts": [ [ 2019 ] ] } },
  { "id": "s3", "type": "book", "title": "Gamma Book", "publisher": "P",
    "author": [ { "family": "Smith", "given": "Anne" } ], "issued": { "date-parts": [ [ 2018 ] ] } },
  { "id": "s4", "type": "book", "title": "Delta Book", "publisher": "P",
    "author": [ { "family": "Smith", "given": "John" } ], "issued": { "date-parts": [ [ 2018 ] ] } } ]
JSON
printf 'return { title = "newcomer", bibliography = "data/refs3.json", sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("See [@s1; @s2] and [@s3; @s4].")
    s:bibliography()'
check "references disambiguated: builds" test $? -eq 0
has "See (J. Smith 2019b, 2019a) and (A. Smith 2018; J. Smith 2018)."
has "Smith, John. 2018. Delta Book. P."
has "———. 2019a. Alpha Book. P."
has "———. 2019b. Beta Book. P."
cat > "$B/data/refs4.json" <<'JSON'
[ { "id": "two", "type": "book", "title": "Two", "publisher": "P", "issued": { "date-parts": [ [ 2013 ] ] },
    "author": [ { "family": "Kronstadt", "given": "K. Alan" }, { "family": "Epstein", "given": "Susan B." } ] },
  { "id": "many", "type": "book", "title": "Many", "publisher": "P", "issued": { "date-parts": [ [ 2020 ] ] },
    "author": [ { "family": "A1", "given": "X" }, { "family": "A2", "given": "X" }, { "family": "A3", "given": "X" },
                { "family": "A4", "given": "X" }, { "family": "A5", "given": "X" }, { "family": "A6", "given": "X" },
                { "family": "A7", "given": "X" }, { "family": "A8", "given": "X" }, { "family": "A9", "given": "X" },
                { "family": "A10", "given": "X" }, { "family": "A11", "given": "X" } ] } ]
JSON
printf 'return { title = "newcomer", bibliography = "data/refs4.json", sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("See [@two] and [@many].")
    s:bibliography()'
check "reference names: builds" test $? -eq 0
has "Kronstadt, K. Alan, and Susan B. Epstein. 2013."
has "A1, X, X A2, X A3, X A4, X A5, X A6, X A7, et al. 2020."
hasnt "A8"
cat > "$B/data/refs5.json" <<'JSON'
[ { "id": "z", "type": "book", "title": "Z", "publisher": "P", "author": [ { "family": "Zimmer", "given": "Ute" } ], "issued": { "date-parts": [ [ 2010 ] ] } },
  { "id": "c", "type": "book", "title": "C", "publisher": "P", "author": [ { "family": "Çelik", "given": "Ayşe" } ], "issued": { "date-parts": [ [ 2011 ] ] } },
  { "id": "d", "type": "book", "title": "D", "publisher": "P", "author": [ { "family": "Dahl", "given": "Ole" } ], "issued": { "date-parts": [ [ 2012 ] ] } } ]
JSON
printf 'return { title = "newcomer", bibliography = "data/refs5.json", sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("See [@z; @c; @d].")
    s:bibliography()'
check "reference order: builds" test $? -eq 0
check "reference order: Çelik, Dahl, Zimmer" in_order "$TMP/out.txt" "Çelik, Ayşe. 2011." "Dahl, Ole. 2012." "Zimmer, Ute. 2010."
cat > "$B/data/refs6.json" <<'JSON'
[ { "id": "lit", "type": "book", "title": "Forthcoming Book", "publisher": "P", "author": [ { "family": "Ito", "given": "Ken" } ], "issued": { "literal": "forthcoming" } },
  { "id": "raw", "type": "book", "title": "Raw Date", "publisher": "P", "author": [ { "family": "Rao", "given": "Uma" } ], "issued": { "raw": "2017-05-04" } },
  { "id": "rich", "type": "article-journal", "title": "Reading <i>Das Kapital</i> Again", "container-title": "Review",
    "author": [ { "family": "Kim", "given": "Min" } ], "issued": { "date-parts": [ [ 2015 ] ] } } ]
JSON
printf 'return { title = "newcomer", bibliography = "data/refs6.json", sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("See [@lit], [@raw, p. 4] and [@rich, pp. 10-12].")
    s:bibliography()'
check "reference dates and rich text: builds" test $? -eq 0
has "See (Ito forthcoming), (Rao 2017, 4) and (Kim 2015, 10–12)."
has "Ito, Ken. forthcoming. Forthcoming Book. P."
has "Rao, Uma. 2017. Raw Date. P."
has "Kim, Min. 2015. “Reading Das Kapital Again.” Review."
hasnt "<i>"
cat > "$B/data/refs7.json" <<'JSON'
[ { "id": "ed", "type": "book", "title": "Edited Volume", "publisher": "Big Press",
    "editor": [ { "family": "Haq", "given": "Nadia" }, { "family": "Roy", "given": "Dev" } ], "issued": { "date-parts": [ [ 2016 ] ] } } ]
JSON
printf 'return { title = "newcomer", bibliography = "data/refs7.json", sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("See [@ed].")
    s:bibliography()'
check "editor-only book: builds" test $? -eq 0
has "See (Haq and Roy 2016)."
has "Haq, Nadia, and Dev Roy, eds. 2016. Edited Volume. Big Press."
printf 'return { title = "newcomer", bibliography = "data/refs2.json", sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("See [@q] and [@nd].")
    s:bibliography()'
check "references punctuation: builds" test $? -eq 0
has "“Is Aid Improving?” Aid Review."
has "Ortiz, Ana. n.d. “Undated Report.” Some Office."
hasnt "?."
hasnt "n.d.."
printf 'return { title = "newcomer", bibliography = "data/refs.json", sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("As shown [@khan] and [@wiki].")
    s:bibliography()'
check "references: builds" test $? -eq 0
has "Journal of Aid 12 (3–4): 129–52."
has "https://doi.org/10.1234/jaid.2019.12"
has "https://example.org/wiki/Aid_(economics)"
check "references: the links are live" sh -c "pdfinfo -url '$TMP/out.pdf' 2>/dev/null | grep -q 'https://doi.org/10.1234/jaid.2019.12' || strings '$TMP/out.pdf' | grep -q 'doi.org/10.1234/jaid.2019.12'"
printf 'return { title = "newcomer", sections = { section "t" } }\n' > "$B/brief.lua"

# 11. a misspelt key in a builder call is an error at the plugin's line, with a suggestion
# refused BODY MESSAGE: the build fails (exit 1) with MESSAGE
refused() {
    build "$1"
    rc=$?
    check "refused: $2: exit status 1 (got $rc)" test "$rc" -eq 1
    said "$2"
}
refused '    s:table { captoin = "x", columns = { "A" }, rows = { { 1 } } }' \
    "b/plugins/t.lua:3: error: s:table: unknown field 'captoin' (did you mean 'caption'?); its fields are caption, columns, rows, source, label"
refused '    s:chart { categories = { "a" }, series = { { name = "s", values = { 1 } } }, formatt = "money" }' \
    "b/plugins/t.lua:3: error: s:chart: unknown field 'formatt' (did you mean 'format'?); its fields are kind, stacked, caption, categories, series, format, decimals, legend, markers, value_labels, log, mono, highlight, x_title, y_title, source, aspect, label_every, events, references, label"
refused '    s:heading("H", { levl = 2 })' \
    "b/plugins/t.lua:3: error: s:heading: unknown field 'levl' (did you mean 'level'?); its fields are level, label"
refused '    s:table { columns = { { title = "A", algn = "right" } }, rows = { { 1 } } }' \
    "b/plugins/t.lua:3: error: s:table: column 1: unknown field 'algn' (did you mean 'align'?); its fields are title, align, width, decimals"
refused '    s:table { columns = { "A" }, rows = { { 1 }, { 2, strnog = true } } }' \
    "b/plugins/t.lua:3: error: s:table: row 2: unknown field 'strnog' (did you mean 'strong'?); its fields are strong"
refused '    s:chart { categories = { "a" }, series = { { nmae = "s", values = { 1 } } } }' \
    "b/plugins/t.lua:3: error: s:chart: series: unknown field 'nmae' (did you mean 'name'?); its fields are name, values"
refused '    s:paragraph("x", { colour = "red" })' \
    "b/plugins/t.lua:3: error: s:paragraph: unknown field 'colour'; its fields are style"

# 12. a column a CSV or JSON row does not have is an error naming it and the real ones; an
# empty cell of a real column is still nil
printf 'year,total,note\n2018,5,\n2019,7,x\n' > "$B/data/y.csv"
printf '[ { "year": 2018, "total": 5 }, { "year": 2019, "total": 7, "note": "x" } ]\n' > "$B/data/y.json"
build '    local n = 0
    for _, r in ipairs(ctx:csv("data/y.csv")) do if r.note == nil then n = n + 1 end end
    for _, r in ipairs(ctx:json("data/y.json")) do if r.note == nil then n = n + 1 end end
    s:paragraph("empty notes: " .. n)'
check "strict rows: builds" test $? -eq 0
has "empty notes: 2"
refused '    for _, r in ipairs(ctx:csv("data/y.csv")) do if r.Year > 2018 then s:paragraph("x") end end' \
    "b/plugins/t.lua:3: error: data/y.csv has no column 'Year' (did you mean 'year'?); its columns are year, total, note"
refused '    local r = ctx:json("data/y.json")[1]
    s:paragraph(r.totl)' \
    "b/plugins/t.lua:4: error: data/y.json has no field 'totl' (did you mean 'total'?); its fields are year, total, note"
refused '    s:paragraph(ctx:csv("data/y.csv")[1].population)' \
    "b/plugins/t.lua:3: error: data/y.csv has no column 'population'; its columns are year, total, note"

# 13. s.heading(...) for s:heading(...) says so
refused '    s.heading("x")' \
    "b/plugins/t.lua:3: error: s.heading(...) is called with a dot: write s:heading(...) (the colon passes the section builder as the first argument)"
refused '    s.table({ columns = { "a" }, rows = {} })' \
    "b/plugins/t.lua:3: error: s.table(...) is called with a dot: write s:table(...) (the colon passes the section builder as the first argument)"

# 13. unclosed markup is a warning with its place; closed, escaped and code markup is not
build '    s:paragraph("Some **bold text and a ^[note that never ends. And \\*\\* literal, `a ** b`.")
    s:paragraph("Fine **bold** and ***both*** and ^[a note] and 2 \\*\\* 3 and `**`.")'
check "unclosed markup: builds" test $? -eq 0
said "b/plugins/t.lua:3: warning: section 't': paragraph text: unclosed '**' at byte 6 (\"**bold text and a ^[note that \"); close it with **, or write \\*\\* for asterisks"
said "b/plugins/t.lua:3: warning: section 't': paragraph text: unclosed '^[' at byte 24 (\"^[note that never ends. And \\*\"); close the note with ], or write \\^[ for the characters"
check "unclosed markup: two warnings, none for line 4" test "$(grep -c unclosed "$TMP/msg.txt")" -eq 2

# 11. theme.palette: a string is refused, a bad entry named by its place
printf 'return { title = "p", theme = { palette = "#ff0000" }, sections = { section "t" } }\n' > "$B/brief.lua"
refused '    s:paragraph("x")' 'b/brief.lua: error: theme.palette must be a list of colours such as { "#17406d", "#e69f00" }, got string'
printf 'return { title = "p", theme = { palette = { "#ff0000", "blue?" } }, sections = { section "t" } }\n' > "$B/brief.lua"
refused '    s:paragraph("x")' 'b/brief.lua: error: theme.palette[2] must be a colour like "#17406d"'
printf 'return { title = "newcomer", sections = { section "t" } }\n' > "$B/brief.lua"

# 18. a column of fmt strings lines up on the decimal point like numbers; text stays left
build '    s:table { caption = "Strings", columns = { "Name", "Share", "Note" },
      rows = { { "a", fmt.percent(0.426), "x" }, { "b", fmt.percent(0.05), "long note" } } }'
check "fmt strings: builds" test $? -eq 0
(cd "$TMP" && timeout 60 "$BRIEFC" check b --dump-layout "$TMP/al.layout" -q)
x1=$(grep -F '"42.6' "$TMP/al.layout" | sed 's/.* at \([0-9.]*\),.*/\1/')
x2=$(grep -F '"5.0' "$TMP/al.layout" | sed 's/.* at \([0-9.]*\),.*/\1/')
n1=$(grep -F '"x"' "$TMP/al.layout" | sed 's/.* at \([0-9.]*\),.*/\1/')
n2=$(grep -F '"long note"' "$TMP/al.layout" | sed 's/.* at \([0-9.]*\),.*/\1/')
check "fmt strings: 5.0 % starts right of 42.6 % (decimal alignment; got $x1, $x2)" awk -v a="$x1" -v b="$x2" 'BEGIN { exit !(b > a + 3) }'
check "fmt strings: the text column stays left ($n1, $n2)" test "$n1" = "$n2"
# fmt.number rounds as the digits read: -3.25 to one decimal is −3.3 (README), 2.675 is 2.68
build '    s:paragraph(fmt.number(-3.25, 1) .. " and " .. fmt.number(2.675, 2))'
has "3.3 and 2.68"

# 16. a justified brief whose language has no hyphenation patterns says so, once (Greenlandic:
# no Debian package has its patterns)
printf 'return { title = "fr", language = "kl-GL", theme = { justify = true }, sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("Bonjour le monde, anticonstitutionnellement.")'
check "no patterns: builds" test $? -eq 0
said "warning: the brief's language 'kl-GL' has no hyphenation patterns in /usr/share/hyphen, so justified lines stretch their word spaces; install its patterns (Debian: hyphen-kl), set language to one that has them, or set theme.justify = false"
check "no patterns: warned once" test "$(grep -c 'no hyphenation patterns' "$TMP/msg.txt")" -eq 1
printf 'return { title = "en", language = "en-GB", theme = { justify = true }, sections = { section "t" } }\n' > "$B/brief.lua"
build '    s:paragraph("Hello world, internationalisation.")'
check "patterns: no warning" sh -c "! grep -q 'hyphenation' '$TMP/msg.txt'"
printf 'return { title = "newcomer", sections = { section "t" } }\n' > "$B/brief.lua"

# 2. a donut's shares never read 0 % for a non-zero slice (one number of decimals)
build '    s:chart { kind = "donut", caption = "D", categories = { "Big", "Tiny", "None" },
      series = { { name = "x", values = { 997, 3, 0 } } }, source = "Test." }'
check "donut shares: builds" test $? -eq 0
has "Big – 99.7 %"
has "Tiny – 0.3 %"
has "None – 0.0 %"

# CSV typing never loses information; a quote inside an unquoted field is kept (csv-spectrum)
printf 'zip,code,n,big,where\n08123,+3,0.5,12345678901234567,37°36'"'"'37.8"N\n' > "$B/data/z.csv"
build '    local r = ctx:csv("data/z.csv")[1]
    s:paragraph(string.format("zip=%s(%s) code=%s(%s) n=%s(%s) big=%s(%s) where=%s",
      r.zip, type(r.zip), r.code, type(r.code), r.n, type(r.n), r.big, type(r.big), r.where))'
check "csv typing: builds" test $? -eq 0
has "zip=08123(string)"
has "code=+3(string) n=0.5(number) big=12345678901234567(string) where=37°36’37.8”N"
finish
