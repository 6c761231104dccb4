#!/bin/bash
# ligatures.sh — issue 15, Latin ligatures: words with the body font's standard ligatures (ffi,
# ffl, ff, fi, fl in Noto Serif) are drawn with the ligature glyphs, extract as their letters
# in poppler (pdftotext), MuPDF (mutool draw -F txt) and pdf.js, each through a ToUnicode entry
# of several characters; a word the font has no ligature for stays plain; a hyphenation point
# inside a ligature is not used; and a Latin brief with ligatures never loads HarfBuzz, warm or
# cold (text/shape.c sets them itself, text/hbsubset.c subsets them by presentation form).
. "$(dirname "$0")/lib.sh"

words="office affluent fluffy waffle stiffly fjord first fifty Jefferson offload shelfful"
mkdir -p "$TMP/lig"
cat > "$TMP/lig/brief.lua" <<LUA
return { title = "Ligatures", language = "en",
  theme = { body_font = "Noto Serif", justify = false },
  sections = { section "prose" { paragraphs = {
    "$words.",
    "Lofty waffles: the officials of the office of the First Fiscal Affairs Office filed their offers.",
    "Incomprehensibilities of intergovernmental counterinsurgency, softly and swiftly.",
  } } } }
LUA
check "the brief builds" run_briefc 0 build "$TMP/lig" -o "$TMP/lig.pdf" --dump-layout "$TMP/lig.layout" -q
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/lig.pdf"

# shaped in the dump: the words with a ligature, and only lines that hold one
check "the first line is shaped (it holds ligatures)" grepq -F 'shaped "office affluent' "$TMP/lig.layout"
check "a line without a ligature stays plain" pf "! grepq -E 'shaped \"[^\"]*Incomprehensibilities' '$TMP/lig.layout'"

# extraction: every word whole, never "oce" for office
pdftotext -enc UTF-8 "$TMP/lig.pdf" "$TMP/lig.txt"
mutool draw -q -F txt -o "$TMP/lig.mu.txt" "$TMP/lig.pdf" 2>/dev/null
tr '\n' ' ' < "$TMP/lig.mu.txt" > "$TMP/lig.mu1.txt"
have_pdfjs && node "$TESTS/pdfjs/text.js" "$TMP/lig.pdf" 2>/dev/null | tr '\n' ' ' > "$TMP/lig.js.txt"
for w in $words officials offers Affairs; do
    check "'$w' extracts whole (poppler)" contains "$TMP/lig.txt" "$w"
    check "'$w' extracts whole (MuPDF)" contains "$TMP/lig.mu1.txt" "$w"
    have_pdfjs && check "'$w' extracts whole (pdf.js)" contains "$TMP/lig.js.txt" "$w"
done
check "no word loses its ligature's letters (poppler)" pf "! grepq -wE 'oce|auent|uy|wae|stily|ord|rst|fty' '$TMP/lig.txt'"

# the ligature glyphs are drawn: the ToUnicode maps hold 'ffi', 'ffl', 'ff', 'fi', 'fl'
qpdf --qdf --object-streams=disable "$TMP/lig.pdf" "$TMP/lig.qdf" 2>/dev/null
for hex in 006600660069 00660066006C 00660066 00660069 0066006C; do
    check "a ToUnicode entry reads $hex" grepq -i "<$hex>" "$TMP/lig.qdf"
done

# a hyphenation point inside a ligature is not used: "of-fice" never, in a narrow column
cat > "$TMP/lig/narrow.lua" <<LUA
return { title = "Narrow", language = "en", page = { margins = { left = 60, right = 60 } },
  theme = { body_font = "Noto Serif", justify = true },
  sections = { section "prose" { paragraphs = {
    string.rep("the office officers affluence differentials sufficiently efficiently ", 12),
  } } } }
LUA
check "a narrow brief builds" run_briefc 0 build "$TMP/lig/narrow.lua" -o "$TMP/narrow.pdf" --dump-layout "$TMP/narrow.layout" -q
check "no line ends between the letters of a ligature" pf "! grepq -E '(of|suf|dif|ef|af)-\"' '$TMP/narrow.layout'"

# HarfBuzz is never loaded for Latin ligatures: a cold build (it subsets) loads only its
# subsetter's libraries for the subset, a warm one nothing of HarfBuzz at all
LD_DEBUG=libs BRIEFC_CACHE_DIR="$TMP/cache" "$BRIEFC" build "$TMP/lig" -o "$TMP/l1.pdf" -q 2> "$TMP/libs1.txt"
LD_DEBUG=libs BRIEFC_CACHE_DIR="$TMP/cache" "$BRIEFC" build "$TMP/lig" -o "$TMP/l2.pdf" -q 2> "$TMP/libs2.txt"
check "a warm build with ligatures never loads HarfBuzz" pf "grepq 'calling init' '$TMP/libs2.txt' && ! grepq 'libharfbuzz' '$TMP/libs2.txt'"
check "warm and cold draw the same PDF page content" cmp <(pdftotext "$TMP/l1.pdf" -) <(pdftotext "$TMP/l2.pdf" -)
finish
