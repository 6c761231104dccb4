#!/bin/bash
# cjk_extract.sh — issue 15: the quarter em layout sets between an ideograph or kana and Latin
# or digits with no space in the text (JLREQ 3.2.4, layout/cjkpunct.c) is no space to a reader
# (tests/briefs/cjk-extract). poppler reads a space where glyphs stand over 0.1 em apart,
# pdf.js over 0.102 em: the gap is crossed after an invisible .notdef that stands for U+2060,
# which pdf.js drops with the move after it, and the joined text is said by /ActualText from
# where the gap starts (pdf_text.c). Spaces the source has must stay; the pixels must not move.
# Built twice: in the CJK font alone, and with Noto Serif for Latin (the font changes at each
# gap: the line then goes on without Td, or pdf.js would read its lagging pen as a gap).
. "$(dirname "$0")/lib.sh"
needs pdftotext qpdf python3 node fc-match

if ! fc-list 2>/dev/null | grepq 'NotoSansCJK-Regular.ttc'; then
    bad "Noto Sans CJK is not installed (Debian: fonts-noto-cjk): the test needs it"
    finish
fi

B="$TESTS/briefs/cjk-extract"
sed -n 's/^    "\(.*\)",$/\1/p' "$B/brief.lua" > "$TMP/paras.txt"
check "the brief has 4 paragraphs" test "$(wc -l < "$TMP/paras.txt")" -eq 4
for font in "Noto Sans CJK SC" "Noto Serif"; do
    tag=${font// /}
    mkdir -p "$TMP/$tag"
    sed "s/body_font = \"Noto Sans CJK SC\"/body_font = \"$font\"/" "$B/brief.lua" > "$TMP/$tag/brief.lua"
    run_briefc 0 build "$TMP/$tag" -o "$TMP/$tag.pdf" > "$TMP/$tag.out" 2>&1
    check "$font: the brief builds with no warning" pf "test -s '$TMP/$tag.pdf' && ! grepq warning '$TMP/$tag.out'"
    pdftotext -enc UTF-8 "$TMP/$tag.pdf" - | tr -d '\n' > "$TMP/$tag.pop"
    node "$TESTS/pdfjs/text.js" "$TMP/$tag.pdf" 2>/dev/null | tr -d '\n' > "$TMP/$tag.js"
    check "$font: poppler reads the title as written" contains "$TMP/$tag.pop" "中国CPEC报告"
    check "$font: pdf.js reads the title as written" contains "$TMP/$tag.js" "中国CPEC报告"
    while IFS= read -r p; do
        check "$font: poppler extracts '${p:0:14}…' as written" contains "$TMP/$tag.pop" "$p"
        check "$font: pdf.js extracts '${p:0:14}…' as written" contains "$TMP/$tag.js" "$p"
    done < "$TMP/paras.txt"
    # U+2060 is what the gap's .notdef stands for: no reader of the page text may show it
    check "$font: no word joiner in what poppler or pdf.js read" pf "! grepq \$'\\u2060' '$TMP/$tag.pop' '$TMP/$tag.js'"
done
# the .notdef that crosses each gap is never painted: drawn in render mode 3 (invisible), the
# mode set back before the text; one per gap the source has between CJK and Latin or digits
# (12: counted from the title and paragraphs), in either font set-up
count_gaps() { python3 -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
print(len(re.findall(r"(?<=[\u3040-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3040-\u9fff])", t)))' "$1"; }
printf '%s\n' "中国CPEC报告" > "$TMP/all.txt"; cat "$TMP/paras.txt" >> "$TMP/all.txt"
want=$(count_gaps "$TMP/all.txt")
for tag in NotoSansCJKSC NotoSerif; do
    qpdf --qdf --object-streams=disable "$TMP/$tag.pdf" "$TMP/$tag.q.pdf"
    n3=$(grep -ac '3 Tr \[<0000>[-0-9.]* *\] TJ 0 Tr' "$TMP/$tag.q.pdf")
    check "$tag: one invisible .notdef per gap ($n3 of $want)" test "$n3" -eq "$want"
done
finish
