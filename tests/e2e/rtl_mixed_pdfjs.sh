#!/bin/bash
# rtl_mixed_pdfjs.sh — issue 15: right-to-left lines that hold left-to-right runs (Extended
# Arabic-Indic digits, which pdf.js classes EN, Western digits, Latin) extract word by word
# from pdf.js and pdftotext, with the space on both sides of the run. Layout gives such a line's
# ops in logical order, one per word; pdf.js ends its text item wherever the pen moves back and
# could read no space before a left-to-right run ("سال۲۰۱۰"). A stretch of a line in one font
# that mixes both directions is now drawn left to right (pdf_text.c, bc_pdf_line_order): one
# pdf.js item whose bidi pass orders the words. Untagged and tagged (--pdf-standard none and the
# default), the handout's summary and constructed Arabic and Urdu paragraphs.
# Where the font changes (Latin or parentheses in Noto Sans inside Naskh) pdf.js ends its item
# at Tf: rtl_fontchange.sh checks those boundaries.
. "$(dirname "$0")/lib.sh"

UR=("سال ۲۰۱۰ میں امریکہ نے ۴٬۵۰۴ ملین ڈالر دیے، جو ۲۰۰۸ سے ۲۰۱۸ تک کی امداد کا ۲۰ فیصد تھا۔ اس میں ۱٬۲۳۶ ملین ڈالر سلامتی اور ۱٬۷۶۹ ملین ڈالر معیشت کے لیے تھے۔"
    "رپورٹ کے صفحہ ۱۲ پر جدول ۳ اور صفحہ ۱۴ پر جدول ۵ ہے، اور باقی اعداد ضمیمہ ۲ میں ہیں۔")
AR=("في عام ٢٠١٠ قدمت الولايات المتحدة ٤٥٠٤ مليون دولار، أي ما يعادل ٢٠ في المئة من المساعدات بين ٢٠٠٨ و ٢٠١٨ لباكستان."
    "ذكر التقرير في الصفحة 12 أن المبلغ بلغ 4504 مليون دولار في السنة المالية 2010 وحدها.")

# says NAME TEXT: the words of TEXT, in order, from pdf.js; every one of them from poppler,
# which gives a line in display order (a number before the words it follows)
says() {
    check "$1: '$2' word by word (pdf.js)" contains "$TMP/$1.js.txt" " $2 "
    check "$1: '$2', each word (poppler)" same_words "$TMP/$1.pop.txt" "$2"
}
# all NAME PARAGRAPH: every word of the paragraph, in order, from pdf.js, and every word from
# poppler
all() {
    local w
    w=$(printf '%s' "$2" | spaced_words)
    check "$1: the paragraph's $(printf '%s' "$2" | wc -w) words in order (pdf.js)" \
        contains "$TMP/$1.js.txt" "$w"
    check "$1: the paragraph's words (poppler)" same_words "$TMP/$1.pop.txt" "$2"
}

opt() { [ "$1" = none ] && echo "--pdf-standard none"; } # tagged: the default
brief() { # brief NAME FONT LANG STANDARD PARAGRAPH...: one prose section
    local name=$1 font=$2 lang=$3 std=$4
    shift 4
    prose_brief "$TMP/$name" "$font" "$lang" "$@"
    check "$name builds" run_briefc 0 build "$TMP/$name" -o "$TMP/$name.pdf" -q $std
    check "$name: five readers open it without a warning" bash "$TESTS/pdfcheck.sh" "$TMP/$name.pdf"
    reader_texts "$TMP/$name"
}

for std in none tagged; do
    brief "ur-$std" NotoNaskhArabic ur "$(opt $std)" "${UR[@]}"
    for p in "${UR[@]}"; do all "ur-$std" "$p"; done
    says "ur-$std" "سال ۲۰۱۰ میں"
    says "ur-$std" "جو ۲۰۰۸ سے ۲۰۱۸ تک"
    says "ur-$std" "اس میں ۱٬۲۳۶ ملین"
    says "ur-$std" "صفحہ ۱۲ پر جدول ۳ اور"
    brief "ar-$std" NotoNaskhArabic ar "$(opt $std)" "${AR[@]}"
    for p in "${AR[@]}"; do all "ar-$std" "$p"; done
    says "ar-$std" "في عام ٢٠١٠ قدمت"
    says "ar-$std" "الصفحة 12 أن المبلغ بلغ 4504 مليون"
    check "ar-$std: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/ar-$std.js.raw'"
    check "ur-$std: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/ur-$std.js.raw'"
done
check "ur-tagged: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/ur-tagged.pdf"
check "ar-tagged: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/ar-tagged.pdf"

# the bilingual handout's summary, untagged and tagged
for std in none tagged; do
    check "handout ($std) builds" run_briefc 0 build "$ROOT/briefs/handout-ur" -o "$TMP/h-$std.pdf" -q $(opt $std)
    reader_texts "$TMP/h-$std"
    says "h-$std" "پاکستان کے لیے امریکی امداد، مالی سال ۲۰۱۰"
    says "h-$std" "مالی سال ۲۰۱۰ میں امریکہ"
    says "h-$std" "کے لیے ۴٬۵۰۴ ملین ڈالر"
    says "h-$std" "جو ۲۰۰۸ سے ۲۰۱۸ تک"
    # after ")" (Noto Sans: pdf.js ends its item at the change of font) the space is carried
    says "h-$std" "(۲۳٬۰۰۲ ملین ڈالر) کا ۲۰ فیصد تھی۔"
    says "h-$std" "امداد ۱٬۲۳۶ ملین ڈالر اور معاشی امداد ۱٬۷۶۹ ملین"
    says "h-$std" "Support Fund کی ادائیگیاں"
    says "h-$std" "اعداد و شمار، مالی سال ۲۰۱۰"
    check "h-$std: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/h-$std.js.raw'"
done
check "tagged handout: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/h-tagged.pdf"
check "tagged handout: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/h-tagged.pdf"
# poppler's structure-tree text has every word of the summary's first line, single-spaced
pdfinfo -struct-text "$TMP/h-tagged.pdf" > "$TMP/h.struct" 2> /dev/null
no_double() { ! grep -qE '"[^"]*  [^"]*"' "$1"; } # no string with two spaces in a row
check "tagged handout: struct-text has no doubled space" no_double "$TMP/h.struct"
check "tagged handout: struct-text parts a line's end from the next line" pf "! grepq -F 'یلام(' '$TMP/h.struct'"
finish
