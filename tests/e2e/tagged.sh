#!/bin/bash
# tagged.sh — every PDF briefc writes is tagged PDF/UA-1 and PDF/A-2u by default: the sample,
# a two-column brief, the chart gallery, a batch combined and imposed pass tests/pdfua/check.js
# and the five readers; poppler and pdf.js read back headings, Table 1 and Figure 1's alt
# text; --pdf-standard chooses otherwise; each check is shown to fail on a file with one entry
# broken; rebuilds stay byte-identical.
. "$(dirname "$0")/lib.sh"
S="$ROOT/briefs/pakistan-us"
UA="$TESTS/pdfua/check.js"
tagcheck() { timeout 120 node "$UA" "$@"; }

(cd "$TMP" && run_briefc 0 build "$S" -o s.pdf -q)
check "sample: tagged, UA-1 and A-2u" tagcheck "$TMP/s.pdf"
check "sample: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/s.pdf"
# pdf/pdf_pack.c: every object that is not a stream sits in an object stream, behind an xref
# stream (so the raw bytes hide the tree: the checks below that read bytes read a qdf copy)
qpdf --show-xref "$TMP/s.pdf" > "$TMP/xref.txt" 2>&1
check "sample: 200+ objects in object streams" pf "[ \$(grep -c ': compressed; stream = ' '$TMP/xref.txt') -ge 200 ]"
check "sample: a cross-reference stream, no table" pf "grepq -a '/Type /XRef' '$TMP/s.pdf' && ! grep -qa '^xref' '$TMP/s.pdf'"
check "sample: the tree is in no raw byte (packed)" pf "! grep -qa '/StructTreeRoot' '$TMP/s.pdf'"
pdfinfo -struct-text "$TMP/s.pdf" > "$TMP/st.txt" 2>&1
check "poppler reads the tree without a message" pf "! grep -q '^Syntax\|^Internal' '$TMP/st.txt'"
check "headings: H1 Background" grep -q -A1 '^  H1' "$TMP/st.txt"
check "headings: '1 Background' under H1" pf "grep -A1 '^  H1' '$TMP/st.txt' | grepq '\"1 Background\"'"
check "Table 1: header row in THead, rows in TBody" pf "grep -A8 '^  Table' '$TMP/st.txt' | grep -A1 THead | grepq TR"
check "Table 1: caption inside the table" pf "grep -A2 '^  Table' '$TMP/st.txt' | grepq 'Table 1 '"
check "Table 1: column headers are TH /Scope /Column" pf "grep -A2 'TH:' '$TMP/st.txt' | grepq '/Scope /Column'"
check "Table 1: header 'Security-related'" pf "grep -A2 'TH:' '$TMP/st.txt' | grepq '\"Security-related\"'"
check "Table 1: row header FY2010 is TH /Scope /Row" pf "grep -B2 '\"FY2010\"' '$TMP/st.txt' | grepq '/Scope /Row'"
check "Table 1: cell 4,504" pf "grep -B1 '\"4,504\"' '$TMP/st.txt' | grepq 'TD'"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/s.pdf" > "$TMP/tree.txt"
check "pdf.js: Figure 1 has alt text from its data" pf "grepq 'Figure alt=\"Stacked bar chart, US aid to Pakistan by type' '$TMP/tree.txt'"
check "pdf.js: Figure 1 alt names the peak" pf "grep 'Figure alt=\"Stacked bar' '$TMP/tree.txt' | grepq 'total peaks at 4,504 in FY2010'"
check "pdf.js: the links are Link elements" grepq 'Link' "$TMP/tree.txt"

(cd "$TMP" && SOURCE_DATE_EPOCH=1700000000 run_briefc 0 build "$S" -o d1.pdf -q &&
    SOURCE_DATE_EPOCH=1700000000 run_briefc 0 build "$S" -o d2.pdf -q)
check "rebuilds are byte-identical (with dates)" cmp "$TMP/d1.pdf" "$TMP/d2.pdf"
check "dates: XMP equals the info dictionary" tagcheck "$TMP/d1.pdf"
check "dates: 2023-11-14T22:13:20Z in the XMP" pf "qpdf --qdf '$TMP/d1.pdf' - | grepq -a 'xmp:CreateDate=.2023-11-14T22:13:20Z.'"

for std in none ua-1 a-2b a-2u a-2a ua-1,a-2a; do
    check "--pdf-standard $std builds" run_briefc 0 build "$S" -o "$TMP/std.pdf" -q --pdf-standard "$std"
    check "--pdf-standard $std: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/std.pdf"
    if [ "$std" = none ]; then
        check "none: no structure tree" pf "! qpdf --qdf --object-streams=disable '$TMP/std.pdf' - | grepq -a StructTreeRoot"
        check "none: packed too" grepq -a '/Type /ObjStm' "$TMP/std.pdf"
    else
        check "--pdf-standard $std: its checks" tagcheck "$TMP/std.pdf" --expect "$std"
    fi
done
run_briefc 2 build "$S" -o "$TMP/x.pdf" --pdf-standard ua-2 2> "$TMP/ua2.txt"
check "--pdf-standard ua-2 is refused, saying what is" grepq "not one of none, ua-1" "$TMP/ua2.txt"

(cd "$TMP" && run_briefc 0 build "$TESTS/briefs/columns" -o col.pdf -q)
check "two columns: checks" tagcheck "$TMP/col.pdf"
check "two columns: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/col.pdf"
(cd "$TMP" && run_briefc 0 build "$ROOT/briefs/charts" -o charts.pdf -q)
check "chart gallery: checks" tagcheck "$TMP/charts.pdf"
check "chart gallery: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/charts.pdf"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/charts.pdf" > "$TMP/ctree.txt"
check "chart gallery: the donut's alt option is its /Alt" grepq 'Figure alt="Donut chart: of FY2002–FY2018 aid, Coalition' "$TMP/ctree.txt"
check "chart gallery: every chart is a Figure with alt text" pf "[ \$(grep -c 'Figure alt=\"..' '$TMP/ctree.txt') -ge 9 ]"
(cd "$TMP" && run_briefc 0 build "$S" -o 2up.pdf -q --impose 2up)
check "2up: checks" tagcheck "$TMP/2up.pdf"
check "2up: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/2up.pdf"
H="$ROOT/briefs/handout"
(cd "$TMP" && run_briefc 0 batch "$H" --rows "$H/manifest.csv" --out 'tagged/FY{year}.pdf' --combine comb.pdf -q)
check "batch row: checks" tagcheck "$TMP/tagged/FY2010.pdf"
check "batch row: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/tagged/FY2010.pdf"
check "combined batch: checks" tagcheck "$TMP/comb.pdf"
check "combined batch: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/comb.pdf"
check "combined batch: one Part per row" pf "[ \$(pdfinfo -struct '$TMP/comb.pdf' | grep -c '^  Part') -ge 2 ]"
(cd "$TMP" && run_briefc 0 batch "$H" --rows "$H/manifest.csv" --combine bk.pdf --impose booklet -q)
check "combined booklet: checks" tagcheck "$TMP/bk.pdf"
check "combined booklet: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/bk.pdf"
(cd "$TMP" && run_briefc 0 batch "$H" --rows "$H/manifest.csv" --out 'rows/FY{year}.pdf' --combine none.pdf --pdf-standard none -q)
untagged() { ! qpdf --qdf --object-streams=disable "$1" - | grep -qa StructTreeRoot; }
check "batch --pdf-standard none: untagged combined" untagged "$TMP/none.pdf"
for f in "$TMP"/rows/*.pdf; do check "batch --pdf-standard none: untagged $(basename "$f")" untagged "$f"; done
check "batch rows and combined files are packed" pf "grepq -a '/Type /XRef' '$TMP/tagged/FY2010.pdf' && grepq -a '/Type /XRef' '$TMP/comb.pdf' && grepq -a '/Type /XRef' '$TMP/bk.pdf'"

# a language that is not a BCP 47 tag is the brief's error, with its file
cp -r "$ROOT/briefs/handout" "$TMP/lang"
sed -i 's/language = "[^"]*"/language = "en_GB"/' "$TMP/lang/brief.lua"
run_briefc 1 check "$TMP/lang" -q 2> "$TMP/lang.txt"
check "check: language 'en_GB' is refused with the brief's name" grepq "lang/brief.lua: error: language 'en_GB' is not a BCP 47 tag" "$TMP/lang.txt"

# Each check can fail: one entry broken at a time (same length, so the file stays readable).
# The sample's objects are packed in compressed object streams: the mutations edit a qdf copy.
qpdf --qdf --object-streams=disable "$TMP/s.pdf" "$TMP/q.pdf"
check "qdf copy passes" tagcheck "$TMP/q.pdf"
mutate() { # mutate ID PERL-SUBSTITUTION [FILE]: the check ID must fail on the broken file
    perl -0777 -pe "$2" "${3:-$TMP/q.pdf}" > "$TMP/m.pdf"
    if cmp -s "$TMP/m.pdf" "${3:-$TMP/q.pdf}"; then bad "mutation $1: the substitution changed nothing"; return; fi
    out=$(tagcheck "$TMP/m.pdf" 2>&1)
    check "mutation $1 ($2) is caught" pf "echo '$(echo "$out" | tr "'" ' ')' | grepq ': $1: '"
}
mutate header 's/\A(%PDF-1\.7\n)%....\n/$1%abcd\n/s'
mutate id 's/\/ID \[/\/XD [/'
mutate lang 's/\/Lang \(/\/Lanx (/'
mutate marked 's/\/Marked/\/Markex/'
mutate title 's/\/DisplayDocTitle/\/DisplayDocTitlx/'
mutate xmp 's/pdfuaid:part="1"/pdfuaid:part="2"/'
mutate xmp 's/(<dc:title><rdf:Alt><rdf:li xml:lang="x-default">)A/$1B/'
mutate xmp 's/pdfaSchema:prefix="pdfuaid"/pdfaSchema:prefix="pdfuaix"/'
mutate xmp 's/pdfaProperty:valueType="Integer"/pdfaProperty:valueType="Intxger"/'
mutate intent 's/\/GTS_PDFA1/\/GTS_PDFX1/'
mutate intent 's/mntrRGB /scnrRGB /'
mutate xmp 's/id="W5M0MpCehiHzreSzNTczkc9d"/encoding="W5M0MpCehiHzreSzNT"/'
mutate fonts 's/\/FontFile2/\/FontFilx2/'
mutate tree 's/\/ParentTree /\/ParentTrex /'
mutate mcid 's/\/StructParents /\/StructParentx /'
mutate headings 's/\/S \/H2/\/S \/H4/'
mutate figure 's/\/Alt /\/Alx /'
mutate caption 's/\/S \/Figure/\/S \/Sect  /'   # Figure 1 a Sect: its Caption is no longer a Figure's
mutate note 's/\/ID \(note-/\/IX (note-/'
mutate table 's/\/Scope /\/Scopx /'
mutate link 's/\/StructParent (\d)/\/StructParenx $1/'
mutate link 's/\/Tabs \/S/\/Tabx \/S/'
mutate content 's/\/Artifact BMC/\/Artifacx BMC/' "$TMP/q.pdf"
mutate content 's/EMC\n/EMX\n/' "$TMP/q.pdf"
# Tagging changes no pixel that matters: each page of the tagged sample renders like the
# untagged one, but for antialiasing at glyph edges (a fill lost when marked content splits a
# text object once drew the zebra rows of Table 2 black, and every check above passed).
(cd "$TMP" && run_briefc 0 build "$S" -o plain.pdf --pdf-standard none -q)
pdftoppm -r 50 -png "$TMP/s.pdf" "$TMP/look-t" && pdftoppm -r 50 -png "$TMP/plain.pdf" "$TMP/look-n" ||
    bad "pdftoppm failed"
# what tagging costs in bytes, both files packed (the ICC profile and XMP are most of it)
ts=$(stat -c %s "$TMP/s.pdf") ns=$(stat -c %s "$TMP/plain.pdf")
check "size: tagged $ts B is at most 115 % of untagged $ns B" test $((ts * 100)) -le $((ns * 115))
for t in "$TMP"/look-t-*.png; do
    n=${t/look-t-/look-n-}
    d=$(python3 "$TESTS/e2e/pixdiff.py" "$t" "$n")
    check "$(basename "$t"): renders as untagged ($d per mille of pixels differ)" test "$d" -le 5
done

finish
