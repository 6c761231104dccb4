#!/bin/bash
# impose.sh — printer's imposition: 2-up and saddle-stitch booklet sheets hold the right pages
# in the right order, on landscape paper, with crop marks on request; every reader opens them.
. "$(dirname "$0")/lib.sh"
S="$ROOT/briefs/pakistan-us"
(cd "$TMP" && run_briefc 0 build "$S" -o plain.pdf -q)
npages=$(pdfinfo "$TMP/plain.pdf" | awk '/^Pages:/ { print $2 }')
check "the sample has 5 pages" test "$npages" -eq 5
# pages PDF SIDE: the footers ("N / 5") on one sheet side, in order, space-separated
pages() { pdftotext -f "$2" -l "$2" -layout "$1" - | grep -oE '[0-9] ?/ ?5' | cut -c1 | tr '\n' ' ' | sed 's/ $//'; }

check "2up builds" run_briefc 0 build "$S" -o "$TMP/2up.pdf" --impose 2up
check "2up: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/2up.pdf"
pdfinfo "$TMP/2up.pdf" > "$TMP/2up.txt"
check "2up: 3 sheets" grep -q "^Pages: *3$" "$TMP/2up.txt"
check "2up: landscape A4" grep -q "841.89 x 595.276" "$TMP/2up.txt"
check "2up: sheet 1 holds pages 1 and 2 (got '$(pages "$TMP/2up.pdf" 1)')" test "$(pages "$TMP/2up.pdf" 1)" = "1 2"
check "2up: sheet 3 holds page 5 alone (got '$(pages "$TMP/2up.pdf" 3)')" test "$(pages "$TMP/2up.pdf" 3)" = "5"

check "booklet builds with crop marks" run_briefc 0 build "$S" -o "$TMP/bk.pdf" --impose booklet --crop-marks
check "booklet: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/bk.pdf"
check "booklet: 5 pages padded to 8, 4 sheet sides" pf "pdfinfo '$TMP/bk.pdf' | grepq '^Pages: *4$'"
# saddle stitch for 8: sides (8,1) (2,7) (6,3) (4,5); pages 6 to 8 are blank
for want in "1:1" "2:2" "3:3" "4:4 5"; do
    side=${want%%:*}
    got=$(pages "$TMP/bk.pdf" "$side")
    check "booklet: side $side holds '${want#*:}' (got '$got')" test "$got" = "${want#*:}"
done
# crop marks: hairlines in the sheet's corner that the plain 2-up sheet does not have
ink() { pdftoppm -r 72 -gray -f 1 -l 1 -x 0 -y 0 -W 40 -H 40 "$1" "$TMP/c" && tail -c 1600 "$TMP"/c-1.pgm | od -An -v -tu1 | tr -s ' ' '\n' | awk '$1 != "" && $1 < 200 { n++ } END { print n + 0 }'; }
check "crop marks drawn in the corner ($(ink "$TMP/bk.pdf") dark pixels)" test "$(ink "$TMP/bk.pdf")" -gt 5
check "no marks without --crop-marks ($(ink "$TMP/2up.pdf"))" test "$(ink "$TMP/2up.pdf")" -eq 0
# internal links survive: citations still point at the references
check "booklet keeps its internal links" pf "qpdf --qdf --object-streams=disable '$TMP/bk.pdf' - | grepq -a '/Dest'"

out=$(run_briefc 2 build "$S" -o "$TMP/x.pdf" --crop-marks 2>&1); rc=$?
check "--crop-marks alone is a usage error (exit 2)" pf "test $rc -eq 2 && echo \"\$1\" | grepq 'goes with --impose'" _ "$out"
out=$(run_briefc 2 build "$S" -o "$TMP/x.pdf" --impose 3up 2>&1); rc=$?
check "--impose 3up is a usage error naming the choices" pf "test $rc -eq 2 && echo \"\$1\" | grepq '2up or booklet'" _ "$out"
check "no PDF after a usage error" test ! -e "$TMP/x.pdf"

# batch: every handout imposed
printf 'copy,year\n1,2010\n2,2011\n' > "$TMP/m.csv"
check "batch --impose 2up" run_briefc 0 batch "$ROOT/briefs/handout" --rows "$TMP/m.csv" --out "$TMP/h/{copy}.pdf" --impose 2up -q
check "batch handouts are landscape sheets" pf "pdfinfo '$TMP/h/2.pdf' | grepq '841.89 x 595.276'"
finish
