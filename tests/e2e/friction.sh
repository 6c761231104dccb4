#!/bin/bash
# friction.sh — issue 17's friction and message items: "did you mean" for commands, options and
# plugins; `briefc test` and `briefc plugins` count the brief folder you stand in; --keep-going
# shows ?? for a failed section's labels and prints each error once; an output named .png is
# refused; 2-up puts A5 pages on A4 at full size.
. "$(dirname "$0")/lib.sh"
S="$ROOT/briefs/pakistan-us"

# --- did you mean
run_briefc 2 bild > /dev/null 2> "$TMP/e1"
check "a misspelled command gets a suggestion" grepq -F "unknown command 'bild' (did you mean 'build'?)" "$TMP/e1"
run_briefc 2 zzzzzzzz > /dev/null 2> "$TMP/e2"
check "a far-off command gets none" pf "! grep -q 'did you mean' '$TMP/e2'"
run_briefc 2 build "$S" --stat > /dev/null 2> "$TMP/e3"
check "a misspelled flag gets a suggestion" grepq -F "unknown option '--stat' (did you mean '--stats'?)" "$TMP/e3"
run_briefc 2 batch "$S" --combin x.pdf > /dev/null 2> "$TMP/e4"
check "suggestions come from the command's own options" grepq -F "(did you mean '--combine'?)" "$TMP/e4"
cp -r "$S" "$TMP/typo"
sed -i 's/section "references"/section "refrences"/' "$TMP/typo/brief.lua"
run_briefc 1 build "$TMP/typo" -o "$TMP/typo.pdf" 2> "$TMP/e5"
check "a misspelled plugin gets a suggestion at its line" pf "grep -E 'brief.lua:[0-9]+: error: unknown plugin .refrences. \(did you mean .references.\?\)' '$TMP/e5'"
check "no PDF for the misspelled plugin" test ! -e "$TMP/typo.pdf"

# --- the brief folder you stand in
mkdir -p "$TMP/nb" && (cd "$TMP/nb" && run_briefc 0 new brief here > /dev/null 2>&1)
B="$TMP/nb/here"
(cd "$B" && run_briefc 0 new plugin mine > /dev/null 2>&1)
mkdir -p "$B/data" && printf 'year,v\n2010,5\n2011,7\n' > "$B/data/x.csv"
sed -i 's|    s:heading(opts.heading)|    s:heading(opts.heading)\n    s:paragraph("rows " .. #ctx:csv("data/x.csv"))|' "$B/plugins/mine.lua"
cat > "$B/plugins/mine_test.lua" <<'LUA'
test("reads the brief's own data", function()
  local out = render("mine", {})
  expect(out.blocks[2].text:find("rows 2", 1, true), "second block: " .. tostring(out.blocks[2].text))
end)
LUA
(cd "$B" && run_briefc 0 test > "$TMP/t1" 2>&1)
check "briefc test in a brief folder runs its plugins' tests" grepq "^ok   plugins/mine_test.lua: reads the brief's own data" "$TMP/t1"
check "... and only those" pf "grep -c '^ok' '$TMP/t1' | grep -qx 1"
(cd "$B/plugins" && run_briefc 0 test mine_test.lua > "$TMP/t2" 2>&1)
check "a test run from plugins/ finds the brief's data" grepq "^ok   mine_test.lua" "$TMP/t2"
(cd "$B" && run_briefc 0 plugins > "$TMP/p1" 2>&1)
check "briefc plugins in a brief folder lists its plugins" grepq "^mine " "$TMP/p1"
(cd "$B" && run_briefc 0 plugins mine > "$TMP/p2" 2>&1)
check "briefc plugins NAME finds the brief's plugin" grepq "mine" "$TMP/p2"

# --- --keep-going
K="$TMP/kg" && mkdir -p "$K/plugins"
cat > "$K/brief.lua" <<'LUA'
return {
  title = "Keep going",
  sections = {
    section "bad" {},
    section "prose" { paragraphs = { "See [#x] on page [#x:page], and [#x] again." } },
  },
}
LUA
cat > "$K/plugins/bad.lua" <<'LUA'
return { name = "bad", version = "1", api = 1, description = "fails",
  render = function(s, ctx)
    error("boom")
    s:heading("X", { label = "x" })
  end }
LUA
run_briefc 1 build "$K" -o "$TMP/kg.pdf" --keep-going 2> "$TMP/k1"
check "keep-going writes the PDF although a later section refers to the failed one" test -s "$TMP/kg.pdf"
check "the failed section's labels read ??" pf "pdftotext '$TMP/kg.pdf' - | grep -qF 'See ?? on page ??, and ?? again.'"
check "one warning for the unknown label" pf "grep -c \"warning: unknown cross-reference label 'x', shown as ??\" '$TMP/k1' | grep -qx 1"
check "the section's error is printed once" pf "grep -c 'error: boom' '$TMP/k1' | grep -qx 1"
check "and the run says the PDF has an error box" grepq -- "--keep-going: a section failed" "$TMP/k1"
run_briefc 1 build "$K" -o "$TMP/kg2.pdf" 2> "$TMP/k2"
check "without --keep-going: no PDF" test ! -e "$TMP/kg2.pdf"
check "without --keep-going: the error once" pf "grep -c 'error: boom' '$TMP/k2' | grep -qx 1"

# --- outputs named as another format
run_briefc 1 build "$S" -o "$TMP/brief.png" 2> "$TMP/o1"
check "-o x.png is refused" test ! -e "$TMP/brief.png"
check "... naming the file that would work" grepq -F "name it '$TMP/brief.pdf'" "$TMP/o1"
check "-o without an extension still works" run_briefc 0 build "$S" -o "$TMP/brief-out" -q

# --- 2-up: A5 pages on A4 at full size
cp -r "$ROOT/briefs/handout" "$TMP/a5" && sed -i 's/size = "A4"/size = "A5"/' "$TMP/a5/brief.lua"
run_briefc 0 build "$TMP/a5" -o "$TMP/a5.pdf" -q
run_briefc 0 build "$TMP/a5" -o "$TMP/a5-2up.pdf" --impose 2up -q
check "A5 2-up is on A4 landscape" pf "pdfinfo '$TMP/a5-2up.pdf' | grepq '841.89 x 595.27'"
# the first word's height is the same on the sheet as on the page: full size, not 71 %
h() { pdftotext -bbox -f 1 -l 1 "$1" - | sed -n 's/.*yMin="\([0-9.]*\)" xMax="[0-9.]*" yMax="\([0-9.]*\)".*/\1 \2/p' | head -1 | awk '{ printf "%.2f", $2 - $1 }'; }
check "A5 pages are not shrunk ($(h "$TMP/a5.pdf") vs $(h "$TMP/a5-2up.pdf"))" test "$(h "$TMP/a5.pdf")" = "$(h "$TMP/a5-2up.pdf")"
run_briefc 0 build "$ROOT/briefs/handout" -o "$TMP/a4-2up.pdf" --impose 2up -q
check "A4 2-up is on A4 landscape too" pf "pdfinfo '$TMP/a4-2up.pdf' | grepq '841.89 x 595.27'"
# --- batch manifests: every mistake at once, once, with the nearest name, params in order
printf 'yeer,contry\n2010,PK\n2011,PK\n' > "$TMP/m.csv"
run_briefc 1 batch "$ROOT/briefs/handout" --rows "$TMP/m.csv" --out "$TMP/o-{yer}.pdf" 2> "$TMP/b1"
check "an unknown column gets the nearest param" grepq -F "column 'yeer' is not a param of the brief (did you mean 'year'?)" "$TMP/b1"
check "every unknown column is listed" grepq -F "column 'contry' is not a param" "$TMP/b1"
check "the params read as a list" grepq -F "the brief's params are: year" "$TMP/b1"
check "a misspelled --out placeholder once, with a suggestion" pf "grep -c 'names {yer}, which is not a column of the manifest (did you mean {yeer}?)' '$TMP/b1' | grep -qx 1"
check "no handouts written" pf "! ls '$TMP'/o-*.pdf 2>/dev/null | grep -q ."
# --- the source line with a caret, as compilers print it
C="$TMP/caret" && mkdir -p "$C/plugins"
printf 'return {\n  title = "Caret",\n  page = { size = "A4", colour = "red" },\n  sections = { section "p" },\n}\n' > "$C/brief.lua"
printf 'return { name = "p", version = "1", api = 1, render = function(s, ctx)\n  local x = nil\n  s:paragraph(x .. "a")\nend }\n' > "$C/plugins/p.lua"
run_briefc 1 build "$C" -o "$TMP/c.pdf" 2> "$TMP/c1"
check "an unknown page setting names its line and the settings" grepq -F "brief.lua:3: error: unknown page setting 'colour'; the page settings are size, margins" "$TMP/c1"
check "... shows the line" grepq -F '     3 |   page = { size = "A4", colour = "red" },' "$TMP/c1"
check "... with a caret under the key" grepq -xF '       |                         ^' "$TMP/c1"
sed -i 's/, colour = "red"//' "$C/brief.lua"
run_briefc 1 build "$C" -o "$TMP/c.pdf" 2> "$TMP/c2"
check "a plugin's Lua error shows its line" grepq -F '     3 |   s:paragraph(x .. "a")' "$TMP/c2"
check "... with a caret under the nil value" grepq -xF '       |               ^' "$TMP/c2"
printf 'return {\n  title = "x"\n  sections = {}\n}\n' > "$C/brief.lua"
run_briefc 1 build "$C" -o "$TMP/c.pdf" 2> "$TMP/c3"
check "a missing comma is reported at the line that lacks it" grepq -F "brief.lua:2: error: missing ',' at the end of this line, before line 3" "$TMP/c3"
check "... the caret after its last character" grepq -xF '       |              ^' "$TMP/c3"
# an error that names a FIFO called *.lua (or a file swapped for one) shows no excerpt and
# never waits on it
mkfifo "$C/trap.lua"
printf 'return { title = "x", sections = { section "p" } }\n' > "$C/brief.lua"
printf 'return { name = "p", version = "1", api = 1, render = function(s, ctx)\n  error("trap.lua:1: boom", 0)\nend }\n' > "$C/plugins/p.lua"
(cd "$C" && RUN_TIMEOUT=60 run_briefc 1 build . -o "$TMP/c.pdf") 2> "$TMP/c4"
check "an error naming a FIFO ends, without an excerpt" pf "grep -q 'boom' '$TMP/c4' && ! grep -q '     1 |' '$TMP/c4'"
finish
