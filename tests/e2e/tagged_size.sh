#!/bin/bash
# tagged_size.sh — what tagging costs in bytes, and the pieces that were cut: the output
# intent's sRGB profile is briefc's own compact v4 profile (core/pdf/pdf_icc.c), which lcms2
# opens and which maps colours as lcms2's built-in sRGB does; the XMP packet is deflated
# (allowed by PDF/A-2 6.6.2.1) and still read back by the checker.
. "$(dirname "$0")/lib.sh"
S="$ROOT/briefs/pakistan-us"
UA="$TESTS/pdfua/check.js"
tagcheck() { timeout 120 node "$UA" "$@"; }

(cd "$TMP" && run_briefc 0 build "$S" -o s.pdf -q && run_briefc 0 build "$S" -o n.pdf -q --pdf-standard none)
check "sample: checks" tagcheck "$TMP/s.pdf"
check "icc: lcms2 opens the profile and it is sRGB" timeout 60 python3 "$TESTS/pdfua/icc.py" "$TMP/s.pdf"
qpdf --qdf --object-streams=disable "$TMP/s.pdf" "$TMP/q.pdf"
check "icc: a broken curve is caught" pf "perl -0777 -pe 's/para\\x00{5}\\x03\\x00\\x00\\x00\\x02\\x66/para\\x00\\x00\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x01\\x66/' '$TMP/q.pdf' > '$TMP/m.pdf' && ! cmp -s '$TMP/q.pdf' '$TMP/m.pdf' && ! python3 '$TESTS/pdfua/icc.py' '$TMP/m.pdf' >/dev/null 2>&1"
check "xmp: the metadata stream is deflated" pf "qpdf --show-object=\$(qpdf --show-object=trailer '$TMP/s.pdf' | sed -n 's/.*\\/Root \\([0-9]*\\) 0 R.*/\\1/p') '$TMP/s.pdf' | grep -o '/Metadata [0-9]* 0 R' | awk '{print \$2}' | xargs -I{} qpdf --show-object={} '$TMP/s.pdf' | grepq FlateDecode"

# What tagging costs (a ratchet: the goal of #14 is 10 %; the XMP packet and the profile
# alone are 1.3 KB, and a table cell's element, its ParentTree entry and its marked content
# cost about 10 bytes deflated)
ts=$(stat -c %s "$TMP/s.pdf") ns=$(stat -c %s "$TMP/n.pdf")
check "sample: tagged $ts B is at most 113 % of untagged $ns B" test $((ts * 100)) -le $((ns * 113))
H="$ROOT/briefs/handout"
run_briefc 0 build "$H" -o "$TMP/h.pdf" -q -D year=2010
run_briefc 0 build "$H" -o "$TMP/h0.pdf" -q -D year=2010 --pdf-standard none
check "handout: checks" tagcheck "$TMP/h.pdf"
ts=$(stat -c %s "$TMP/h.pdf") ns=$(stat -c %s "$TMP/h0.pdf")
check "handout: tagged $ts B is at most 117 % of untagged $ns B" test $((ts * 100)) -le $((ns * 117))

finish
