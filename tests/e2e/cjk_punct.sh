#!/bin/bash
# cjk_punct.sh — issue 15, Chinese and Japanese punctuation spacing (JLREQ 3.1, CLREQ 3.1, as
# Typst sets them; middle dots, JLREQ cl-05) and the gap between ideographs and Latin (tests/briefs/cjk-punct), measured
# in the layout dump: two full-width marks in a row take 1.5 em (the second starts half an em
# after the first); an opening bracket starting a line hangs its blank half before the margin;
# a stop ending a justified line sets its blank half past the measure rather than squeezing
# the line; a quarter em between an ideograph and a Latin word or digits with no space in the
# text; no inserted space in what the structure tree reads back, none in what poppler and pdf.js
# read but at that gap.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdfinfo python3 node hb-shape fc-match

if ! fc-list 2>/dev/null | grepq 'NotoSansCJK-Regular.ttc'; then
    bad "Noto Sans CJK is not installed (Debian: fonts-noto-cjk): the test needs it"
    finish
fi

B="$TESTS/briefs/cjk-punct"
run_briefc 0 build "$B" -o "$TMP/p.pdf" --dump-layout "$TMP/p.layout" --stats > "$TMP/out.txt" 2>&1
check "the brief builds" test -s "$TMP/p.pdf"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/p.pdf"
check "no overfull line, no warning" pf "grepq ' 0 overfull' '$TMP/out.txt' && ! grepq warning '$TMP/out.txt'"

# Latin widths at 10 pt in the body font (Noto Sans CJK SC), from hb-shape
face=$(fc-match -f '%{file}:%{index}' 'Noto Sans CJK SC')
width() { hb-shape --face-index="${face##*:}" "${face%:*}" "$1" --no-glyph-names --no-clusters |
          grep -oE '\+[0-9]+' | tr -d + | awk '{ s += $1 } END { printf "%.4f", s / 100 }'; }
W_HB=$(width HarfBuzz); W_2023=$(width 2023); W_3=$(width 3)
check "hb-shape measures the Latin words ($W_HB, $W_2023)" test "${W_HB%.*}" -gt 20

# every character's x on its line: ops of CJK text are an em per character; Latin ops are one
# word (its width from hb-shape)
cat > "$TMP/pos.py" <<'PY'
import re, sys
path, what = sys.argv[1], sys.argv[2]
latin = {'HarfBuzz': float(sys.argv[3]), '2023': float(sys.argv[4]), '3': float(sys.argv[5])}
LEFT, RIGHT, EM = 66.0, 529.28, 10.0
lines = []  # [(y, [(x, ch, w)])]
for l in open(path, encoding='utf-8'):
    m = re.match(r'\s*text f\d+ 10\.00 \S+ at ([0-9.-]+),([0-9.]+) "(.*)"$', l.rstrip('\n'))
    if not m: continue
    x, y, t = float(m.group(1)), float(m.group(2)), m.group(3)
    if y > 700: continue  # the folio
    if not lines or abs(lines[-1][0] - y) > 0.01: lines.append((y, []))
    if t in latin: lines[-1][1].append((x, t, latin[t])); continue
    for i, c in enumerate(t): lines[-1][1].append((x + i * EM, c, EM))
paras = []
for y, chars in lines:
    if paras and y - paras[-1][-1][0] < 16: paras[-1].append((y, chars))
    else: paras.append([(y, chars)])
fail = []
def pairs(p):
    for y, chars in p:
        for a, b in zip(chars, chars[1:]): yield a, b
if what == 'pairs':  # p0, p4, p5: adjacent marks in 1.5 em, every other pair of marks at 2 em
    # the blank each mark has (Noto Sans CJK SC's 'halt'): closing marks, commas, stops and the
    # Chinese colon and semicolon on the right, opening brackets on the left, the middle dot a
    # quarter em each side. Two in a row lose half an em when their blanks have it together.
    RIGHT = dict.fromkeys('。」』）、，：；', 5.0) | {'・': 2.5}
    LEFT = dict.fromkeys('「『（', 5.0) | {'・': 2.5}
    n = dots = 0
    for pi in (0, 4, 5):
        for a, b in pairs(paras[pi]):
            marks = a[1] in RIGHT.keys() | LEFT.keys() and b[1] in RIGHT.keys() | LEFT.keys()
            if marks and RIGHT.get(a[1], 0) + LEFT.get(b[1], 0) >= 5:
                n += 1
                dots += '・' in (a[1], b[1])
                if abs(b[0] - a[0] - 5) > 0.02: fail.append(f'p{pi} {a[1]}{b[1]}: {b[0] - a[0]:.2f} apart, not 5 (half an em)')
            elif len(a[1]) == 1 and not a[1].isascii() and abs(b[0] - a[0] - 10) > 0.02:
                fail.append(f'p{pi} {a[1]}{b[1]}: {b[0] - a[0]:.2f} apart, not 10')
    if n < 18 or dots < 6: fail.append(f'only {n} adjacent marks found, {dots} with a middle dot')
elif what == 'start':  # p1 line 2 and p4 line 1 start with 「: its blank half before the margin
    for pi, li in ((1, 1), (4, 0)):
        x, c, _ = paras[pi][li][1][0]
        if c != '「' or abs(x - (LEFT - 5)) > 0.02: fail.append(f'p{pi} line {li} starts with {c} at {x:.2f}, not 「 at {LEFT - 5}')
    x, c, _ = paras[1][0][1][0]
    if abs(x - LEFT) > 0.02: fail.append(f'p1 starts at {x:.2f}')
elif what == 'end':  # p2's first line: 46 ideographs and 。, the stop's blank half past the measure
    chars = paras[2][0][1]
    x, c, _ = chars[-1]
    if len(chars) != 47 or c != '。': fail.append(f'p2 line 0: {len(chars)} characters ending with {c}')
    elif abs(x + 5 - RIGHT) > 0.02: fail.append(f'p2 line 0: 。 at {x:.2f}, its ink does not end at the measure ({RIGHT - 5})')
    if not fail:  # and the gaps between ideographs shrunk only by what was left to fit
        g = [b[0] - a[0] - EM for a, b in zip(chars[:-2], chars[1:-1])]
        if abs(sum(g) - (RIGHT - LEFT - 465)) > 0.05: fail.append(f'p2 line 0: the gaps total {sum(g):.2f}')
elif what == 'latin':  # p3: a quarter em on each side of HarfBuzz and 2023, nothing added elsewhere
    chars = paras[3][0][1]
    n = 0
    for a, b in zip(chars, chars[1:]):
        gap = b[0] - a[0] - a[2]
        mixed = a[1].isascii() != b[1].isascii()
        if mixed: n += 1
        if abs(gap - (2.5 if mixed else 0)) > 0.02: fail.append(f'p3 {a[1]}|{b[1]}: a gap of {gap:.2f}')
    if n != 6: fail.append(f'p3: {n} joints between ideographs and Latin, expected 6')
if fail: sys.exit('\n'.join(fail))
PY
for w in pairs start end latin; do
    case $w in
    pairs) d="adjacent full-width marks are set in 1.5 em (。」 」「 、（ ）。 「『 」・ ・「 ・・ …), others in 2 em" ;;
    start) d="an opening bracket starting a line hangs its blank half before the margin" ;;
    end) d="a stop ending a justified line sets its blank half past the measure" ;;
    latin) d="a quarter em between ideographs and Latin or digits, none elsewhere" ;;
    esac
    check "$d" python3 "$TMP/pos.py" "$TMP/p.layout" $w "$W_HB" "$W_2023" "$W_3"
done

# the ink stays inside the measure: poppler's line boxes end at the measure at most, or half an
# em past it where the line ends with a stop or closing mark (its blank half)
pdftotext -bbox-layout "$TMP/p.pdf" "$TMP/p.html"
cat > "$TMP/ink.py" <<'PY'
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
fail = []
for ln in re.findall(r'<line xMin="([0-9.]+)"[^>]*xMax="([0-9.]+)"[^>]*>(.*?)</line>', html, re.S):
    x0, x1, words = float(ln[0]), float(ln[1]), re.findall(r'>([^<]*)</word>', ln[2])
    last, first = words[-1][-1], words[0][0]
    if x1 > 529.28 + (5 if last in '。，、」』）' else 0) + 0.3: fail.append(f'a line ends at {x1:.2f}: {"".join(words)}')
    if x0 < 66 - (5 if first in '「『（' else 0) - 0.3: fail.append(f'a line starts at {x0:.2f}: {"".join(words)}')
if fail: sys.exit('\n'.join(fail))
PY
check "no ink past the measure" python3 "$TMP/ink.py" "$TMP/p.html"

# the text extracts as written: no space added next to a half-width mark or Latin
sed -n 's/^    "\(.*\)",$/\1/p' "$B/brief.lua" > "$TMP/paras.txt"
check "the brief has 6 paragraphs" test "$(wc -l < "$TMP/paras.txt")" -eq 6
pdftotext -enc UTF-8 "$TMP/p.pdf" - | tr -d '\n' > "$TMP/p.flat"
node "$TESTS/pdfjs/text.js" "$TMP/p.pdf" 2>/dev/null | tr -d '\n' > "$TMP/p.js"
pdfinfo -struct-text "$TMP/p.pdf" > "$TMP/p.struct" 2>/dev/null
while IFS= read -r p; do
    # no reader reads a space the text does not have, not even at the quarter em between an
    # ideograph and Latin (pdf_text.c joins it: tests/e2e/cjk_extract.sh). The structure tree
    # (poppler reads it from the marked content, not /ActualText) has each joined piece in a
    # span of its own, led by the U+2060 its gap's blank glyph stands for: joined, they are
    # the text
    check "poppler extracts '${p:0:12}…' as written" contains "$TMP/p.flat" "$p"
    check "pdf.js extracts '${p:0:12}…' as written" contains "$TMP/p.js" "$p"
    check "the structure tree holds '${p:0:12}…' as written" pf "python3 -c '
import re, sys
t = open(sys.argv[1], encoding=\"utf-8\").read()
paras = [\"\".join(re.findall(r\"^\\s+\\\"(.*)\\\"$\", b, re.M)).replace(\"\\u2060\", \"\") for b in t.split(\"P (block)\")]
sys.exit(0 if sys.argv[2] in paras else 1)' '$TMP/p.struct' '$p'"
done < "$TMP/paras.txt"
finish
