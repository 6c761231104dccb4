#!/bin/bash
# tagged_lang.sh — a section's own language: section "x" { language = "fr" } puts /Lang on the
# section's structure elements (pdf.js reads them back; poppler reads the text), the section's
# words are hyphenated with its language's patterns, and a tag that is not BCP 47 is an error
# at the section's line in brief.lua.
. "$(dirname "$0")/lib.sh"
UA="$TESTS/pdfua/check.js"
tagcheck() { timeout 120 node "$UA" "$@"; }

mkdir -p "$TMP/fr"
cat > "$TMP/fr/brief.lua" <<'LUA'
return {
  title = "Section languages",
  language = "en-GB",
  theme = { columns = 2 },
  sections = {
    section "title_block",
    section "prose" {
      heading = "In English",
      paragraphs = { "An English paragraph about development assistance and its accountability." },
    },
    section "prose" {
      language = "fr",
      heading = "En français",
      paragraphs = { "Les gouvernements successifs ont réorganisé méthodiquement leurs administrations départementales, transformant profondément l'organisation institutionnelle, économique et constitutionnelle des collectivités territoriales." },
    },
  },
}
LUA
(cd "$TMP/fr" && run_briefc 0 build . -o fr.pdf -q)
check "fr: checks" tagcheck "$TMP/fr/fr.pdf"
check "fr: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/fr/fr.pdf"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/fr/fr.pdf" > "$TMP/tree.txt" 2>/dev/null
check "pdf.js: the French heading is H1 lang=fr" grepq 'H1 lang="fr"' "$TMP/tree.txt"
check "pdf.js: the French paragraph is P lang=fr" grepq 'P lang="fr"' "$TMP/tree.txt"
check "pdf.js: exactly two elements carry a language (the English section inherits the brief's)" \
    pf "[ \$(grep -c 'lang=' '$TMP/tree.txt') -eq 2 ]"
pdfinfo -struct-text "$TMP/fr/fr.pdf" > "$TMP/st.txt" 2>&1
check "poppler: the French heading's text" grepq '"2 En français"' "$TMP/st.txt"
check "hyphenation: French patterns in the French section (réorga-nisé)" grepq 'réorga-nisé' "$TMP/st.txt"
sed 's/      language = "fr",//' "$TMP/fr/brief.lua" > "$TMP/fr/en.lua"
mkdir -p "$TMP/en" && cp "$TMP/fr/en.lua" "$TMP/en/brief.lua"
(cd "$TMP/en" && run_briefc 0 build . -o en.pdf -q)
check "hyphenation: the brief's English patterns without it (réorgan-isé)" \
    pf "pdfinfo -struct-text '$TMP/en/en.pdf' | grepq 'réorgan-isé'"
check "without it: no element carries a language" \
    pf "! timeout 120 node '$TESTS/pdfua/tree.js' '$TMP/en/en.pdf' 2>/dev/null | grepq 'lang='"

sed -i 's/language = "fr",/language = "fr_FR",/' "$TMP/fr/brief.lua"
(cd "$TMP/fr" && run_briefc 1 build . -o bad.pdf -q 2> "$TMP/bad.txt")
check "a tag that is not BCP 47 is an error at the section's line" \
    grepq "brief.lua:11: error: section 'prose': language 'fr_FR' is not a BCP 47 tag" "$TMP/bad.txt"
check "and no PDF" test ! -e "$TMP/fr/bad.pdf"
sed -i 's/language = "fr_FR",/language = 7,/' "$TMP/fr/brief.lua"
(cd "$TMP/fr" && run_briefc 1 build . -o bad.pdf -q 2> "$TMP/bad2.txt")
check "a language that is not text is an error too" grepq "brief.lua:11: error: section .prose.: language must be text, a BCP 47 tag" "$TMP/bad2.txt"

finish
