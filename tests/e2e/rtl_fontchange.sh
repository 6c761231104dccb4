#!/bin/bash
# rtl_fontchange.sh — issue 15: a right-to-left line where the font changes (Latin, parentheses,
# a middle dot or a slash set in Noto Sans inside Naskh) extracts word by word from pdf.js,
# pdftotext and MuPDF. pdf.js 3.11 ends its text item at every change of font and where the
# pen moves back, and reads no space there: "(۲۳٬۰۰۲ ملین ڈالر)کا", "نہیں۔Coalition",
# "نامہ·Fact" before. Now a neutral pdf.js reads left to right carries the space after it, and
# the first glyph of a left-to-right run after a right-to-left word is shown to pdf.js past the
# line's end (pdf_fonts.c carries_before_run and leads_after_rtl, pdf_pen.c lead_space).
# Untagged and tagged, constructed Urdu and Arabic paragraphs and the bilingual handout; the
# tagged checker, poppler's struct-text and the five readers too.
. "$(dirname "$0")/lib.sh"

UR=("یہ اعداد منظور شدہ رقوم ہیں، ادا شدہ نہیں۔ Coalition Support Fund کی ادائیگیاں الگ ہیں۔"
    "کل امداد (۲۳٬۰۰۲ ملین ڈالر) کا ۲۰ فیصد سلامتی پر خرچ ہوا۔"
    "حقائق نامہ · Fact sheet · کانگریس ریسرچ سروس"
    "رپورٹ World Bank نے شائع کی اور اس پر IMF نے (مختصر) تبصرہ کیا۔"
    "سلامتی / Security اور معیشت / Economy کے اعداد الگ ہیں۔")
AR=("قدمت الولايات المتحدة (حوالي ٤٥٠٤ مليون دولار) إلى باكستان في عام ٢٠١٠."
    "ذكر التقرير · Congressional Research Service · أن المبلغ كبير."
    "هذه الأرقام ليست مدفوعات. Coalition Support Fund منفصلة عنها.")

# all NAME PARAGRAPH: the paragraph's words in order from pdf.js, each of them from poppler and
# from MuPDF
all() {
    local w
    w=$(printf '%s' "$2" | spaced_words)
    check "$1: '$2' word by word (pdf.js)" contains "$TMP/$1.js.txt" "$w"
    check "$1: '$2', each word (poppler)" same_words "$TMP/$1.pop.txt" "$2"
    check "$1: '$2', each word (MuPDF)" same_words "$TMP/$1.mu.txt" "$2" reverse
}

opt() { [ "$1" = none ] && echo "--pdf-standard none"; } # tagged: the default
brief() { # brief NAME FONT LANG STANDARD PARAGRAPH...: one prose section
    local name=$1 font=$2 lang=$3 std=$4
    shift 4
    prose_brief "$TMP/$name" "$font" "$lang" "$@"
    check "$name builds" run_briefc 0 build "$TMP/$name" -o "$TMP/$name.pdf" -q $std
    check "$name: five readers open it without a warning" bash "$TESTS/pdfcheck.sh" "$TMP/$name.pdf"
    reader_texts "$TMP/$name"
    check "$name: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/$name.js.raw'"
    mu_single "$name"
}
no_double() { ! grep -qE '"[^"]*  [^"]*"' "$1"; } # no struct-text string with two spaces
# MuPDF read the space a word carries at its end, then the space drawn before a run after it
mu_single() { check "$1: no doubled space between words from MuPDF" pf "! LC_ALL=C sed 's/\xe2\x81\xa0//g' '$TMP/$1.mu.raw' | grepq -E '[^ ]  +[^ ]'"; }

for std in none tagged; do
    brief "ur-$std" NotoNaskhArabic ur "$(opt $std)" "${UR[@]}"
    for p in "${UR[@]}"; do all "ur-$std" "$p"; done
    brief "ar-$std" NotoNaskhArabic ar "$(opt $std)" "${AR[@]}"
    for p in "${AR[@]}"; do all "ar-$std" "$p"; done
done
# a caption's shape (terms.c): "جدول 1 —" in bold, "—" and "/" set in Noto Sans. The "—" carries
# the space after it (MuPDF reads it at its end), and the Naskh stretch after it, drawn in visual
# order, began with the space before "/": MuPDF read "1 لودج—  ۲۰۱۰ لاس …"
CAP=("**جدول 1 —** اعداد و شمار، مالی سال ۲۰۱۰ / Figures, FY2010 (US$ million)"
    "**شکل 2 —** امریکی امداد، مالی سال 2008 تا ۲۰۱۸ / US aid, FY2008–FY2018")
for std in none tagged; do
    brief "cap-$std" NotoNaskhArabic ur "$(opt $std)" "${CAP[@]}"
    for p in "${CAP[@]}"; do all "cap-$std" "${p//\*\*/}"; done
done
check "cap-tagged: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/cap-tagged.pdf"
for l in ur ar; do
    check "$l-tagged: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/$l-tagged.pdf"
    pdfinfo -struct-text "$TMP/$l-tagged.pdf" > "$TMP/$l.struct" 2> /dev/null
    check "$l-tagged: struct-text has no doubled space" no_double "$TMP/$l.struct"
done
# struct-text: every word of the Urdu paragraphs (in display order, as poppler gives it)
sed 's/"/ /g' "$TMP/ur.struct" > "$TMP/ur.struct.txt"
check "ur-tagged: struct-text has every word" same_words "$TMP/ur.struct.txt" "${UR[*]}" reverse

# the bilingual handout: the three lines that lost a space where the font changes
for std in none tagged; do
    check "handout ($std) builds" run_briefc 0 build "$ROOT/briefs/handout-ur" -o "$TMP/h-$std.pdf" -q $(opt $std)
    reader_texts "$TMP/h-$std"
    for s in "(۲۳٬۰۰۲ ملین ڈالر) کا ۲۰ فیصد تھی۔" "ادا شدہ نہیں۔ Coalition Support Fund کی" \
        "حقائق نامہ · Fact sheet · Congressional"; do
        check "h-$std: '$s' word by word (pdf.js)" contains "$TMP/h-$std.js.txt" " $s "
    done
    check "h-$std: no doubled space from pdf.js" pf "! grepq -F '  ' '$TMP/h-$std.js.raw'"
    mu_single "h-$std"
done
check "tagged handout: the tagged checker passes" node "$TESTS/pdfua/check.js" "$TMP/h-tagged.pdf"
check "tagged handout: five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/h-tagged.pdf"
pdfinfo -struct-text "$TMP/h-tagged.pdf" > "$TMP/h.struct" 2> /dev/null
check "tagged handout: struct-text has no doubled space" no_double "$TMP/h.struct"
finish
