#!/bin/bash
# tagged_inline.sh — the inline structure of tagged PDF and its page frame: "[text]{lang=ur}"
# markup becomes a Span with /Lang where the text sits in its paragraph (in a build and in a
# combined batch), a footnote marker a Reference naming its Note, running headers, footers
# and page numbers pagination artifacts; read back by poppler and pdf.js; each check of
# tests/pdfua/check.js this relies on is shown to fail on a broken copy.
. "$(dirname "$0")/lib.sh"
UA="$TESTS/pdfua/check.js"
tagcheck() { timeout 120 node "$UA" "$@"; }

mkdir -p "$TMP/span"
cat > "$TMP/span/brief.lua" <<'LUA'
return {
  title = "Language spans",
  language = "en-GB",
  sections = {
    section "title_block",
    section "prose" {
      heading = "Words from elsewhere",
      paragraphs = {
        "The minister said [shukriya bahut]{lang=ur} twice, then [*merci beaucoup*]{lang=fr-FR} to the envoy, and left.",
        "No span here, and [a bad tag]{lang=en_GB} stays literal.",
      },
    },
  },
}
LUA
(cd "$TMP/span" && run_briefc 0 build . -o s.pdf -q)
check "spans: checks" tagcheck "$TMP/span/s.pdf"
check "spans: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/span/s.pdf"
pdfinfo -struct-text "$TMP/span/s.pdf" > "$TMP/st.txt" 2>&1
check "poppler: the Urdu words are a Span inside the paragraph, between its text" \
    pf "grep -A6 '^  P' '$TMP/st.txt' | tr -d '\n' | grepq '\"The minister said \?\" *Span (inline) *\"shukriya bahut\" *\" \?twice, then \?\"'"
check "poppler: the French words are a Span" pf "grep -A1 'Span (inline)' '$TMP/st.txt' | grepq '\"merci beaucoup\"'"
check "poppler: a bad tag stays literal text" grepq '\[a bad tag\]{lang=en_GB}' "$TMP/st.txt"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/span/s.pdf" > "$TMP/tree.txt" 2>/dev/null
check "pdf.js: Span lang=ur" grepq 'Span lang="ur"' "$TMP/tree.txt"
check "pdf.js: Span lang=fr-FR" grepq 'Span lang="fr-FR"' "$TMP/tree.txt"
check "pdf.js: exactly two Spans" pf "[ \$(grep -c 'Span' '$TMP/tree.txt') -eq 2 ]"
qpdf --qdf --object-streams=disable "$TMP/span/s.pdf" "$TMP/q.pdf"
check "content: Span marked content" grepq -a '^/Span *<</MCID' "$TMP/q.pdf"
perl -0777 -pe 's/\/Lang \(ur\)/\/Lang (u_)/' "$TMP/q.pdf" > "$TMP/m.pdf"
out=$(tagcheck "$TMP/m.pdf" 2>&1)
check "a Span /Lang that is not BCP 47 is caught" pf "echo '$out' | grepq ': lang: Span /Lang'"
# the untagged build draws the same text
(cd "$TMP/span" && run_briefc 0 build . -o n.pdf -q --pdf-standard none)
check "untagged: same text" pf "[ \"\$(pdftotext '$TMP/span/s.pdf' -)\" = \"\$(pdftotext '$TMP/span/n.pdf' -)\" ]"


# footnote markers: a Reference in the paragraph, where the marker sits, naming its Note
S="$ROOT/briefs/pakistan-us"
(cd "$TMP" && run_briefc 0 build "$S" -o s.pdf -q)
pdfinfo -struct-text "$TMP/s.pdf" > "$TMP/sst.txt" 2>&1
check "sample: footnote 1's marker is a Reference between its paragraph's text" \
    pf "grep -A5 'US appropriations for' '$TMP/sst.txt' | tr -d '\n' | grepq 'year by year.\" *Reference (inline) *\"1\" *\" \?Coalition Support'"
check "sample: words apart across lines in the structure's text" grepq -F 'joined SEATO and CENTO' "$TMP/sst.txt"
check "sample: words apart across fonts in the structure's text" pf "grepq -F 'IMET cost \$2–5' '$TMP/sst.txt' && grepq -F 'a year (Kronstadt' '$TMP/sst.txt'"
check "sample: two References" pf "[ \$(grep -c 'Reference (inline)' '$TMP/sst.txt') -eq 2 ]"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/s.pdf" > "$TMP/stree.txt" 2>/dev/null
check "pdf.js: the References" pf "[ \$(grep -c '^ *Reference ' '$TMP/stree.txt') -eq 2 ]"
qpdf --qdf --object-streams=disable "$TMP/s.pdf" "$TMP/sq.pdf"
check "sample: each Reference has /Ref to its Note" pf "[ \$(grep -a -c '^  /Ref \[' '$TMP/sq.pdf') -eq 2 ]"
perl -0777 -pe 's/\/S \/Note/\/S \/Notx/' "$TMP/sq.pdf" > "$TMP/m.pdf"
out=$(tagcheck "$TMP/m.pdf" 2>&1)
check "a Reference naming no Note is caught" pf "echo '$out' | grepq ': note: a Reference whose /Ref'"
# the page frame: pagination artifacts, header from page 2, a footer (page number) on each
np=$(pdfinfo "$TMP/s.pdf" | awk '/^Pages:/ { print $2 }')
check "sample: $np footers are /Pagination /Footer artifacts" \
    pf "[ \$(grep -a -c '^/Artifact<</Type/Pagination/Subtype/Footer>>BDC' '$TMP/sq.pdf') -eq $np ]"
check "sample: $((np - 1)) pages have their running header as /Pagination /Header artifacts" \
    pf "[ \$(awk '/^%% Contents for page/{p=\$NF} /^\\/Artifact<<\\/Type\\/Pagination\\/Subtype\\/Header>>BDC/{h[p]=1} END{print length(h)}' '$TMP/sq.pdf') -eq $((np - 1)) ]"
check "sample: the page number is in the footer artifact" \
    pf "grep -a -A4 '/Subtype/Footer>>BDC' '$TMP/sq.pdf' | grepq -a 'TJ'"
check "sample: the page numbers are not in the tree" pf "! grepq '\"1 / $np\"' '$TMP/sst.txt'"

# a combined batch keeps the Spans (the language crosses the worker's pack)
sed 's/language = "en-GB",/language = "en-GB", params = { n = 1 },/' "$TMP/span/brief.lua" > "$TMP/span/brief.lua.new" &&
    mv "$TMP/span/brief.lua.new" "$TMP/span/brief.lua"
printf 'n\n1\n2\n' > "$TMP/span/rows.csv"
(cd "$TMP/span" && run_briefc 0 batch . --rows rows.csv --combine comb.pdf -q)
check "combined: checks" tagcheck "$TMP/span/comb.pdf"
check "combined: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/span/comb.pdf"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/span/comb.pdf" > "$TMP/ctree.txt" 2>/dev/null
check "combined: two rows, two Spans lang=ur" pf "[ \$(grep -c 'Span lang=\"ur\"' '$TMP/ctree.txt') -eq 2 ]"

finish
