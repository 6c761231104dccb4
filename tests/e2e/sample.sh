#!/bin/bash
# sample.sh — compiles the sample brief and reads the PDF back with poppler and four other
# readers: headings and key figures in reading order, fonts embedded, page count, title,
# byte-identical rebuilds.
. "$(dirname "$0")/lib.sh"
pdf="$TMP/sample.pdf"
check "sample brief builds" run_briefc 0 build "$ROOT/briefs/pakistan-us" -o "$pdf"
check "five readers open the sample without a warning" bash "$TESTS/pdfcheck.sh" "$pdf"

pdfinfo "$pdf" > "$TMP/info.txt" 2>&1
check "title in document info" contains "$TMP/info.txt" "Title:           Aid Without Trust: The Pakistan–US Strategic Partnership"
check "author in document info" contains "$TMP/info.txt" "Author:          briefc sample brief"
check "keywords in document info" contains "$TMP/info.txt" "Coalition Support Fund"
pages=$(awk '/^Pages:/ { print $2 }' "$TMP/info.txt")
check "3 to 5 pages (got $pages)" test "$pages" -ge 3 -a "$pages" -le 5

pdffonts "$pdf" > "$TMP/fonts.txt" 2>&1
check "serif body font embedded" grep -q "NotoSerif-Regular .* yes yes yes" "$TMP/fonts.txt"
check "sans heading font embedded" grep -q "NotoSans-Bold.* yes yes yes" "$TMP/fonts.txt"
check "no font left unembedded" pf "tail -n +3 '$TMP/fonts.txt' | awk '\$(NF-4) != \"yes\" { exit 1 }'"

# Text, with no-break spaces folded to plain ones so figures read naturally.
pdftotext -enc UTF-8 "$pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/text.txt"
check "sections in reading order" in_order "$TMP/text.txt" \
    "POLICY BRIEF" "Aid Without Trust" "Key facts" "1 Background" \
    "2 What the United States gave" "Table 1 — US aid appropriations" "Figure 1 — US aid to Pakistan by type" \
    "Figure 2 — US obligations to Pakistan" "3 Where the source paper" "4 Committees and channels" \
    "Table 2 — The bodies of the partnership" "4.1 Defence Consultative Group" "4.2 Status of Forces" \
    "4.3 Tripartite Commission" "4.4 Coalition Support Fund" "4.5 International Military Education" \
    "4.6 Strategic Dialogue" "5 Conclusion: the trust gap" "Diverted purpose" "No paper trail" \
    "References"
for fig in '$34.2 bn' '42.6 %' '$4.5 bn' '$108 m' '81 %' '10,097' '34,183' '14,573' '4,504' \
           'FY2002–FY2007' 'Source: Congressional Research Service' 'Source: ForeignAssistance.gov' \
           'Oct 1990: aid cut off' 'Jan 2018: aid suspended' 'Coalition Support Fund' '“over a third”'; do
    check "key figure '$fig' in the text" contains "$TMP/text.txt" "$fig"
done
# citations, the reference list, cross-references
check "author–year citations" contains "$TMP/text.txt" "(Kronstadt and Epstein 2019)"
check "same authors cited once with their years" contains "$TMP/text.txt" "(Kronstadt and Epstein 2013, 2014, 2019)"
check "reference list entries" contains "$TMP/text.txt" "Kronstadt, K. Alan, and Susan B. Epstein. 2013."
# the reference list read back: each entry's "Author. Year." opening (a repeated author as
# Chicago's 3-em dash), in order, and nothing else
sed -n '/^References$/,$p' "$TMP/text.txt" | grep -oP '^([A-Z]|———).*?\. (19|20)\d\d\.' > "$TMP/refs.txt"
printf '%s\n' "Dawn. 2018." "ForeignAssistance.gov. 2024." "Government Accountability Office. 2008." \
    "Khan, Muhammad Khurshid. 2009." "Kronstadt, K. Alan, and Susan B. Epstein. 2013." \
    "———. 2014." "———. 2019." \
    "Library of Congress. 1994." "Mazari, Shireen M. 2008." \
    "Shah, Syed Qasim, Anwar Saeed Qarni, Maleeha Zahra, and Hassan Raza Kazmi. 2021." \
    "United States Congress. 2002." "———. 2009." "Zaidi, S. Akbar. 2011." > "$TMP/refs.want"
check "the reference list: the 13 cited entries, sorted, nothing else ($(wc -l < "$TMP/refs.txt") read back)" diff "$TMP/refs.want" "$TMP/refs.txt"
check "cross-references resolve" contains "$TMP/text.txt" "Table 1 and Figure 1 set it out"
check "page references resolve" grep -q "Figure 2 (page [0-9])" "$TMP/text.txt"
check "no unresolved reference is left" sh -c "! grep -q '??' '$TMP/text.txt'"
qpdf --qdf --object-streams=disable "$pdf" "$TMP/q.pdf" 2>/dev/null
check "citations link to their entries" grep -q "/Subtype /Link" "$TMP/q.pdf"
# the paper's wrong numbers appear only as corrections
check "IMET corrected" contains "$TMP/text.txt" '$2–5 m a year'
check "running footer N / M" grep -Eq "^1 ?/ ?$pages\$" "$TMP/text.txt"

# byte-identical output for identical input
check "second build" run_briefc 0 build "$ROOT/briefs/pakistan-us" -o "$TMP/again.pdf"
check "two builds are byte-identical" cmp "$pdf" "$TMP/again.pdf"
check "no temporary file left beside the output" pf "! ls -A '$TMP' | grepq '\.tmp'"

# bookmarks from headings
check "mutool reads the outline" sh -c "mutool show '$pdf' outline > '$TMP/outline.txt'"
check "bookmarks follow the headings" in_order "$TMP/outline.txt" "1 Background" "2 What the United States gave" "4.1 Defence Consultative Group" "\"References\""
# footnotes: each at the foot of the page holding its marker, below the body text
pdftotext -f 1 -l 1 -enc UTF-8 "$pdf" - > "$TMP/p1.txt"
pdftotext -f 2 -l 2 -enc UTF-8 "$pdf" - > "$TMP/p2.txt"
check "footnote 1 at the foot of page 1" in_order "$TMP/p1.txt" "set it out year by year.1" "1 US federal fiscal years run from 1 October to 30 September"
check "footnote 2 at the foot of page 2" in_order "$TMP/p2.txt" "a fortieth of the peak.2" "2 Appropriations are what Congress made available in a year"
finish
