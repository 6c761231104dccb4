#!/bin/bash
# cjk_extract.sh — issue 15: the quarter em layout sets between an ideograph or kana and Latin
# or digits with no space in the text (JLREQ 3.2.4, layout/cjkpunct.c) is no space to a reader
# (tests/briefs/cjk-extract). poppler reads a space where glyphs stand over 0.1 em apart,
# pdf.js over 0.102 em, MuPDF over 0.15 em: the gap is crossed after a blank glyph of the
# font (an ideographic, em or en space; pdf_joint.c) that stands for U+2060, which pdf.js
# drops with the move after it, and the joined text is said by /ActualText from where the gap
# starts (pdf_text.c). Never .notdef (PDF/A-2, PDF/UA). Spaces the source has must stay; the
# blank glyphs paint nothing. Built twice: in the CJK font alone, and with Noto Serif for
# Latin (the font changes at each gap: the line then goes on without Td, or pdf.js would read
# its lagging pen as a gap).
. "$(dirname "$0")/lib.sh"
needs pdftotext pdftoppm qpdf fix-qdf mutool python3 node fc-match

if ! fc-list 2>/dev/null | grepq 'NotoSansCJK-Regular.ttc'; then
    bad "Noto Sans CJK is not installed (Debian: fonts-noto-cjk): the test needs it"
    finish
fi

B="$TESTS/briefs/cjk-extract"
sed -n 's/^    "\(.*\)",$/\1/p' "$B/brief.lua" > "$TMP/paras.txt"
check "the brief has 5 paragraphs" test "$(wc -l < "$TMP/paras.txt")" -eq 5
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
# each gap the source has between CJK and Latin or digits (21: counted from the title and
# paragraphs) is crossed by one blank glyph of the font, opening the op's /ActualText span and
# drawn with a TJ adjustment back to the op's start; never .notdef (code 0: PDF/A-2 6.2.11.8,
# PDF/UA Matterhorn 31-030 forbid it in any text-showing operator, glyph0.py reads every one),
# always standing for U+2060 in ToUnicode; and it has no ink: the page drawn with those glyphs
# invisible (3 Tr) is the same to the pixel
count_gaps() { python3 -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
print(len(re.findall(r"(?<=[\u3040-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3040-\u9fff])", t)))' "$1"; }
printf '%s\n' "中国CPEC报告" > "$TMP/all.txt"; cat "$TMP/paras.txt" >> "$TMP/all.txt"
want=$(count_gaps "$TMP/all.txt")
# joints.py QDF [OUT]: the code of each gap's blank glyph (the first glyph of a TJ that opens
# an /ActualText span and moves back after it), one a line; with OUT, a copy of QDF that
# draws those TJs invisible (3 Tr), for fix-qdf
cat > "$TMP/joints.py" <<'PY'
import re, sys
d = open(sys.argv[1], 'rb').read()
J = re.compile(rb'(ActualText<[0-9a-fA-F]*>>> BDC (?:(?!\[).)*?)(\[(<[0-9a-fA-F]{4}>|\((?:\\.|[^\\)])*\))[0-9.]+ \] TJ)', re.S)
def code(s):
    if s[:1] == b'<': return s[1:5].decode().lower()
    b, i, s = bytearray(), 0, s[1:-1]
    while i < len(s):
        if s[i] == 0x5C:
            e = s[i + 1]; i += 2
            b.append(b'\n\r\t\b\f'[b'nrtbf'.index(e)] if e in b'nrtbf' else e)
        else: b.append(s[i]); i += 1
    return bytes(b).hex()
for m in J.finditer(d): print(code(m.group(3)))
if len(sys.argv) > 2: open(sys.argv[2], 'wb').write(J.sub(rb'\1 3 Tr \2 0 Tr', d))
PY
for tag in NotoSansCJKSC NotoSerif; do
    qpdf --qdf --object-streams=disable "$TMP/$tag.pdf" "$TMP/$tag.q.pdf"
    python3 "$TMP/joints.py" "$TMP/$tag.q.pdf" "$TMP/$tag.inv.q.pdf" > "$TMP/$tag.codes"
    n=$(wc -l < "$TMP/$tag.codes")
    check "$tag: one blank glyph per gap ($n of $want)" test "$n" -eq "$want"
    check "$tag: no gap is crossed by .notdef" pf "! grepq -x 0000 '$TMP/$tag.codes'"
    check "$tag: no text-showing operator draws glyph 0" python3 "$TESTS/e2e/glyph0.py" "$TMP/$tag.q.pdf"
    for c in $(sort -u "$TMP/$tag.codes"); do
        check "$tag: the blank glyph $c stands for U+2060" pf "grep -aiq '^<$c> <2060>\$' '$TMP/$tag.q.pdf'"
    done
    # the same page with the blank glyphs drawn invisible
    fix-qdf "$TMP/$tag.inv.q.pdf" > "$TMP/$tag.inv.pdf"
    check "$tag: the copy draws every blank glyph invisible" test "$(grep -ao ' 3 Tr [[]' "$TMP/$tag.inv.pdf" | wc -l)" -eq "$want"
    pdftoppm -r 150 -gray "$TMP/$tag.pdf" "$TMP/$tag.ink"
    pdftoppm -r 150 -gray "$TMP/$tag.inv.pdf" "$TMP/$tag.noink"
    check "$tag: the blank glyphs paint nothing" cmp "$TMP/$tag.ink-1.pgm" "$TMP/$tag.noink-1.pgm"
    check "$tag: the tagged checker passes (PDF/UA-1, PDF/A-2u)" node "$TESTS/pdfua/check.js" "$TMP/$tag.pdf"
    check "$tag: the PDF opens in five readers" bash "$TESTS/pdfcheck.sh" "$TMP/$tag.pdf"
    # MuPDF reads no space at a gap either (a U+2060, its ToUnicode, and the text as written)
    mutool draw -q -F txt "$TMP/$tag.pdf" 2>/dev/null | tr -d '\n' | sed 's/\xe2\x81\xa0//g' > "$TMP/$tag.mu"
    while IFS= read -r p; do
        check "$tag: MuPDF extracts '${p:0:14}…' as written" contains "$TMP/$tag.mu" "$p"
    done < "$TMP/paras.txt"
done
finish
