#!/bin/sh
# csvtypes.sh — ctx:csv's declared column types and encodings (issue 17, "Data read wrong or
# refused"): types = { zip = "string", year = "integer", share = "number" } give those Lua
# types or an error at file:line:column; encoding = "windows-1252" or "latin-1" reads those
# bytes, and undeclared invalid UTF-8 keeps its error with file, line and byte. Values are read
# back from the PDF; messages and exit statuses are exact.
. "$(dirname "$0")/lib.sh"
B="$TMP/b"
mkdir -p "$B/plugins" "$B/data"
printf 'return { title = "csv", sections = { section "t" } }\n' > "$B/brief.lua"

# build EXPECTED_STATUS PLUGIN_BODY: builds with that render body; the PDF's text in
# $TMP/out.txt, the messages in $TMP/msg.txt.
build() {
    want=$1
    { printf 'return { name = "t", version = "1", api = 1,\n  render = function(s, ctx)\n'
      printf '%s\n' "$2"
      printf '  end }\n'; } > "$B/plugins/t.lua"
    rm -f "$TMP/out.pdf"
    (cd "$TMP" && run_briefc "$want" build b -o out.pdf) > "$TMP/msg.txt" 2>&1
    if [ -f "$TMP/out.pdf" ]; then
        pdftotext -enc UTF-8 -layout "$TMP/out.pdf" - | tr '\n' ' ' | sed 's/\xc2\xa0/ /g; s/  */ /g' > "$TMP/out.txt"
    else
        : > "$TMP/out.txt"
    fi
}
has() { if grep -qF -- "$1" "$TMP/out.txt"; then ok; else bad "expected '$1' in the PDF text:"; cat "$TMP/out.txt" >&2; fi; }
said() { if grep -qF -- "$1" "$TMP/msg.txt"; then ok; else bad "expected '$1' in the messages:"; cat "$TMP/msg.txt" >&2; fi; }
nopdf() { if [ -f "$TMP/out.pdf" ]; then bad "a PDF was written although the build failed"; else ok; fi; }

show='    local out = {}
    for _, r in ipairs(rows) do
      for _, c in ipairs(rows.columns) do
        local v = r[c]
        out[#out + 1] = c .. "=" .. tostring(v) .. "(" .. (math.type(v) or type(v)) .. ")"
      end
    end
    s:paragraph(table.concat(out, " "))'

# declared types: a leading zero kept as text, integers and numbers as declared
printf 'zip,year,share,note\n08123,2019,0.5,a\n"00501", 2020 ,+3,b\n' > "$B/data/t.csv"
build 0 '    local rows = ctx:csv("data/t.csv", { types = { zip = "string", year = "integer", share = "number" } })'"
$show"
has "zip=08123(string) year=2019(integer) share=0.5(float) note=a(string)"
has "zip=00501(string) year=2020(integer) share=3.0(float) note=b(string)"
# without types, today's inference: 08123 stays text, 2019 is a number
build 0 '    local rows = ctx:csv("data/t.csv")'"
$show"
has "zip=08123(string) year=2019(integer) share=0.5(float)"
# a declared string keeps a quoted or unquoted number as text
printf 'id\n12\n"34"\n' > "$B/data/s.csv"
build 0 '    local rows = ctx:csv("data/s.csv", { types = { id = "string" } })'"
$show"
has "id=12(string) id=34(string)"

# a declared number left blank (empty, quoted empty, spaces) is missing: nil
printf 'n,m\n"",1\n  ,2\n,3\n' > "$B/data/blank.csv"
build 0 '    local rows = ctx:csv("data/blank.csv", { types = { n = "number", m = "integer" } })'"
$show"
has "n=nil(nil) m=1(integer) n=nil(nil) m=2(integer) n=nil(nil) m=3(integer)"

# values that do not fit their declared type: file:line:column
printf 'name,year\nx,2019\nyz,19a4\n' > "$B/data/bad.csv"
build 1 '    local rows = ctx:csv("data/bad.csv", { types = { year = "integer" } })'
said "data/bad.csv:3:4: column 'year' is declared \"integer\", but '19a4' is not a whole number"
nopdf
printf 'name,year\n"a, b",2019.5\n' > "$B/data/frac.csv"
build 1 '    local rows = ctx:csv("data/frac.csv", { types = { year = "integer" } })'
said "data/frac.csv:2:8: column 'year' is declared \"integer\", but '2019.5' is not a whole number (declare the column \"number\")"
printf 'name,share\n\xc3\xa9t\xc3\xa9,1.2.3\n' > "$B/data/num.csv"
build 1 '    local rows = ctx:csv("data/num.csv", { types = { share = "number" } })'
said "data/num.csv:2:5: column 'share' is declared \"number\", but '1.2.3' is not a number"
printf 'id\n12345678901234567\n' > "$B/data/long.csv"
build 1 '    local rows = ctx:csv("data/long.csv", { types = { id = "number" } })'
said "data/long.csv:2:1: column 'id' is declared \"number\", but '12345678901234567' has more digits than a number keeps (declare the column \"string\")"
build 0 '    local rows = ctx:csv("data/long.csv", { types = { id = "integer" } })'"
$show"
has "id=12345678901234567(integer)"
printf 'id\n99999999999999999999\n' > "$B/data/huge.csv"
build 1 '    local rows = ctx:csv("data/huge.csv", { types = { id = "integer" } })'
said "data/huge.csv:2:1: column 'id' is declared \"integer\", but '99999999999999999999' is out of the range of a 64-bit integer"

# mistakes in the declaration itself
build 1 '    local rows = ctx:csv("data/t.csv", { types = { Year = "integer" } })'
said "csv: types: data/t.csv has no column 'Year' (did you mean 'year'?)"
build 1 '    local rows = ctx:csv("data/t.csv", { types = { year = "int" } })'
said "csv: types: column 'year' has type 'int'"
said "a type is \"string\", \"integer\" or \"number\""
build 1 '    local rows = ctx:csv("data/t.csv", { typse = { year = "integer" } })'
said "typse"
said "did you mean 'types'"
build 1 '    local rows = ctx:csv("data/t.csv", { encoding = "ebcdic" })'
said "csv: unknown encoding 'ebcdic' (use \"utf-8\", \"windows-1252\" or \"latin-1\")"

# encodings: Windows-1252 (curly quotes, euro sign) and Latin-1 (é, °)
printf 'place,where\nCaf\xe9 \x93Nord\x94,\x8037\xb036\n' > "$B/data/w.csv"
build 0 '    local rows = ctx:csv("data/w.csv", { encoding = "windows-1252" })'"
$show"
has "place=Café “Nord”(string) where=€37°36(string)"
printf 'name\nJos\xe9 M\xfcller\n' > "$B/data/l.csv"
build 0 '    local rows = ctx:csv("data/l.csv", { encoding = "latin-1" })'"
$show"
has "name=José Müller(string)"
# undeclared: today's error with file, line and byte, now saying how to fix it
build 1 '    local rows = ctx:csv("data/l.csv")'
said "data/l.csv:2: invalid UTF-8 at byte offset 8 (if the file is not UTF-8, say so: encoding = \"windows-1252\" or \"latin-1\")"
nopdf
build 1 '    local rows = ctx:csv("data/l.csv", { encoding = "utf-8" })'
said "data/l.csv:2: invalid UTF-8 at byte offset 8"
# a byte Windows-1252 leaves undefined
printf 'a\nok\nx\x81y\n' > "$B/data/u.csv"
build 1 '    local rows = ctx:csv("data/u.csv", { encoding = "windows-1252" })'
said "data/u.csv:3: byte 0x81 at byte offset 6 is not a character in windows-1252"
finish
