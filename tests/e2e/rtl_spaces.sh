#!/bin/bash
# rtl_spaces.sh — issue 15: the words of right-to-left lines extract with the spaces between
# them from pdf.js, not run together. Such a line is drawn one op per word, in logical order,
# so the pen moves back at every word and pdf.js ends its text item there, forgetting the space
# glyph drawn between the words; a word now carries the space before it in the text of the
# glyph it draws last (pdf_fonts.c, bc_pdf_carries_space). poppler reads as before (the word
# has /ActualText without the space), and the pages look the same. Tagged output too: there
# each /ActualText span is a marked-content sequence with an MCID of its own (pdf_tags.c).
. "$(dirname "$0")/lib.sh"

AR=("ذهب الطالب إلى المدرسة في الصباح وقرأ كتابا جديدا عن تاريخ باكستان والهند")
MORE=("بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ" "مُحَمَّدٌ رَسُولٌ كريم"
      "وَٱلْمُسْتَضْعَفِينَ مِنَ ٱلرِّجَالِ وَٱلنِّسَاءِ")
UR=("پاکستان اور امریکہ کے درمیان تعلقات کئی دہائیوں پر محیط ہیں اور امریکی امداد نے تعلیم، صحت اور توانائی کے شعبوں میں اہم کردار ادا کیا ہے۔")

# text NAME.pdf: pdf.js's and poppler's text as words split on white space, one space between
# them (poppler's embedding marks U+202A..U+202E dropped), into NAME.js.txt and NAME.pop.txt;
# pdf.js's text as it is into NAME.js.raw
text() {
    node "$TESTS/pdfjs/text.js" "$1.pdf" 2> /dev/null > "$1.js.raw"
    spaced_words < "$1.js.raw" > "$1.js.txt"
    pdftotext -enc UTF-8 "$1.pdf" - | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g' | spaced_words > "$1.pop.txt"
    # MuPDF's, its U+2060 (the glyphs drawn for words said by blank glyphs) dropped
    mutool draw -q -F txt "$1.pdf" 2> /dev/null | LC_ALL=C sed 's/\xe2\x81\xa0//g' > "$1.mu.raw"
}
# MuPDF reads a word's characters in visual order, the words as drawn: it read the space drawn
# between two words and the one the later word carries (at its end), one after the other
single() { check "$1: no doubled space between words from MuPDF" pf "! grepq -E '[^ ]  +[^ ]' '$TMP/$1.mu.raw'"; }
# says NAME TEXT: the words of TEXT, in order, from pdf.js (which may join the first or the
# last to the line before or after: separate lines are not this test's concern) and poppler
says() {
    check "$1: '$2' word by word (pdf.js)" contains "$TMP/$1.js.txt" "$2"
    case $2 in
    *،*) ;; # poppler sets the Arabic comma off on the wrong side (as before this change)
    *) check "$1: '$2' word by word (poppler)" contains "$TMP/$1.pop.txt" " $2 " ;;
    esac
}

brief() { # brief NAME FONT LANG PARAGRAPH...: one prose section
    local name=$1 font=$2 lang=$3
    shift 3
    prose_brief "$TMP/$name" "$font" "$lang" "$@"
    check "$name builds" run_briefc 0 build "$TMP/$name" -o "$TMP/$name.pdf" -q --pdf-standard none
    check "$name: five readers open it without a warning" bash "$TESTS/pdfcheck.sh" "$TMP/$name.pdf"
    text "$TMP/$name"
}

brief ar NotoNaskhArabic ar "${AR[@]}" "${MORE[@]}"
for p in "${AR[@]}"; do says ar "$p"; done
# a word whose first piece has a mark (pdf.js reads it without comparing places, in the item
# before) carries the space before it too, and pdf.js reads two spaces drawn off the page
# before it, after which it adds none: the Basmala's first two words were run together
says ar "${MORE[0]}"
check "ar: a plain word after marked ones (pdf.js)" contains "$TMP/ar.js.txt" "رَسُولٌ كريم"
check "ar: marked words (pdf.js)" contains "$TMP/ar.js.txt" "مِنَ ٱلرِّجَالِ وَٱلنِّسَاءِ"
# a slash between numbers is no right-to-left text: it carries no space
check "ar: the page number as before (pdf.js)" contains "$TMP/ar.js.txt" "1/1"
single ar
# a marked word that begins a line (each paragraph's first here) went on in the item of the line
# before, with nothing between ("والهندبِسْمِ"): it carries a space there too
check "ar: pdf.js reads the page word by word, none run into the line before" \
    test "$(cat "$TMP/ar.js.txt")" = "$(printf '%s\n' "${AR[@]}" "${MORE[@]}" 1/1 | spaced_words)"
# wrapped paragraphs of vocalised words (random letters, most with a haraka): every word, in order
python3 - "$TMP/voc.txt" << 'PY'
import random, sys
rnd = random.Random(7)
letters = [chr(c) for c in range(0x628, 0x64B) if not 0x63B <= c <= 0x640]
marks = [chr(c) for c in range(0x64B, 0x653)]
def word(n):
    return "".join(rnd.choice(letters) + (rnd.choice(marks) if rnd.random() < 0.6 else "")
                   for _ in range(n))
with open(sys.argv[1], "w") as f:
    for _ in range(3):
        print(" ".join(word(rnd.randint(2, 8)) for _ in range(90)), file=f)
PY
mapfile -t VOC < "$TMP/voc.txt"
brief voc NotoNaskhArabic ar "${VOC[@]}"
check "voc: pdf.js reads every word, in order" \
    test "$(cat "$TMP/voc.js.txt")" = "$(printf '%s\n' "${VOC[@]}" 1/1 | spaced_words)"
check "voc: poppler reads every word, in order" \
    test "$(cat "$TMP/voc.pop.txt")" = "$(printf '%s\n' "${VOC[@]}" 1/1 | spaced_words)"
single voc
brief ur NotoNastaliqUrdu ur "${UR[@]}"
for p in "${UR[@]}"; do says ur "$p"; done
single ur

# the bilingual handout: its headline and its summary, word by word
check "handout-ur builds" run_briefc 0 build "$ROOT/briefs/handout-ur" -o "$TMP/handout.pdf" -q --pdf-standard none
text "$TMP/handout"
says handout "پاکستان کے لیے امریکی امداد، مالی"
says handout "میں امریکہ نے پاکستان کے"
says handout "اس میں سلامتی سے متعلق"
says handout "یہ اعداد منظور شدہ رقوم ہیں، ادا شدہ"
check "handout: the Urdu fact-sheet line (pdf.js)" contains "$TMP/handout.js.txt" " حقائق نامہ"
# the table's cells, drawn right to left with no space between: pdf.js read "مدملین ڈالرUS$ mItem"
check "handout: the table's header, cell by cell (pdf.js)" contains "$TMP/handout.js.txt" " مد ملین ڈالر US\$ m Item "
check "handout: a table row, cell by cell (pdf.js)" contains "$TMP/handout.js.txt" " متعلق ۱٬۲۳۶ 1,236 Security-related "
check "handout: the table's last row, cell by cell (pdf.js)" contains "$TMP/handout.js.txt" " کل ۴٬۵۰۴ 4,504 Total "
check "handout: the chart's legend, entry by entry (pdf.js)" contains "$TMP/handout.js.txt" " سلامتی / Security معاشی / Economic "
check "handout: the chart's years, one by one (pdf.js)" contains "$TMP/handout.js.txt" " 2008 2009 2010 2011 2012 2013 2014 2015 2016 2017 2018 "
# MuPDF read the cells of a row as one word ("لک۴٬۵۰۴4,504", visual order): a space is drawn
# before each for it
check "handout: a table row, cell by cell (MuPDF)" grepq -F "لک ۴٬۵۰۴ 4,504 Total" "$TMP/handout.mu.raw"
check "handout: a table row with a carried space, cell by cell (MuPDF)" grepq -F "ڈنف ۱٬۴۹۹ 1,499 Coalition" "$TMP/handout.mu.raw"
single handout
check "handout: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/handout.js.raw'"
check "ur: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/ur.js.raw'"
# tagged output (the default) the same, and the PDF/UA checker passes
check "tagged handout builds" run_briefc 0 build "$ROOT/briefs/handout-ur" -o "$TMP/tagged.pdf" -q
text "$TMP/tagged"
says tagged "پاکستان کے لیے امریکی امداد، مالی"
says tagged "اس میں سلامتی سے متعلق"
single tagged
check "tagged: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/tagged.js.raw'"
check "tagged handout: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/tagged.pdf"
check "tagged handout: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/tagged.pdf"
finish
