#!/bin/bash
# navigation.sh — contents with page numbers, numbered citations and their reference list,
# cross-references to labels and pages, internal links; unknown keys and labels are errors.
. "$(dirname "$0")/lib.sh"
B="$TESTS/briefs/navigation"
pdf="$TMP/nav.pdf"
check "navigation brief builds" run_briefc 0 build "$B" -o "$pdf"
check "five readers open it" bash "$TESTS/pdfcheck.sh" "$pdf"
check "decimal page labels from 1" pf "qpdf --json '$pdf' | tr -d ' \n' | grepq '\"pagelabels\":\[{\"index\":0,\"label\":{\"/S\":\"/D\",\"/St\":1}}\]'"
pdftotext -enc UTF-8 -layout "$pdf" "$TMP/l.txt"
pdftotext -enc UTF-8 "$pdf" - | sed 's/\xc2\xa0/ /g' | tr '\n' ' ' | sed 's/  */ /g' > "$TMP/t.txt"
check "contents lists headings with their pages" grep -Eq "^ *1 Introduction[ .]+1$" "$TMP/l.txt"
check "contents: the level-2 heading on page 2" grep -Eq "1\.1 Method[ .]+2$" "$TMP/l.txt"
check "contents: the last heading on page 3" grep -Eq "2 Results[ .]+3$" "$TMP/l.txt"
check "numeric citations" contains "$TMP/t.txt" "Beta wrote a book [1], and Alpha an article [2, p. 4]; both [2, 1]."
check "page cross-reference" contains "$TMP/t.txt" "The method is in Section 1.1 on page 2; the data in Table 1."
check "backward page cross-reference" contains "$TMP/t.txt" "See Section 1 on page 1."
check "reference list in citation order" in_order "$TMP/t.txt" "References" "[1] Beta, B. 2001. Second Book. Press." "[2] Alpha, A., and G. Gamma. 1999."
check "uncited entries are left out" sh -c "! grep -q 'Never Cited' '$TMP/t.txt'"
# the list read back: the entries after the heading, exactly the two cited, in citation order
pdftotext -enc UTF-8 "$pdf" - | sed -n '/^References$/,$p' | grep -oE '^\[[0-9]+\] [^.]*\.' > "$TMP/refs.txt"
check "the reference list holds the cited entries alone ($(wc -l < "$TMP/refs.txt") read back)" \
    diff <(printf '[1] Beta, B.\n[2] Alpha, A.\n') "$TMP/refs.txt"
qpdf --qdf --object-streams=disable "$pdf" "$TMP/q.pdf" 2>/dev/null
check "internal links go to destinations" pf "grep -a -c '/Dest [0-9]* 0 R' '$TMP/q.pdf' | awk '\$1 >= 8 { ok = 1 } END { exit !ok }'"

mkdir -p "$TMP/bad"
cp -r "$B/data" "$B/plugins" "$TMP/bad/"
printf 'return { title = "x", bibliography = "data/refs.json", sections = { section "bad_cite" } }\n' > "$TMP/bad/brief.lua"
msg=$(run_briefc 1 build "$TMP/bad" -o "$TMP/x.pdf" 2>&1); rc=$?
check "unknown citation key: exit 1" test "$rc" -eq 1
check "unknown citation key: named with file and line" pf "echo \"\$1\" | grepq \"plugins/bad_cite.lua:2: error: unknown citation key 'nope' (not in\"" _ "$msg"
printf 'return { title = "x", sections = { section "bad_ref" } }\n' > "$TMP/bad/brief.lua"
msg=$(run_briefc 1 build "$TMP/bad" -o "$TMP/x.pdf" 2>&1); rc=$?
check "unknown label: exit 1" test "$rc" -eq 1
check "unknown label: named with file and line" pf "echo \"\$1\" | grepq \"plugins/bad_ref.lua:3: error: unknown cross-reference label 'nowhere'\"" _ "$msg"
check "no PDF after either" test ! -e "$TMP/x.pdf"
printf 'return { title = "x", sections = { section "nav" } }\n' > "$TMP/bad/brief.lua"
msg=$(run_briefc 1 build "$TMP/bad" -o "$TMP/x.pdf" 2>&1); rc=$?
check "citations without a bibliography are an error" pf "test $rc -eq 1 && echo \"\$1\" | grepq 'the brief names no bibliography'" _ "$msg"
finish
