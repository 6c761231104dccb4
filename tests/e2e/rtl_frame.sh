#!/bin/bash
# rtl_frame.sh — issue 15, right-to-left briefs: the page frame and Latin punctuation. The Urdu
# handout's footer draws its "/" (Naskh has none: it read "1  1") in Noto Sans; Latin full
# stops and colons inside English text come from the Latin font, not Naskh's low ones; a
# multi-page Urdu brief's running header has its Urdu title shaped, at the right, and its date
# at the left (a Latin brief keeps the title left).
. "$(dirname "$0")/lib.sh"

check "the Urdu handout builds" run_briefc 0 build "$ROOT/briefs/handout-ur" -o "$TMP/ur.pdf" --dump-layout "$TMP/ur.layout" -q
mutool draw -q -F stext -o "$TMP/ur.stext" "$TMP/ur.pdf" 2>/dev/null
# which font draws each character, as "font<TAB>char" lines
python3 - "$TMP/ur.stext" > "$TMP/ur.chars" <<'PY'
import re, sys, html
font = ''
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.search(r'<font name="([^"]*)"', line)
    if m: font = m.group(1)
    m = re.search(r'y="([0-9.]+)".* c="([^"]*)"', line)
    if m: print(f"{font}\t{float(m.group(1)):.0f}\t{html.unescape(m.group(2))}")
PY
check "the footer's '/' is drawn, in Noto Sans" pf "grepq -P '^NotoSans-Regular\t815\t/$' '$TMP/ur.chars'"
check "no footer character is drawn in a font without it" pf "! grepq -P '^NotoNaskh[^\t]*\t815\t/' '$TMP/ur.chars'"
check "the footer extracts as 1 / 1" pf "pdftotext -layout '$TMP/ur.pdf' - | grepq -E '^ *1 ?/ ?1 *$'"
# (the table's source: its label is the brief's Urdu "ماخذ:", whose colon is Naskh's)
check "no Latin full stop comes from Naskh" pf "! grepq -P '^NotoNaskh[^\t]*\t(452|464)\t[.]$' '$TMP/ur.chars'"
check "'U.S.' is one run in the dump" grepq -E '"U\.S\. ?"' "$TMP/ur.layout"

# a right-to-left brief's table reads from the right: the handout's first column (its Urdu
# label, "مد") is drawn at the right, its last ("Item") at the left; narrower than the
# measure, the table sits at the right margin (538.6), as its caption starts there
mad_x=$(grep -F '"مد"' "$TMP/ur.layout" | head -1 | sed -E 's/.* at ([0-9.]+),.*/\1/')
item_x=$(grep -F '"Item"' "$TMP/ur.layout" | head -1 | sed -E 's/.* at ([0-9.]+),.*/\1/')
check "the table's first column is at the right ($mad_x), its last at the left ($item_x)" \
    pf "awk -v a='$mad_x' -v b='$item_x' 'BEGIN { exit !(a > 500 && b < a - 200) }'"
check "the table's rules end at the right margin" \
    pf "grep -F ' lw 0.90 solid' '$TMP/ur.layout' | head -1 | grepq -F -- '-> 538.58,'"
pdftotext -enc UTF-8 "$TMP/ur.pdf" "$TMP/ur.txt"
check "the table's caption says جدول (the brief is Urdu)" contains "$TMP/ur.txt" "1 ‫جدول‬"
check "the chart's caption says شکل" contains "$TMP/ur.txt" "1 ‫شکل‬"
check "the source's label is ماخذ" contains "$TMP/ur.txt" 'ماخذ'

# a two-page Urdu brief: the header's title shaped, right-aligned; the date at the left
mkdir -p "$TMP/long"
{
    echo 'return { title = "پاکستان کے لیے امریکی امداد", date = "November 2026", language = "ur",'
    echo '  theme = { body_font = "NotoNaskhArabic", heading_font = "NotoNaskhArabic" },'
    echo '  sections = { section "prose" { paragraphs = {'
    for i in $(seq 1 40); do echo '    "پاکستان کی معیشت اور امریکی امداد کے بارے میں ایک طویل پیراگراف جو صفحہ بھرتا ہے۔",'; done
    echo '  } } } }'
} > "$TMP/long/brief.lua"
check "a two-page Urdu brief builds" run_briefc 0 build "$TMP/long" -o "$TMP/long.pdf" --dump-layout "$TMP/long.layout" -q
# page 2's header: the ops at its top before the first rule
awk '/^page 2/ { p = 1 } p && /^  text/ { print } p && /^  line/ { exit }' "$TMP/long.layout" > "$TMP/head2"
check "page 2 has a header" test -s "$TMP/head2"
check "the header's Urdu title is shaped right to left" grepq -F 'shaped rtl "پاکستان"' "$TMP/head2"
title_x=$(grep -F 'shaped rtl "پاکستان"' "$TMP/head2" | head -1 | sed -E 's/.* at ([0-9.]+),.*/\1/')
date_x=$(grep -F '"November' "$TMP/head2" | head -1 | sed -E 's/.* at ([0-9.]+),.*/\1/')
check "the title is at the right ($title_x), the date at the left ($date_x)" \
    pf "awk -v t='$title_x' -v d='$date_x' 'BEGIN { exit !(t > 400 && d < 100) }'"

# a paragraph that begins with a flag: regional indicators are strong left to right in UAX #9,
# but "🇵🇰 پاکستان زندہ باد" is Urdu, set from the right margin (inline.c par_base); one whose
# first letter is Latin stays at the left
mkdir -p "$TMP/flag"
cat > "$TMP/flag/brief.lua" <<'LUA'
return { title = "پاکستان", language = "ur",
  theme = { body_font = "NotoNaskhArabic", heading_font = "NotoNaskhArabic", justify = false },
  sections = { section "prose" { paragraphs = {
    "🇵🇰 پاکستان زندہ باد", "🇵🇰 Pakistan zindabad" } } } }
LUA
run_briefc 0 build "$TMP/flag" -o "$TMP/flag.pdf" --dump-layout "$TMP/flag.layout" -q
flags=$(grep -F 'shaped "🇵🇰"' "$TMP/flag.layout" | sed -E 's/.* at ([0-9.]+),.*/\1/' | tr '\n' ' ')
check "a flag first: the Urdu paragraph at the right, the Latin one at the left ($flags)" \
    pf "echo '$flags' | awk '{ exit !(\$1 > 400 && \$2 < 100) }'"
finish
