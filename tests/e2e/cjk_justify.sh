#!/bin/bash
# cjk_justify.sh — issue 15, justified Chinese and Japanese (tests/briefs/cjk-justify): every
# line of a paragraph but its last ends at the measure, stretched (or shrunk) evenly between
# ideographs and kana and never next to full-width punctuation (CLREQ, JLREQ); the last line
# is set at its natural width; Latin word spaces in a Chinese line stretch by their own share
# at the same ratio; no line starts with closing or ends with opening punctuation; poppler,
# pdf.js and the structure tree extract the text with no space added. The same brief ragged
# sets its lines at natural spacing.
. "$(dirname "$0")/lib.sh"
needs pdftotext pdfinfo python3 node hb-shape fc-match

if ! fc-list 2>/dev/null | grepq 'NotoSansCJK-Regular.ttc'; then
    bad "Noto Sans CJK is not installed (Debian: fonts-noto-cjk): the test needs it"
    finish
fi

B="$TESTS/briefs/cjk-justify"
run_briefc 0 build "$B" -o "$TMP/j.pdf" --dump-layout "$TMP/j.layout" --stats > "$TMP/out.txt" 2>&1
check "the brief builds" test -s "$TMP/j.pdf"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/j.pdf"
check "no overfull line" grepq ' 0 overfull' "$TMP/out.txt"
check "no warning (Chinese is not hyphenated)" pf "! grepq warning '$TMP/out.txt'"

# the same brief ragged right
mkdir -p "$TMP/ragged"
sed 's/justify = true/justify = false/' "$B/brief.lua" > "$TMP/ragged/brief.lua"
check "the ragged brief builds" run_briefc 0 build "$TMP/ragged" -o "$TMP/r.pdf" --dump-layout "$TMP/r.layout" -q

# geometry from the dump: lines (ops at one baseline) grouped into paragraphs (a baseline
# more than a leading below the one before starts a paragraph)
cat > "$TMP/geo.py" <<'PY'
import re, sys
CLOSE = set('，。、：；！？」』）》〉】”')
OPEN = set('「『（《〈【“')
def is_ideo(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3041 <= o <= 0x3096 or 0x30A1 <= o <= 0x30FA or o == 0x30FC

def paragraphs(path):
    ops, right = [], None
    for l in open(path, encoding='utf-8'):
        m = re.match(r'\s*line ([0-9.]+),[0-9.]+ -> ([0-9.]+),', l)
        if m and right is None: right = float(m.group(2))  # the title block's rule: the measure
        m = re.match(r'\s*text f\d+ ([0-9.]+) \S+ at ([0-9.]+),([0-9.]+) "(.*)"$', l.rstrip('\n'))
        if m and float(m.group(3)) > 110 and float(m.group(3)) < 700:  # the body, no folio
            ops.append((float(m.group(3)), float(m.group(2)), float(m.group(1)), m.group(4)))
    lines = []
    for o in ops:
        if lines and abs(lines[-1][0][0] - o[0]) < 0.01: lines[-1].append(o)
        else: lines.append([o])
    paras = []
    for ln in lines:
        if paras and ln[0][0] - paras[-1][-1][0][0] < 16: paras[-1].append(ln)
        else: paras.append([ln])
    return paras, right

def glue(ln):
    """gaps after single-ideograph ops followed by an ideograph: (gap beyond the advance)"""
    return [b[1] - a[1] - a[2] for a, b in zip(ln, ln[1:])
            if len(a[3]) == 1 and is_ideo(a[3]) and is_ideo(b[3][0])]

def spaces(ln):
    """gaps after ops of an ideograph and a space, before a Latin word"""
    return [b[1] - a[1] - a[2] for a, b in zip(ln, ln[1:])
            if len(a[3]) == 2 and is_ideo(a[3][0]) and a[3][1] == ' ' and b[3][0].isascii()]

what = sys.argv[1]
paras, right = paragraphs(sys.argv[2])
fail = []
if what == 'justified':
    if right is None or len(paras) != 4: sys.exit(f'expected the rule and 4 paragraphs, got {len(paras)}')
    for pi, p in enumerate(paras):
        for li, ln in enumerate(p):
            last = li == len(p) - 1
            text = ''.join(o[3] for o in ln)
            for a, b in zip(ln, ln[1:]):  # a gap next to punctuation is never stretched
                if a[3].rstrip(' ')[-1] in CLOSE | OPEN or b[3][0] in CLOSE | OPEN:
                    # b right after a's last character, or half an em early where a mark
                    # was set half-width (cjk_punct.sh)
                    d = b[1] - a[1]
                    if min(abs(d - len(a[3]) * a[2]), abs(d - (len(a[3]) - 0.5) * a[2])) > 0.011:
                        fail.append(f'p{pi} l{li}: a gap next to punctuation: {a[3]}|{b[3]} ({d:.3f})')
            g = glue(ln)
            if last:
                if pi != 2 and len(ln) != 1: fail.append(f'p{pi}: the last line is stretched ({len(ln)} ops): {text}')
                continue
            if len(g) < 5: fail.append(f'p{pi} l{li}: only {len(g)} gaps between ideographs: {text}'); continue
            if max(g) - min(g) > 0.011: fail.append(f'p{pi} l{li}: uneven gaps {min(g):.3f}..{max(g):.3f}')
            if pi != 2 and abs(min(g)) <= 0.005: fail.append(f'p{pi} l{li}: not stretched ({min(g):.3f})')
            if max(g) > 0.1 * ln[0][2] * 1.5: fail.append(f'p{pi} l{li}: gaps of {max(g):.2f}: loose')
            if pi == 2:  # mixed: word spaces at the same ratio, by their own share
                r = sum(g) / len(g) / (0.1 * ln[0][2])
                r = r if r > 0 else r / 0.2
                for s in spaces(ln):
                    nat = float(sys.argv[3])
                    want = nat * (1 + (0.5 if r > 0 else 0.33) * r)
                    if abs(s - want) > 0.011: fail.append(f'p2 l{li}: a word space of {s:.3f}, not {want:.3f} (ratio {r:.3f})')
                if not spaces(ln): fail.append(f'p2 l{li}: no word space found')
elif what == 'ragged':
    for pi, p in enumerate(paras):
        for li, ln in enumerate(p):
            if any(abs(x) > 0.005 for x in glue(ln)): fail.append(f'p{pi} l{li}: stretched in ragged text')
            cuts = [a[3] + '|' + b[3] for a, b in zip(ln, ln[1:])  # only at half-width marks
                    if a[3][-1] not in CLOSE | OPEN and b[3][0] not in CLOSE | OPEN]
            if pi < 2 and cuts: fail.append(f'p{pi} l{li}: {len(ln)} ops in a ragged line: {cuts}')
if fail: sys.exit('\n'.join(fail))
PY
# the natural word space: the body font's space glyph (hb-shape: "[gid1=0+224]"), at 10 pt
face=$(fc-match -f '%{file}:%{index}' 'Noto Sans CJK SC')
adv=$(hb-shape --face-index="${face##*:}" "${face%:*}" ' ' | sed -E 's/.*\+([0-9]+)\].*/\1/')
space=$(awk -v a="$adv" 'BEGIN { printf "%.4f", a / 100 }')
check "the natural word space is known ($space)" test "$adv" -gt 0
check "justified: even glue, none next to punctuation, word spaces at the same ratio, last lines natural" \
    python3 "$TMP/geo.py" justified "$TMP/j.layout" "$space"
check "ragged: natural spacing, one op per line" python3 "$TMP/geo.py" ragged "$TMP/r.layout"

# every line but a paragraph's last ends at the measure (poppler's boxes), the last does not
pdftotext -bbox-layout "$TMP/j.pdf" "$TMP/j.html"
pdftotext -bbox-layout "$TMP/r.pdf" "$TMP/r.html"
cat > "$TMP/ends.py" <<'PY'
import re, sys
html, want = open(sys.argv[1], encoding='utf-8').read(), sys.argv[2]
right = 529.28
blocks = re.findall(r'<block[^>]*>(.*?)</block>', html, re.S)
body = [b for b in blocks if len(re.findall(r'<line ', b)) > 1]
if len(body) != 4: sys.exit(f'{len(body)} paragraphs of several lines, expected 4')
fail = []
for i, b in enumerate(body):
    ends = [float(x) for x in re.findall(r'<line xMin="[0-9.]+" yMin="[0-9.]+" xMax="([0-9.]+)"', b)]
    # a closing mark at a line's end may be set half-width (JLREQ, cjk_punct.sh): its blank
    # half, 5 pt at 10 pt, past the measure, its ink at it
    lasts = [re.findall(r'>([^<]*)</word>', ln)[-1][-1] for ln in re.findall(r'<line .*?</line>', b, re.S)]
    ends = [e - 5 if c in '。，、」』）》' and abs(e - 5 - right) <= 0.3 else e for e, c in zip(ends, lasts)]
    if want == 'justified':
        fail += [f'p{i} line {k}: ends at {e:.2f}, not {right}' for k, e in enumerate(ends[:-1]) if abs(e - right) > 0.3]
        if ends[-1] > right - 5: fail.append(f'p{i}: the last line ends at {ends[-1]:.2f}')
    elif all(abs(e - right) <= 0.3 for e in ends[:-1]):
        fail.append(f'p{i}: every line ends at the measure though ragged')
if fail: sys.exit('\n'.join(fail))
PY
check "justified: every line but the last ends at the measure" python3 "$TMP/ends.py" "$TMP/j.html" justified
check "ragged: lines end short of the measure" python3 "$TMP/ends.py" "$TMP/r.html" ragged

# kinsoku: no line starts with closing punctuation, none ends with opening punctuation
pdftotext -enc UTF-8 "$TMP/j.pdf" "$TMP/j.txt"
check "no line starts with closing punctuation" pf "! grepq -E '^[，。、：；！？」』）》”]' '$TMP/j.txt'"
check "no line ends with opening punctuation" pf "! grepq -E '[「『（《“]$' '$TMP/j.txt'"

# the text extracts as written: no space added between characters or at line ends
sed -n 's/^    "\(.*\)",$/\1/p' "$B/brief.lua" > "$TMP/paras.txt"
check "the brief has 4 paragraphs" test "$(wc -l < "$TMP/paras.txt")" -eq 4
tr -d '\n' < "$TMP/j.txt" > "$TMP/j.flat"
node "$TESTS/pdfjs/text.js" "$TMP/j.pdf" 2>/dev/null | tr -d '\n' > "$TMP/j.js"
pdfinfo -struct-text "$TMP/j.pdf" > "$TMP/j.struct" 2>/dev/null
while IFS= read -r p; do
    check "poppler extracts '${p:0:12}…' as written" contains "$TMP/j.flat" "$p"
    check "pdf.js extracts '${p:0:12}…' as written" contains "$TMP/j.js" "$p"
    check "the structure tree holds '${p:0:12}…' as written" contains "$TMP/j.struct" "\"$p\""
done < "$TMP/paras.txt"
finish
