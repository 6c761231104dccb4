#!/bin/bash
# chart_liga.sh — issue 15: Latin chart labels get the ligatures body text gets
# (tests/briefs/chart-liga, Noto Sans): "Office" draws the font's ffi glyph and "fiscal" its
# fi (mutool's trace: one glyph of hb-shape's ligature advance standing for two or three
# characters), in the axis labels and the rotated axis title alike; the text extracts as
# written in poppler and pdf.js; a label with no ligature ("AVATAR") keeps the plain path.
. "$(dirname "$0")/lib.sh"
needs pdftotext mutool hb-shape python3 node

B="$TESTS/briefs/chart-liga"
run_briefc 0 build "$B" -o "$TMP/c.pdf" --dump-layout "$TMP/c.layout" -q
check "the brief builds" test -s "$TMP/c.pdf"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$TMP/c.pdf"

# the dump: the chart's labels (7.5 pt) with ligatures are shaped, the others plain
for w in Office fiscal 'Difficult figures'; do
    check "the label '$w' is set shaped" grepq -E "text f[0-9]+ 7\.50 .* shaped \"$w\"" "$TMP/c.layout"
done
check "a label with no ligature keeps the plain path" grepq -E 'text f[0-9]+ 7\.50 .* at [0-9.,]+ "AVATAR"' "$TMP/c.layout"

# the glyphs drawn: hb-shape's ligature advances, one glyph for "ffi" and one for "fi"
font="$ROOT/fonts/NotoSans-Regular.ttf"
adv() { # the advance of glyph $2 (from 1) of $1
    hb-shape --no-glyph-names --no-clusters "$font" "$1" | tr -d '[]' | tr '|' '\n' | sed -n "$2s/.*+//p"; }
FFI=$(adv Office 2); FI=$(adv fiscal 1)
check "hb-shape gives the ligatures' advances ($FFI, $FI)" test "$FFI" -gt 800 -a "$FI" -gt 500
mutool trace "$TMP/c.pdf" > "$TMP/trace.xml" 2>/dev/null
cat > "$TMP/glyphs.py" <<'PY'
import re, sys
trace, ffi, fi = open(sys.argv[1], encoding='utf-8').read(), int(sys.argv[2]), int(sys.argv[3])
g = re.findall(r'<g unicode="([^"]*)"( glyph="[^"]*")? x="[^"]*" y="[^"]*" adv="([^"]*)"', trace)
seq = [(u, bool(gl), round(float(a) * 1000)) for u, gl, a in g]
def find(word, lig, adv, at):
    """word drawn with its letters lig (at index at) as one glyph of advance adv"""
    n = 0
    for i in range(len(seq) - len(word) + 1):
        if ''.join(s[0] for s in seq[i:i + len(word)]) != word: continue
        head, rest = seq[i + at], seq[i + at + 1:i + at + len(lig)]
        if head[1] and head[2] == adv and all(not s[1] and s[2] == 0 for s in rest): n += 1
    return n
fail = []
for word, lig, adv, at, want in (('Office', 'ffi', ffi, 1, 1), ('fiscal', 'fi', fi, 0, 1),
                                 ('Difficult', 'ffi', ffi, 2, 1), ('figures', 'fi', fi, 0, 1)):
    n = find(word, lig, adv, at)
    if n < want: fail.append(f'"{word}": {n} times drawn with the {lig} glyph, expected {want}')
if fail: sys.exit('\n'.join(fail))
PY
check "Office, fiscal and the axis title draw the ffi and fi glyphs of the chart's font" \
    python3 "$TMP/glyphs.py" "$TMP/trace.xml" "$FFI" "$FI"

# the text extracts as written
pdftotext -enc UTF-8 "$TMP/c.pdf" "$TMP/c.txt"
node "$TESTS/pdfjs/text.js" "$TMP/c.pdf" > "$TMP/c.js" 2>/dev/null
for w in Office fiscal 'Difficult figures' AVATAR; do
    check "poppler reads the label '$w'" grepq -x -F "$w" "$TMP/c.txt"
    check "pdf.js reads the label '$w'" grepq -F "$w" "$TMP/c.js"
done
finish
