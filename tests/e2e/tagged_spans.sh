#!/bin/bash
# tagged_spans.sh — the inline structure of tagged PDF: "[text]{lang=ur}" markup becomes a
# Span with /Lang where the text sits in its paragraph, read back by poppler and pdf.js; a
# tag that is not BCP 47 stays literal; each check of tests/pdfua/check.js it relies on is
# shown to fail on a broken copy.
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
    pf "grep -A6 '^  P' '$TMP/st.txt' | tr -d '\n' | grepq '\"The minister said\" *Span (inline) *\"shukriya bahut\" *\"twice, then\"'"
check "poppler: the French words are a Span" pf "grep -A1 'Span (inline)' '$TMP/st.txt' | grepq '\"merci beaucoup\"'"
check "poppler: a bad tag stays literal text" grepq '\[a bad tag\]{lang=en_GB}' "$TMP/st.txt"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/span/s.pdf" > "$TMP/tree.txt" 2>/dev/null
check "pdf.js: Span lang=ur" grepq 'Span lang="ur"' "$TMP/tree.txt"
check "pdf.js: Span lang=fr-FR" grepq 'Span lang="fr-FR"' "$TMP/tree.txt"
check "pdf.js: exactly two Spans" pf "[ \$(grep -c 'Span' '$TMP/tree.txt') -eq 2 ]"
qpdf --qdf --object-streams=disable "$TMP/span/s.pdf" "$TMP/q.pdf"
check "content: Span marked content" grepq -a '^/Span <</MCID' "$TMP/q.pdf"
perl -0777 -pe 's/\/Lang \(ur\)/\/Lang (u_)/' "$TMP/q.pdf" > "$TMP/m.pdf"
out=$(tagcheck "$TMP/m.pdf" 2>&1)
check "a Span /Lang that is not BCP 47 is caught" pf "echo '$out' | grepq ': lang: Span /Lang'"
# the untagged build draws the same text
(cd "$TMP/span" && run_briefc 0 build . -o n.pdf -q --pdf-standard none)
check "untagged: same text" pf "[ \"\$(pdftotext '$TMP/span/s.pdf' -)\" = \"\$(pdftotext '$TMP/span/n.pdf' -)\" ]"

finish
