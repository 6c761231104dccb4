#!/bin/bash
# fonts.sh — fonts for the world (issue 15 items 4 and 7, issue 18 item 8): Urdu, Arabic,
# Devanagari, Chinese and Latin in body, table and chart labels with the default fonts, each
# font embedded and no glyph missing; .otf (CFF) and .ttc fonts embedded as CIDFontType0 and
# opening in five readers; families by name (fontconfig, and the brief's fonts/ under any file
# names); every missing style named at once; one warning per missing character.
. "$(dirname "$0")/lib.sh"
pdf="$TMP/s.pdf"
run_briefc 0 build "$TESTS/briefs/scripts" -o "$pdf" 2> "$TMP/w.txt"; rc=$?
check "the scripts brief builds (exit $rc)" test "$rc" -eq 0
check "no glyph is missing" pf "! grepq 'no glyph' '$TMP/w.txt'"
pdffonts "$pdf" > "$TMP/f.txt"
for f in NotoSerif-Regular NotoSans-Bold NotoNaskhArabic-Regular NotoNaskhArabic-Bold \
         NotoSansDevanagari-Regular NotoSansDevanagari-Bold NotoSansCJKsc-Regular; do
    check "$f embedded" pf "grep -E '\\+$f ' '$TMP/f.txt' | grepq -E ' yes +yes +yes '"
done
check "the CJK .ttc face is a CIDFontType0 (CFF)" pf "grep NotoSansCJKsc-Regular '$TMP/f.txt' | grepq 'CID Type 0C'"
pdftotext -enc UTF-8 "$pdf" "$TMP/t.txt"
for s in 'पाकिस्तान' 'भारत और पाकिस्तान' '中巴经济走廊' '巴基斯坦' 'is the China–Pakistan Economic Corridor' 'Latin together'; do
    check "'$s' extracts" contains "$TMP/t.txt" "$s"
done
# Arabic script: every letter extracts (its order is the shaper's and bidi's business)
has_either() { grep -qF -- "$2" "$1" || grep -qF -- "$(printf %s "$2" | rev)" "$1"; }
for s in 'پاکستان' 'باكستان' 'زندہ'; do
    check "'$s' extracts" has_either "$TMP/t.txt" "$s"
done
check "table cells and chart labels extract" pf "grep -c '巴基斯坦' '$TMP/t.txt' | awk '{ exit !(\$1 >= 3) }'"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$pdf"
# Which font draws which text, from mutool's structured text: one line per span, "text @font"
mutool draw -F stext -o - "$pdf" 2>/dev/null | awk '/<font name=/ { match($0, /name="[^"]*"/); f = substr($0, RSTART + 6, RLENGTH - 7) }
    /<char / { match($0, /c="[^"]*"/); printf "%s", substr($0, RSTART + 3, RLENGTH - 4) } /<\/font>/ { print " @" f }' > "$TMP/spans.txt"
span() { grep -qxF -- "$1" "$TMP/spans.txt"; }
zh='&#x5df4;&#x57fa;&#x65af;&#x5766;' # 巴基斯坦
check "table cells in the body font" span "Chinese @NotoSerif-Regular"
check "table header in the body font's bold" span "Script @NotoSerif-Bold"
check "Chinese in a table cell and a chart label from Noto Sans CJK" pf "test \$(grep -cxF '$zh @NotoSansCJKsc-Regular' '$TMP/spans.txt') -ge 2"
# (a line with right-to-left text is drawn piece by piece: its spaces may sit on either side)
check "Chinese in bold from its bold face" pf "grep -qxE ' ?$zh ? @NotoSansCJKsc-Bold' '$TMP/spans.txt'"
check "Devanagari in a chart label" pf "grep -c '^&#x92a;.* @NotoSansDevanagari-Regul' '$TMP/spans.txt' | awk '{ exit !(\$1 >= 2) }'"
# shaped right-to-left text is drawn in visual order: پ of پاکستان comes last
check "Arabic in the heading from Naskh bold" pf "grepq '&#x67e; * @NotoNaskhArabic-Bold' '$TMP/spans.txt'"

# fontconfig's answers are kept: a warm build gives the same bytes without loading it
run_briefc 0 build "$TESTS/briefs/scripts" -o "$TMP/s2.pdf" 2> /dev/null
check "a warm build gives the same bytes" cmp "$pdf" "$TMP/s2.pdf"
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=openat -o "$TMP/strace.txt" "$BRIEFC" build "$TESTS/briefs/scripts" -o "$TMP/s3.pdf" 2> /dev/null
check "… and does not load fontconfig" pf "! grepq libfontconfig '$TMP/strace.txt' && cmp '$pdf' '$TMP/s3.pdf'"

# A family by name through fontconfig: an .otf (CFF) and a .ttc face
mk() { # mk DIR BODY TEXT
    mkdir -p "$1"
    printf 'return { title = "Fonts", theme = { body_font = "%s" }, sections = { section "prose" { paragraphs = { "%s" } } } }\n' "$2" "$3" > "$1/brief.lua"
}
mk "$TMP/otf" "Nimbus Sans" "An OpenType CFF body font, naïve café."
run_briefc 0 build "$TMP/otf" -o "$TMP/otf.pdf" 2> "$TMP/otf.txt"; rc=$?
check "body_font = \"Nimbus Sans\" (.otf) builds (exit $rc)" test "$rc" -eq 0
check "… embedded as CIDFontType0" pf "pdffonts '$TMP/otf.pdf' | grep NimbusSans-Regular | grepq 'CID Type 0C  *Identity-H  *yes yes yes'"
check "… its text extracts" pf "pdftotext -enc UTF-8 '$TMP/otf.pdf' - | grepq 'naïve café'"
check "… five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/otf.pdf"
mk "$TMP/ttc" "Noto Sans CJK SC" "中巴经济走廊 and Latin from the same collection face."
run_briefc 0 build "$TMP/ttc" -o "$TMP/ttc.pdf" 2> "$TMP/ttc.txt"; rc=$?
check "body_font = \"Noto Sans CJK SC\" (.ttc) builds (exit $rc)" test "$rc" -eq 0
check "… the SC face of the collection" pf "pdffonts '$TMP/ttc.pdf' | grepq 'NotoSansCJKsc-Regular  *CID Type 0C'"
check "… its text extracts" pf "pdftotext -enc UTF-8 '$TMP/ttc.pdf' - | grepq '中巴经济走廊 and Latin'"
check "… five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/ttc.pdf"

# A family by the name in its own name table, in the brief's fonts/ under any file names;
# a Naskh body font lacks Latin letters: they come from Noto Serif, never blank
mk "$TMP/named" "Noto Naskh Arabic" "باكستان with Latin words, **bold باكستان** too."
mkdir -p "$TMP/named/fonts"
cp "$ROOT/fonts/NotoNaskhArabic-Regular.ttf" "$TMP/named/fonts/a.ttf"
cp "$ROOT/fonts/NotoNaskhArabic-Bold.ttf" "$TMP/named/fonts/whatever.TTF"
run_briefc 0 build "$TMP/named" -o "$TMP/named.pdf" 2> "$TMP/named.txt"; rc=$?
check "a family found by its name table (exit $rc)" test "$rc" -eq 0
check "… no glyph missing" pf "! grepq 'no glyph' '$TMP/named.txt'"
check "… both styles embedded" pf "pdffonts '$TMP/named.pdf' | grepq NotoNaskhArabic-Bold"
check "… Latin letters from Noto Serif" pf "pdftotext '$TMP/named.pdf' - | grepq 'with Latin words, bold'"
check "… in its own style" pf "pdffonts '$TMP/named.pdf' | grepq NotoSerif-Bold"
mk "$TMP/italic" "Noto Naskh Arabic" "*Italic* text."
cp -r "$TMP/named/fonts" "$TMP/italic/"
out=$(run_briefc 1 build "$TMP/italic" -o "$TMP/italic.pdf" 2>&1); rc=$?
check "a style the family lacks fails (exit $rc)" test "$rc" -eq 1
check "… naming every missing style, faking none" pf "echo \"\$1\" | grepq \"font family 'Noto Naskh Arabic' has no Italic, Bold Italic style (it has Regular, Bold): briefc does not fake bold or italic\"" _ "$out"
check "… and no PDF" test ! -e "$TMP/italic.pdf"
mk "$TMP/nofam" "No Such Family" "x"
out=$(run_briefc 1 build "$TMP/nofam" -o "$TMP/nofam.pdf" 2>&1); rc=$?
check "an unknown family fails (exit $rc)" pf "test $rc -eq 1 && echo \"\$1\" | grepq \"font family 'No Such Family' not found\"" _ "$out"
mk "$TMP/path" "../../etc/passwd" "x"
out=$(run_briefc 1 build "$TMP/path" -o "$TMP/path.pdf" 2>&1); rc=$?
check "a path is no family name (exit $rc)" pf "test $rc -eq 1 && echo \"\$1\" | grepq 'theme.body_font must be a font family'" _ "$out"

# Looking for a family by name reads the brief's fonts/ through the file door: a FIFO, a
# link to /dev/zero and a link out are skipped, never opened or followed (no hang, no read)
mk "$TMP/door" "Not Installed Anywhere" "x"
mkdir -p "$TMP/door/fonts"
mkfifo "$TMP/door/fonts/a.ttf"
ln -s /dev/zero "$TMP/door/fonts/b.ttf"
ln -s "$ROOT/fonts/NotoSerif-Regular.ttf" "$TMP/door/fonts/c.ttf"
out=$(BRIEFC_NO_SYSTEM_FONTS=1 timeout 60 "$BRIEFC" build "$TMP/door" -o "$TMP/door.pdf" 2>&1); rc=$?
check "a FIFO and links among the fonts: a clean not-found (exit $rc)" pf "test $rc -eq 1 && echo \"\$1\" | grepq \"font family 'Not Installed Anywhere' not found\"" _ "$out"

# A Nastaliq body font: Latin letters come from Noto Serif
mk "$TMP/nq" "NotoNastaliqUrdu" "پاکستان and Latin letters."
run_briefc 0 build "$TMP/nq" -o "$TMP/nq.pdf" 2> "$TMP/nq.txt"; rc=$?
check "a Nastaliq body font builds (exit $rc)" test "$rc" -eq 0
check "… its Latin letters are not blank" pf "pdftotext '$TMP/nq.pdf' - | grepq 'and Latin letters'"
check "… no glyph missing" pf "! grepq 'no glyph' '$TMP/nq.txt'"

# Line height: only the line with deep Arabic descents in a Latin paragraph gets more room;
# the lines before and after it keep the leading (14.2 pt, paragraphs 6 pt apart)
mkdir -p "$TMP/tall"
cat > "$TMP/tall/brief.lua" <<'LUA'
return { title = "Tall", sections = { section "prose" { paragraphs = {
 "A Latin line before the tall one, long enough to fill the measure of the page and then some more words to wrap onto a second line of plain Latin text here.",
 "Then Arabic with deep descents: يجب ان يكون في الجمهورية and more Latin words after it so that the paragraph wraps onto a second line which has only Latin letters in it.",
 "A Latin line after." } } } }
LUA
run_briefc 0 build "$TMP/tall" -o "$TMP/tall.pdf" --dump-layout "$TMP/tall.layout"
grep '^  text' "$TMP/tall.layout" | awk '{ split($6, a, ","); if (a[2] < 800 && a[2] != last) { if (last) printf "%.2f ", a[2] - last; last = a[2] } } END { print "" }' > "$TMP/gaps.txt"
check "only the line with Arabic descents is taller ($(cat "$TMP/gaps.txt"))" awk '{ exit !(NF == 4 && $1 == "14.20" && $2 == "20.20" && $3 > 14.7 && $3 < 18 && $4 == "20.20") }' "$TMP/gaps.txt"

# One warning per missing character: the character, the paragraph, an installed font with it
mk "$TMP/miss" "NotoSerif" "Unassigned \\u{378} twice \\u{378}, and Gothic \\u{10348} hwair."
BRIEFC_NO_SYSTEM_FONTS=1 run_briefc 0 build "$TMP/miss" -o "$TMP/miss.pdf" 2> "$TMP/miss.txt"
check "one warning for a character given twice" pf "test \$(grep -c 'U+0378' '$TMP/miss.txt') -eq 1"
check "… naming it and the paragraph" pf "grepq \"has no glyph for U+0378 '.*' in the paragraph \\\"Unassigned\" '$TMP/miss.txt'"
check "… and the section's plugin line" pf "grepq '^brief.lua:1: warning\\|: warning: section' '$TMP/miss.txt'"
check "… no installed font has it" pf "grep U+0378 '$TMP/miss.txt' | grepq 'no installed font has it'"
check "an installed font that has a character is named" pf "grep U+10348 '$TMP/miss.txt' | grepq \"the installed font 'Noto Sans Gothic' has it\""
run_briefc 0 build "$TMP/miss" -o "$TMP/miss2.pdf" 2> "$TMP/miss2.txt"
check "with system fonts, the installed font is used" pf "! grepq U+10348 '$TMP/miss2.txt'"
check "… and embedded" pf "pdffonts '$TMP/miss2.pdf' | grepq NotoSansGothic"
# A warning never shows a control or bidi override from the text (terminal injection)
mk "$TMP/ctl" "NotoSerif" "\\u{202E}evil \\u{1B}[31m red \\u{378} end."
run_briefc 0 build "$TMP/ctl" -o "$TMP/ctl.pdf" 2> "$TMP/ctl.txt"
check "controls in a warning shown as '?'" pf "grepq 'in the paragraph \"?evil ?\\[31m red' '$TMP/ctl.txt' && ! grepq \$'\\x1b\\|\\xe2\\x80\\xae' '$TMP/ctl.txt'"

# Emoji: in colour from the installed colour font, as images over their text, with no
# warning (the monochrome fallback and its warnings: tests/e2e/emoji.sh)
mk "$TMP/emoji" "NotoSerif" "Emoji: \\u{1F600} grin, \\u{1F44D} thumbs, \\u{1F680} rocket."
run_briefc 0 build "$TMP/emoji" -o "$TMP/emoji.pdf" 2> "$TMP/emoji.txt"
check "emoji drawn as three images" pf "test \$(pdfimages -list '$TMP/emoji.pdf' | awk '\$3 == \"image\"' | wc -l) -eq 3"
check "… and extracted" pf "pdftotext -enc UTF-8 '$TMP/emoji.pdf' - | grepq '😀 grin, 👍 thumbs, 🚀 rocket'"
check "… with no warning" pf "! grepq warning '$TMP/emoji.txt'"
finish
