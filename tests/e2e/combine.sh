#!/bin/bash
# combine.sh — `briefc batch --combine`: every row in one PDF, in manifest order, a bookmark
# per row with the row's own headings nested under it, internal links kept inside their row,
# fonts embedded once, the same bytes whatever the number of workers; bad rows left out and
# reported; imposition of the combined file; usage errors.
. "$(dirname "$0")/lib.sh"
H="$ROOT/briefs/handout"
S="$ROOT/briefs/pakistan-us"
NAV="$TESTS/pdfjs/nav.js"

# --- the handout manifest: 11 fiscal years, one page each
check "combine builds" run_briefc 0 batch "$H" --rows "$H/manifest.csv" --combine "$TMP/all.pdf" \
    --bookmark 'FY{year}' -q
check "combined: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/all.pdf"
check "combined: 11 pages" pf "pdfinfo '$TMP/all.pdf' | grepq '^Pages: *11$'"
check "combined: the brief's title" pf "pdfinfo '$TMP/all.pdf' | grepq '^Title: *US aid to Pakistan: fiscal-year fact sheets'"
# page N holds fiscal year 2007 + N
order=$(for p in $(seq 1 11); do pdftotext -f "$p" -l "$p" "$TMP/all.pdf" - | sed -n 's/^US aid to Pakistan in FY\([0-9]*\)$/\1/p'; done | tr '\n' ' ')
check "combined: pages in manifest order (got '$order')" test "$order" = "2008 2009 2010 2011 2012 2013 2014 2015 2016 2017 2018 "
# fonts embedded once for the whole file, not once per row
fonts=$(pdffonts "$TMP/all.pdf" | tail -n +3 | wc -l)
(cd "$TMP" && run_briefc 0 build "$H" -o one.pdf -q)
one=$(pdffonts "$TMP/one.pdf" | tail -n +3 | wc -l)
check "combined: fonts embedded once ($fonts fonts, one handout has $one)" test "$fonts" -eq "$one"
check "combined: every font embedded" pf "pdffonts '$TMP/all.pdf' | tail -n +3 | awk '\$(NF-4) != \"yes\" { exit 1 }'"
size=$(stat -c %s "$TMP/all.pdf")
each=$(stat -c %s "$TMP/one.pdf")
check "combined: smaller than the handouts apart ($size bytes against 11 x $each)" test "$size" -lt $((each * 11 * 2 / 3))
if have_pdfjs; then
    node "$NAV" "$TMP/all.pdf" > "$TMP/all.nav"
    check "combined: a bookmark per row, each on its row's page" sh -c "
        test \$(grep -c '^outline 1 ' '$TMP/all.nav') -eq 11 &&
        grep -qx 'outline 1 1 FY2008' '$TMP/all.nav' && grep -qx 'outline 1 11 FY2018' '$TMP/all.nav'"
fi
# the same bytes with one worker or two (rows finish in any order; the file is in row order)
check "combine -j 1" run_briefc 0 batch "$H" --rows "$H/manifest.csv" --combine "$TMP/j1.pdf" --bookmark 'FY{year}' -j 1 -q
check "combined: byte-identical with -j 1 and -j 2" cmp -s "$TMP/all.pdf" "$TMP/j1.pdf"

# --- a multi-page brief with headings and internal links, three copies
printf 'copy\n1\n2\n3\n' > "$TMP/copies.csv"
check "combine the sample brief three times" run_briefc 0 batch "$S" --rows "$TMP/copies.csv" \
    --combine "$TMP/c3.pdf" --bookmark 'Copy {copy}' -q
check "three copies: 15 pages" pf "pdfinfo '$TMP/c3.pdf' | grepq '^Pages: *15$'"
check "three copies: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/c3.pdf"
if have_pdfjs; then
    node "$NAV" "$TMP/c3.pdf" > "$TMP/c3.nav"
    check "three copies: row bookmarks on pages 1, 6 and 11" pf "
        grep '^outline 1 ' '$TMP/c3.nav' | tr '\n' '|' | grepq -x 'outline 1 1 Copy 1|outline 1 6 Copy 2|outline 1 11 Copy 3|'"
    check "three copies: headings nested under their copy" sh -c "
        grep -qx 'outline 2 6 1 Background' '$TMP/c3.nav' && grep -qx 'outline 2 15 References' '$TMP/c3.nav'"
    # every link from a page of copy k lands on a page of copy k
    check "three copies: every internal link stays in its copy" sh -c "
        test \$(grep -c '^link ' '$TMP/c3.nav') -gt 30 &&
        awk '/^link / { if (int((\$2 - 1) / 5) != int((\$3 - 1) / 5)) bad++ } END { exit bad > 0 }' '$TMP/c3.nav'"
    check "three copies: as many links in copy 3 as in copy 1" pf "
        test \$(awk '/^link / && \$2 <= 5' '$TMP/c3.nav' | wc -l) -eq \$(awk '/^link / && \$2 > 10' '$TMP/c3.nav' | wc -l)"
fi

# --- with --out too: the handouts and the combined file
printf 'year\n2009\n2011\n' > "$TMP/two.csv"
check "combine with --out" run_briefc 0 batch "$H" --rows "$TMP/two.csv" --out "$TMP/each/FY{year}.pdf" --combine "$TMP/two.pdf" -q
check "--out files written too" test -s "$TMP/each/FY2009.pdf" -a -s "$TMP/each/FY2011.pdf"
if have_pdfjs; then
    check "bookmarks default to the output's name" pf "node '$NAV' '$TMP/two.pdf' | tr '\n' '|' | grepq -x 'outline 1 1 FY2009|outline 1 2 FY2011|'"
fi

# --- a bad row is left out and reported; the others are combined
printf 'year\n2009\nsoon\n2012\n' > "$TMP/bad.csv"
out=$(run_briefc 1 batch "$H" --rows "$TMP/bad.csv" --combine "$TMP/bad.pdf" --report "$TMP/bad.jsonl" 2>&1); rc=$?
check "a bad row: exit 1" test "$rc" -eq 1
check "a bad row: reported" grep -q '"row": 2' "$TMP/bad.jsonl"
check "a bad row: the summary says the file lacks it" pf "echo \"\$1\" | grepq 'without the failed rows'" _ "$out"
check "a bad row: the two good rows combined" pf "pdfinfo '$TMP/bad.pdf' | grepq '^Pages: *2$'"
check "a bad row: the good rows in order" pf "pdftotext '$TMP/bad.pdf' - | grep -o 'US aid to Pakistan in FY[0-9]*$' | tr '\n' '|' | grepq -x 'US aid to Pakistan in FY2009|US aid to Pakistan in FY2012|'"

# --- imposed: the combined handouts as a booklet (11 pages padded to 12: 6 sheet sides)
check "combine --impose booklet" run_briefc 0 batch "$H" --rows "$H/manifest.csv" --combine "$TMP/bk.pdf" --impose booklet -q
check "booklet: 6 sheet sides" pf "pdfinfo '$TMP/bk.pdf' | grepq '^Pages: *6$'"
check "booklet: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/bk.pdf"
# side 1 holds page 12 (blank) and page 1 (FY2008); side 2 holds pages 2 and 11
side() { pdftotext -f "$1" -l "$1" "$TMP/bk.pdf" - | sed -n 's/^US aid to Pakistan in FY\([0-9]*\)$/\1/p' | tr '\n' ' '; }
check "booklet: side 1 holds FY2008 alone (got '$(side 1)')" test "$(side 1)" = "2008 "
check "booklet: side 2 holds FY2009 and FY2018 (got '$(side 2)')" test "$(side 2)" = "2009 2018 "

# --- usage errors and nothing written
out=$(run_briefc 2 batch "$H" --rows "$H/manifest.csv" --combine "$TMP/r.pdf" --resume 2>&1); rc=$?
check "--resume with --combine is a usage error" pf "test $rc -eq 2 && echo \"\$1\" | grepq 'needs every row'" _ "$out"
out=$(run_briefc 2 batch "$H" --rows "$H/manifest.csv" --out "$TMP/x/{year}.pdf" --bookmark x 2>&1); rc=$?
check "--bookmark without --combine is a usage error" test "$rc" -eq 2
out=$(run_briefc 2 batch "$H" --rows "$H/manifest.csv" 2>&1); rc=$?
check "neither --out nor --combine is a usage error" pf "test $rc -eq 2 && echo \"\$1\" | grepq -- '--combine'" _ "$out"
check "no combined file after usage errors" test ! -e "$TMP/r.pdf"
printf 'year\nsoon\n' > "$TMP/allbad.csv"
out=$(run_briefc 1 batch "$H" --rows "$TMP/allbad.csv" --combine "$TMP/none.pdf" 2>&1); rc=$?
check "every row bad: exit 1 and no file" pf "test $rc -eq 1 && test ! -e '$TMP/none.pdf' && echo \"\$1\" | grepq 'not written'" _ "$out"
mkdir "$TMP/adir"
out=$(run_briefc 1 batch "$H" --rows "$TMP/two.csv" --combine "$TMP/adir" 2>&1); rc=$?
check "combine into a folder: exit 1 naming it" pf "test $rc -eq 1 && echo \"\$1\" | grepq 'folder'" _ "$out"
finish
