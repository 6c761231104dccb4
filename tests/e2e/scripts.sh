#!/bin/bash
# scripts.sh — issue 15 items 1 and 2: a brief per script (Urdu, Arabic with vowel marks,
# Pashto, Hindi) and a Latin paragraph with an Urdu word builds, opens in the five readers, is
# drawn shaped (the glyphs HarfBuzz's hb-shape gives, not the cmap's), and extracts in logical
# order with poppler (pdftotext) and pdf.js; a right-to-left paragraph is set right-aligned;
# numbers keep their order; a Latin brief never loads HarfBuzz for shaping.
. "$(dirname "$0")/lib.sh"

# brief NAME FONT LANG TEXT...: a brief of one prose section, each TEXT a paragraph
brief() {
    local name=$1 font=$2 lang=$3
    shift 3
    prose_brief "$TMP/$name" "$font" "$lang" "$@"
}

# extracts NAME PHRASE...: each phrase, in logical order, from pdftotext and from pdf.js (which
# puts no spaces between right-to-left words: compared without spaces)
extracts() {
    local name=$1
    shift
    pdftotext -enc UTF-8 "$TMP/$name.pdf" "$TMP/$name.txt"
    node "$TESTS/pdfjs/text.js" "$TMP/$name.pdf" 2>/dev/null | tr -d ' \n' > "$TMP/$name.js.txt"
    for s in "$@"; do
        check "$name: '$s' extracts in logical order (poppler)" contains "$TMP/$name.txt" "$s"
        check "$name: '$s' extracts in logical order (pdf.js)" contains "$TMP/$name.js.txt" "$(printf %s "$s" | tr -d ' ')"
    done
}

build() { # build NAME: builds, five readers, dump
    check "$1 builds" run_briefc 0 build "$TMP/$1" -o "$TMP/$1.pdf" --dump-layout "$TMP/$1.layout" -q
    check "$1: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/$1.pdf"
}

ur1='پاکستان اور امریکہ کے تعلقات 2001 کے بعد بدل گئے۔'
ur2='امداد 2010 میں 4,504 ملین ڈالر تھی۔'
brief urdu NotoNaskhArabic ur "$ur1 $ur2"
build urdu
extracts urdu 'پاکستان اور امریکہ کے تعلقات' '2001' '4,504' 'ملین ڈالر تھی۔'
check "urdu: right-to-left runs are shaped right to left" pf "grepq 'shaped rtl \"پاکستان\"' '$TMP/urdu.layout'"
# the line is right-aligned: its rightmost op ends at the measure's right edge (A4, 23 mm margins)
right=$(awk '/^  text .* shaped rtl/ { split($6, a, ","); if (a[1] + 0 > m) m = a[1] + 0 } END { print int(m) }' "$TMP/urdu.layout")
check "urdu: the paragraph is right-aligned (rightmost word at x=$right)" test "$right" -gt 400
# '2001' sits left of 'پاکستان' on the line, and reads 2001, not 1002
check "urdu: numbers keep their order" pf "! grepq 1002 '$TMP/urdu.txt'"

ar='بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ'
brief arabic NotoNaskhArabic ar "$ar" 'الْعَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ' 'العربية لغة جميلة'
build arabic
extracts arabic 'العربية لغة جميلة'
# Vowel marks (a base and its marks are one cluster of several glyphs, the marks raised or
# lowered) read right from poppler through /ActualText; pdf.js ignores /ActualText and splits
# marks drawn with a text rise from their letters (known, see README).
for s in "$ar" 'الْعَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ'; do
    check "arabic: '$s' extracts in logical order (poppler)" contains "$TMP/arabic.txt" "$s"
done

ps='د پښتو ژبه ډېره ښکلې ده'
brief pashto NotoNaskhArabic ps "$ps" 'ځمکه او اوبه'
build pashto
extracts pashto "$ps" 'ځمکه او اوبه'

hi='भारत और पाकिस्तान के प्रधानमंत्री'
brief hindi NotoSansDevanagari hi "$hi" 'क्षत्रिय राष्ट्रपति हिन्दी' 'प्रधानमंत्री और राष्ट्र'
build hindi
extracts hindi 'प्रधानमंत्री और राष्ट्र' # conjuncts: a glyph for several letters
# A vowel sign drawn before its consonant (ि) reads right from poppler, through /ActualText;
# pdf.js ignores /ActualText and reads the glyphs as drawn (known, see README).
for s in "$hi" 'क्षत्रिय राष्ट्रपति हिन्दी'; do
    check "hindi: '$s' extracts in logical order (poppler)" contains "$TMP/hindi.txt" "$s"
done

# Latin paragraph, Urdu word in brackets (set in the fallback font): the brackets stay around it
mkdir -p "$TMP/mixed"
printf 'return { title = "t", sections = { section "prose" { paragraphs = { "%s" } } } }\n' \
    'The name (پاکستان) means land of the pure, since 1947.' > "$TMP/mixed/brief.lua"
build mixed
extracts mixed 'The name' 'پاکستان' 'means land of the pure, since 1947.'

# The glyphs drawn are HarfBuzz's: the first Urdu word's glyph ids in the PDF's content equal
# hb-shape's (Naskh joins پاکستان into contextual forms the cmap does not reach).
ids=$(hb-shape --no-glyph-names --no-positions --no-clusters --direction=rtl --language=ur --script=Arab \
      "$ROOT/fonts/NotoNaskhArabic-Regular.ttf" 'پاکستان' | tr -d '[]' | tr '|' ' ')
hex=$(for g in $ids; do printf '%04X' "$g"; done)
qpdf --qdf --object-streams=disable "$TMP/urdu.pdf" "$TMP/urdu.qdf" 2>/dev/null
# glyph ids are written as a literal string, two bytes each: compare as hex
python3 - "$TMP/urdu.qdf" "$hex" > "$TMP/urdu.ids" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
want = bytes.fromhex(sys.argv[2])
def unescape(s):
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c == 0x5C and i + 1 < len(s):
            n = s[i + 1]
            out.append({0x6E: 10, 0x72: 13}.get(n, n)); i += 2
        else:
            out.append(c); i += 1
    return bytes(out)
# qpdf writes strings in content streams as <hex>; the glyphs of one word may be split by
# adjustments into several strings of one TJ array
found = False
for arr in re.findall(rb'\[([^\]]*)\]\s*TJ', data):
    parts = [bytes.fromhex(h.decode()) for h in re.findall(rb'<([0-9a-fA-F]*)>', arr)]
    parts += [unescape(m) for m in re.findall(rb'\(((?:[^()\\]|\\.)*)\)', arr)]
    found = found or want in b''.join(parts)
print('found' if found else 'missing')
PY
check "urdu: the PDF draws hb-shape's glyph ids for پاکستان ($ids)" pf "grepq found '$TMP/urdu.ids'"

# A right-to-left brief's lists are indented from the right with their markers there, and a
# note hangs its number in the right margin under a rule at the right
mkdir -p "$TMP/rtl-list/plugins"
cat > "$TMP/rtl-list/plugins/p.lua" <<'LUA'
return { name = "p", version = "1", api = 1, render = function(s)
  s:paragraph("پاکستان اور امریکہ کے تعلقات^[یہ ایک حاشیہ ہے۔] بدل گئے۔")
  s:list({ "پہلا نکتہ", "دوسرا نکتہ" }, { numbered = true })
end }
LUA
printf 'return { title = "t", language = "ur", theme = { body_font = "NotoNaskhArabic", heading_font = "NotoNaskhArabic" }, sections = { section "p" } }\n' > "$TMP/rtl-list/brief.lua"
build rtl-list
mark=$(awk '/ "1\."$/ { split($6, a, ","); print int(a[1]) }' "$TMP/rtl-list.layout")
item=$(awk '/shaped rtl "نکتہ"/ { split($6, a, ","); print int(a[1]); exit }' "$TMP/rtl-list.layout")
check "rtl-list: the marker (x=$mark) stands right of its item (x=$item)" test "${mark:-0}" -gt "${item:-999}"
rule=$(awk '$1 == "line" { split($2, a, ","); print int(a[1]) }' "$TMP/rtl-list.layout" | tail -1)
check "rtl-list: the footnote rule starts right of the middle (x=$rule)" test "${rule:-0}" -gt 300
extracts rtl-list 'نکتہ' 'یہ ایک حاشیہ ہے۔'
# (پہلا ends in Naskh's lam-alef, whose alef is a glyph of no advance: pdf.js starts a new line
# at it, so that word is checked with poppler only)
check "rtl-list: 'پہلا نکتہ' extracts in logical order (poppler)" contains "$TMP/rtl-list.txt" 'پہلا نکتہ'

# The brief's language is part of the paragraph cache's key: figures alone (no strong letter)
# set in an English brief, then in an Urdu one with the same cache, move to the right
mkdir -p "$TMP/figs"
figs() { printf 'return { title = "t", language = "%s", sections = { section "prose" { paragraphs = { "2010 2011 2012" } } } }\n' "$1" > "$TMP/figs/brief.lua"; }
figs en-GB
BRIEFC_CACHE_DIR="$TMP/pc" "$BRIEFC" build "$TMP/figs" -o "$TMP/figs.pdf" -q --dump-layout "$TMP/figs-en.layout"
figs ur
BRIEFC_CACHE_DIR="$TMP/pc" "$BRIEFC" build "$TMP/figs" -o "$TMP/figs.pdf" -q --dump-layout "$TMP/figs-ur.layout"
xen=$(awk '/"2010/ { split($6, a, ","); print int(a[1]) }' "$TMP/figs-en.layout")
xur=$(awk '/"2010/ { split($6, a, ","); print int(a[1]) }' "$TMP/figs-ur.layout")
check "figures move right when the language becomes Urdu, cache warm ($xen -> $xur)" test "${xur:-0}" -gt $(( ${xen:-0} + 100 ))

# Hostile text: a word of 100,000 zero-width joiners (one unsplittable run of as many clusters)
# and a letter with 20,000 vowel marks (one cluster) build, bounded, without a crash
mkdir -p "$TMP/zw"
python3 -c "
s = 'ب' + '\u200c' * 100000 + 'ب'
m = 'ب' + '\u0650' * 20000
open('$TMP/zw/brief.lua', 'w').write('return { title = \"t\", language = \"ur\", theme = { body_font = \"NotoNaskhArabic\" }, sections = { section \"prose\" { paragraphs = { \"%s\", \"%s\" } } } }\\n' % (s, m))"
check "100,000 joiners and 20,000 marks build (bounded)" run_briefc 0 build "$TMP/zw" -o "$TMP/zw.pdf" -q

# The bilingual Urdu-English handout (briefs/handout-ur): one page, headline and summary in
# Urdu right to left, the figures in both
check "the Urdu-English handout builds on one page" \
    pf "'$BRIEFC' build '$ROOT/briefs/handout-ur' -o '$TMP/hu.pdf' -q --stats 2>&1 | grepq ': 1 pages,.* 0 overfull'"
check "handout: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/hu.pdf"
check "handout: tagged PDF/UA checks pass (shaped text's /ActualText spans nest in its tags)" \
    node "$TESTS/pdfua/check.js" "$TMP/hu.pdf"
pdftotext -enc UTF-8 "$TMP/hu.pdf" "$TMP/hu.txt"
# (poppler writes a right-to-left line holding numbers or Latin as left-to-right pieces with
# embedding marks, so phrases are checked between those pieces; pdf.js gives whole sentences)
node "$TESTS/pdfjs/text.js" "$TMP/hu.pdf" 2>/dev/null | tr -d ' \n' > "$TMP/hu.js.txt"
for s in 'پاکستان کے لیے امریکی امداد' 'خلاصہ' 'میں امریکہ نے پاکستان کے لیے' '۴٬۵۰۴' \
         'ملین ڈالر کی امداد منظور کی' 'Coalition Support Fund' 'کی ادائیگیاں الگ دکھائی گئی ہیں۔' \
         'In FY2010 the United States appropriated $4.5 bn' 'سلامتی سے متعلق' '4,504'; do
    check "handout: '$s' extracts (poppler)" contains "$TMP/hu.txt" "$s"
done
for s in 'پاکستان کے لیے امریکی امداد، مالی سال ۲۰۱۰' \
         'مالی سال ۲۰۱۰ میں امریکہ نے پاکستان کے لیے ۴٬۵۰۴ ملین ڈالر کی امداد منظور کی' \
         'یہ اعداد منظور شدہ رقوم ہیں، ادا شدہ نہیں۔ Coalition Support Fund کی ادائیگیاں'; do
    check "handout: '$s' extracts in logical order (pdf.js)" contains "$TMP/hu.js.txt" "$(printf %s "$s" | tr -d ' ')"
done

# ... and in the batch: one handout per fiscal year from a manifest, each on one page, its
# headline in logical order with the row's year in Urdu digits (pdf.js)
{ echo year; for y in 2008 2010 2012 2014 2016 2018; do echo "$y"; done; } > "$TMP/years.csv"
check "handout: a batch of six years builds" \
    run_briefc 0 batch "$ROOT/briefs/handout-ur" --rows "$TMP/years.csv" --out "$TMP/hb/{year}.pdf" -q
check "handout batch: six one-page PDFs" \
    pf "test \$(ls '$TMP/hb' | grep -c 'pdf\$') -eq 6 && for f in '$TMP'/hb/*.pdf; do pdfinfo \"\$f\" | grepq '^Pages: *1\$' || exit 1; done"
check "handout batch: 2014's headline (pdf.js)" \
    pf "node '$TESTS/pdfjs/text.js' '$TMP/hb/2014.pdf' 2>/dev/null | grepq -F 'پاکستان کے لیے امریکی امداد، مالی سال ۲۰۱۴'"

# A word longer than the line, in Arabic script: cut between clusters to fill each line, but the
# pieces on one line are drawn as one shaped run, so its letters still join
long=$(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf 'پاکستانزندہباد'; done)
brief longword NotoNaskhArabic ur "پاکستان $long زندہ باد"
build longword
check "longword: spread over lines" pf "test \$(grep -cE 'shaped rtl \"[^\"]{40,}' '$TMP/longword.layout') -ge 2"
# (the page number's "/" is drawn on its own, in the Latin font: not a letter)
check "longword: no letter drawn alone" pf "! grep -qE 'shaped rtl \"[^/ 0-9]\"\$' '$TMP/longword.layout'"

# Shaped text in a CFF font (.ttc, CIDFontType0, fonts-noto-cjk): the glyphs drawn are the
# subset's codes (CIDs), the same as the plain path draws for the precomposed letter, and the
# shaped cluster extracts through ToUnicode
if fc-list 2>/dev/null | grepq 'NotoSansCJK-Regular.ttc'; then
    brief cff "Noto Sans CJK SC" en "中国 café" "中国 cafe\u{301}"
    build cff
    check "cff: the decomposed é is shaped" pf "grepq 'shaped \"cafe' '$TMP/cff.layout'"
    mutool trace "$TMP/cff.pdf" 2>/dev/null | grep -o '<g unicode="[^"]*" glyph="[0-9]*"' > "$TMP/cff.g"
    check "cff: shaped and plain é draw the same glyph" pf "test \$(grep -c 'unicode=\"é\"' '$TMP/cff.g') -eq 2 && test \$(grep 'unicode=\"é\"' '$TMP/cff.g' | sort -u | wc -l) -eq 1"
    pdftotext -enc UTF-8 "$TMP/cff.pdf" "$TMP/cff.txt"
    check "cff: both paragraphs extract" pf "test \$(grep -c '中国 café' '$TMP/cff.txt') -eq 2"
fi

# A Latin brief never opens HarfBuzz to shape (its subsetter only on a font-cache miss)
# (a warm build: font subsets come from the cache, so nothing needs HarfBuzz at all)
# (the sample: the unicode brief has every script of issue 15 now)
BRIEFC_CACHE_DIR="$TMP/cache" "$BRIEFC" build "$ROOT/briefs/pakistan-us" -o "$TMP/l.pdf" -q
LD_DEBUG=libs BRIEFC_CACHE_DIR="$TMP/cache" "$BRIEFC" build "$ROOT/briefs/pakistan-us" -o "$TMP/l.pdf" -q 2> "$TMP/libs.txt"
check "a warm Latin build never loads HarfBuzz" pf "grepq 'calling init' '$TMP/libs.txt' && ! grepq 'libharfbuzz' '$TMP/libs.txt'"
LD_DEBUG=libs BRIEFC_CACHE_DIR="$TMP/cache" "$BRIEFC" build "$TMP/urdu" -o "$TMP/u2.pdf" -q 2> "$TMP/libs2.txt"
check "an Urdu build loads it to shape" pf "grepq 'calling init.*libharfbuzz.so' '$TMP/libs2.txt'"
finish
