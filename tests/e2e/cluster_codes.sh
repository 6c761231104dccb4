#!/bin/bash
# cluster_codes.sh — issue 15 item 2: a reader that ignores /ActualText (pdf.js) reads shaped
# clusters in logical order. The first glyph drawn of a cluster of several stands for the
# whole cluster and the others for nothing (U+2060, which pdf.js drops); a glyph that stands
# for different text in different clusters (a vowel sign, a base letter under other marks) is
# drawn with a code of its own per text, mapped to the same glyph by a CIDToGIDMap stream, so
# every code has one right ToUnicode entry. Latin text keeps /CIDToGIDMap /Identity.
. "$(dirname "$0")/lib.sh"

brief() { # brief NAME FONT LANG TEXT...: one prose section, each TEXT a paragraph
    local name=$1 font=$2 lang=$3
    shift 3
    prose_brief "$TMP/$name" "$font" "$lang" "$@"
    check "$name builds" run_briefc 0 build "$TMP/$name" -o "$TMP/$name.pdf" -q
    check "$name: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/$name.pdf"
    pdftotext -enc UTF-8 "$TMP/$name.pdf" "$TMP/$name.txt"
    node "$TESTS/pdfjs/text.js" "$TMP/$name.pdf" 2>/dev/null | tr -d ' \n' > "$TMP/$name.js.txt"
    mutool draw -q -F txt "$TMP/$name.pdf" 2>/dev/null | sed 's/\xe2\x81\xa0//g' > "$TMP/$name.mu.txt"
    qpdf --qdf --object-streams=disable "$TMP/$name.pdf" "$TMP/$name.qdf" 2>/dev/null
}
reads() { # reads NAME READER FILE PHRASE: PHRASE (spaces dropped for pdf.js) in FILE
    local w=$4
    [ "$2" = pdf.js ] && w=$(printf %s "$4" | tr -d ' ')
    check "$1: '$4' extracts in logical order ($2)" contains "$3" "$w"
}

# Devanagari: the vowel sign ि is drawn before its consonant; कि, नि, ति each need the sign's
# glyph to stand for a different cluster
brief hindi NotoSansDevanagari hi 'भारत और पाकिस्तान के प्रधानमंत्री' 'क्षत्रिय राष्ट्रपति हिन्दी' 'नियति और स्थिति'
for s in 'पाकिस्तान' 'क्षत्रिय राष्ट्रपति हिन्दी' 'नियति' 'स्थिति'; do
    reads hindi pdf.js "$TMP/hindi.js.txt" "$s"
    reads hindi poppler "$TMP/hindi.txt" "$s"
    reads hindi mutool "$TMP/hindi.mu.txt" "$s"
done
check "hindi: the Devanagari font draws through a CIDToGIDMap stream" grepq -E '/CIDToGIDMap [0-9]+ 0 R' "$TMP/hindi.qdf"
check "hindi: a glyph that stands for nothing maps to U+2060" grepq -E '^<[0-9A-F]{4}> <2060>$' "$TMP/hindi.qdf"
# every code has one entry: no code is mapped twice in a ToUnicode map
check "hindi: no code has two ToUnicode entries" pf "! awk '/beginbfchar/ { n++ } /^<[0-9A-F]{4}> </ { if (seen[n, \$1]++) bad = 1 } END { exit !bad }' '$TMP/hindi.qdf'"

# Arabic with vowel marks: words whose marks need no text rise read whole in pdf.js
brief arabic NotoNaskhArabic ar 'بِسْمِ ٱللَّهِ' 'العربية لغة جميلة'
reads arabic pdf.js "$TMP/arabic.js.txt" 'بِسْمِ'
reads arabic pdf.js "$TMP/arabic.js.txt" 'ٱللَّهِ'
reads arabic poppler "$TMP/arabic.txt" 'بِسْمِ ٱللَّهِ'
reads arabic pdf.js "$TMP/arabic.js.txt" 'العربية لغة جميلة'

# Latin: ligatures and all, no extra codes
brief latin NotoSerif en 'The office staff flew to the official file store.'
reads latin pdf.js "$TMP/latin.js.txt" 'The office staff flew'
check "latin: only /CIDToGIDMap /Identity" pf "! grepq -E '/CIDToGIDMap [0-9]+ 0 R' '$TMP/latin.qdf'"
finish
