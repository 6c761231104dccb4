#!/bin/bash
# rtl_longword.sh — a right-to-left paragraph keeps its direction when a word longer than the
# line is split between clusters (inline.c made the words anew and dropped it): every line of
# the ragged Urdu paragraph, the last included, ends at the right margin (poppler's boxes).
. "$(dirname "$0")/lib.sh"
needs pdftotext python3

run_briefc 0 build "$TESTS/briefs/rtl-longword" -o "$TMP/u.pdf" -q
check "the brief builds" test -s "$TMP/u.pdf"
pdftotext -bbox-layout "$TMP/u.pdf" "$TMP/u.html"
cat > "$TMP/ends.py" <<'PY'
import re, sys
ends = [(float(y), float(x)) for y, x in re.findall(r'<line xMin="[0-9.]+" yMin="([0-9.]+)" xMax="([0-9.]+)"', open(sys.argv[1]).read())]
body = [x for y, x in ends if y < 700]
if len(body) < 4: sys.exit(f'{len(body)} lines')
bad = [f'{x:.2f}' for x in body if abs(x - 529.28) > 0.3]
if bad: sys.exit('lines end at ' + ', '.join(bad) + ', not at the right margin 529.28')
PY
check "every line starts at the right margin, the last one too" python3 "$TMP/ends.py" "$TMP/u.html"
finish
