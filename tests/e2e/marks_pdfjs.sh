#!/bin/bash
# marks_pdfjs.sh — issue 15: vocalised Arabic (marks set above and below with a text rise) and
# Nastaliq (letters that cascade, each at its own height) extract whole and in logical order
# from pdf.js, which ignores /ActualText and began a new text item at every change of height;
# poppler reads them from /ActualText. A right-to-left word whose glyphs pdf.js would read in
# pieces is said by blank glyphs (the font's space) drawn first, in pieces of at most 8 UTF-16
# units (MuPDF's limit for a ToUnicode entry), and its glyphs stand for U+2060 (pdf_fonts.c,
# word_pieces). MuPDF 1.21 ignores /ActualText and does no bidi: it gives each word's
# characters in visual (drawing) order, the words in the order drawn, and nothing else.
# Every PDF opens cleanly in the five readers. Whitespace alone is normalised (pdf.js joins the
# items of right-to-left words without spaces; poppler wraps right-to-left lines in
# embedding marks U+202A..U+202E, which are dropped too).
. "$(dirname "$0")/lib.sh"

# paragraphs of vocalised Arabic: the Basmala, a Quran-free sentence, a word of 19 characters
# (three pieces, every one holding a mark), words with a shadda and a tanwin alone
AR=("بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ"
    "ٱلرَّحْمَٰنِ"
    "مُحَمَّدٌ رَسُولٌ"
    "ذَهَبَ ٱلطَّالِبُ إِلَى ٱلْمَدْرَسَةِ فِي ٱلصَّبَاحِ وَقَرَأَ كِتَابًا جَدِيدًا عَنْ تَارِيخِ بَاكِسْتَانَ"
    "وَٱلْمُسْتَضْعَفِينَ مِنَ ٱلرِّجَالِ"
    "شدّة كتابٌ")
# an Urdu paragraph in Nastaliq, long enough to wrap, and words of more than 8 letters
UR=("پاکستان اور امریکہ کے درمیان تعلقات کئی دہائیوں پر محیط ہیں اور امریکی امداد نے تعلیم، صحت اور توانائی کے شعبوں میں اہم کردار ادا کیا ہے۔"
    "پاکستانیوں کی ذمہ داریاں اور سرمایہکاری")
# chart labels in Nastaliq (the Urdu brief's chain puts Urdu in Noto Nastaliq Urdu)
LABELS=("امریکی امداد" "ملین ڈالر" "سلامتی" "خیبر پختونخوا" "پنجاب")

brief() { # brief NAME FONT LANG PARAGRAPH...: one prose section and a chart
    local name=$1 font=$2 lang=$3
    shift 3
    mkdir -p "$TMP/$name/plugins"
    cat > "$TMP/$name/plugins/ch.lua" <<'LUA'
return { name = "ch", version = "1.0.0", api = 1, description = "Nastaliq chart labels",
  render = function(s, ctx)
    s:chart { kind = "bar", caption = "امریکی امداد", y_title = "ملین ڈالر",
      categories = { "FY2008", "FY2009" },
      series = { { name = "امریکی امداد", values = { 1000, 1200 } },
                 { name = "سلامتی", values = { 500, 900 } } } }
    s:chart { kind = "hbar", caption = "صوبے", categories = { "پنجاب", "خیبر پختونخوا" },
      series = { { name = "امداد", values = { 40, 30 } } } }
  end }
LUA
    {
        printf 'return { title = "t", language = "%s",\n' "$lang"
        printf '  theme = { body_font = "%s", heading_font = "%s", justify = false },\n' "$font" "$font"
        printf '  sections = { section "prose" { paragraphs = {\n'
        for p in "$@"; do printf '    "%s",\n' "$p"; done
        printf '  } }'
        [ "$lang" = ur ] && printf ', section "ch"'
        printf ' } }\n'
    } > "$TMP/$name/brief.lua"
    check "$name builds" run_briefc 0 build "$TMP/$name" -o "$TMP/$name.pdf" -q
    check "$name: five readers open it without a warning" bash "$TESTS/pdfcheck.sh" "$TMP/$name.pdf"
    # white space dropped (poppler sets the Arabic comma off with a space, pdf.js joins the words
    # of right-to-left items without one); poppler's embedding marks dropped; MuPDF's U+2060
    # dropped and each word's characters reversed (visual to logical)
    node "$TESTS/pdfjs/text.js" "$TMP/$name.pdf" 2> /dev/null | tr -d ' \n\t' > "$TMP/$name.js.txt"
    pdftotext -enc UTF-8 "$TMP/$name.pdf" - | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g' | tr -d ' \n\t\f' > "$TMP/$name.pop.txt"
    mutool draw -q -F txt "$TMP/$name.pdf" 2> /dev/null | LC_ALL=C sed 's/\xe2\x81\xa0//g' |
        python3 -c 'import sys; print("".join(w[::-1] for w in sys.stdin.read().split()))' > "$TMP/$name.mu.txt"
}
reads() { # reads NAME TEXT: TEXT extracts exactly, in logical order, from the three readers
    local squeezed
    squeezed=$(printf %s "$2" | tr -d ' ')
    check "$1: '$2' whole and in order (pdf.js)" contains "$TMP/$1.js.txt" "$squeezed"
    check "$1: '$2' whole and in order (poppler)" contains "$TMP/$1.pop.txt" "$squeezed"
    check "$1: '$2' in MuPDF's visual order" contains "$TMP/$1.mu.txt" "$squeezed"
}

# a word of 12 letters marked only at its end: no cut into pieces keeps it in one pdf.js item
# (a piece without a mark would follow one with), so it is said in two items, in logical order
SPLIT="كتاب والمستضعفينَ كتاب"
brief ar NotoNaskhArabic ar "${AR[@]}" "$SPLIT"
# replacement text in tagged content is a marked-content sequence with an MCID of its own:
# the checker refuses a /Span BDC without one, and poppler's struct-text lost the rest of the
# paragraph at its EMC (it read the Basmala's first word alone)
check "ar: the tagged checker passes (each /ActualText span has its own MCID)" node "$TESTS/pdfua/check.js" "$TMP/ar.pdf"
NWORDS=$(printf '%s\n' "${AR[@]}" "$SPLIT" | wc -w)
check "ar: struct-text gives a string for every word ($NWORDS)" bash -c "[ \$(pdfinfo -struct-text '$TMP/ar.pdf' | grep -c '\"[^\"]*[^\" ]') -ge $NWORDS ]"
for p in "${AR[@]}"; do reads ar "$p"; done
check "ar: '$SPLIT' whole and in order (pdf.js)" contains "$TMP/ar.js.txt" "$(printf %s "$SPLIT" | tr -d ' ')"
check "ar: '$SPLIT' whole and in order (poppler)" contains "$TMP/ar.pop.txt" "$(printf %s "$SPLIT" | tr -d ' ')"
qpdf --qdf --object-streams=disable "$TMP/ar.pdf" "$TMP/ar.qdf" 2> /dev/null
check "ar: an empty marked-content sequence ends pdf.js's item inside that word" grepq -E '\] TJ /Span BMC EMC \[' "$TMP/ar.qdf"
# the whole page, nothing more and nothing lost, from pdf.js (the footer's 1/1 at the end)
check "ar: pdf.js reads the page as its paragraphs, nothing else" \
    test "$(cat "$TMP/ar.js.txt")" = "$(printf %s "${AR[@]}" "$SPLIT" | tr -d ' ')1/1"

brief ur NotoNastaliqUrdu ur "${UR[@]}"
for p in "${UR[@]}" "${LABELS[@]}"; do reads ur "$p"; done
check "ur: no U+2060 reaches pdf.js's text" pf "! grepq -F \$'\\u2060' '$TMP/ur.js.txt'"

# how: the glyphs drawn stand for nothing, blank glyphs with codes of their own say the words
qpdf --qdf --object-streams=disable "$TMP/ur.pdf" "$TMP/ur.qdf" 2> /dev/null
check "ur: the glyphs drawn stand for U+2060" grepq -E '^<[0-9A-F]{4}> <2060>$' "$TMP/ur.qdf"
check "ur: no ToUnicode entry is longer than 8 UTF-16 units (MuPDF's limit)" \
    pf "! grepq -E '^<[0-9A-F]{4}> <[0-9A-F]{36,}>$' '$TMP/ur.qdf'"
check "ur: the Nastaliq font draws through a CIDToGIDMap stream" grepq -E '/CIDToGIDMap [0-9]+ 0 R' "$TMP/ur.qdf"
finish
