#!/bin/bash
# tagged_langcode.sh — a plugin sets its section's language from code, s:language("fr"), with
# the same effect as section "x" { language = "fr" } (/Lang on the section's elements, French
# hyphenation), a bad tag is an error at the plugin's line; and `briefc check` reports section
# languages: text in another script than the section's language, a language span whose tag is
# not BCP 47, and (a note, not a finding) a section language equal to the brief's.
. "$(dirname "$0")/lib.sh"
UA="$TESTS/pdfua/check.js"
tagcheck() { timeout 120 node "$UA" "$@"; }

mkdir -p "$TMP/lc/plugins"
cat > "$TMP/lc/plugins/francais.lua" <<'LUA'
return { name = "francais", version = "1", api = 1,
  options = { tag = { type = "string", default = "fr" } },
  render = function(s, ctx)
  s:language(ctx.options.tag)
  s:heading("En français")
  s:paragraph("Les gouvernements successifs ont réorganisé méthodiquement leurs administrations départementales, transformant profondément l'organisation institutionnelle, économique et constitutionnelle des collectivités territoriales.")
end }
LUA
cat > "$TMP/lc/brief.lua" <<'LUA'
return {
  title = "Languages from code",
  language = "en-GB",
  theme = { columns = 2 },
  sections = {
    section "title_block",
    section "prose" {
      heading = "In English",
      paragraphs = { "An English paragraph about development assistance and its accountability." },
    },
    section "francais",
  },
}
LUA
(cd "$TMP/lc" && run_briefc 0 build . -o lc.pdf -q)
check "code: checks" tagcheck "$TMP/lc/lc.pdf"
timeout 120 node "$TESTS/pdfua/tree.js" "$TMP/lc/lc.pdf" > "$TMP/tree.txt" 2>/dev/null
check "pdf.js: the heading the plugin wrote is H1 lang=fr" grepq 'H1 lang="fr"' "$TMP/tree.txt"
check "pdf.js: its paragraph is P lang=fr" grepq 'P lang="fr"' "$TMP/tree.txt"
check "pdf.js: only those two carry a language" pf "[ \$(grep -c 'lang=' '$TMP/tree.txt') -eq 2 ]"
pdfinfo -struct-text "$TMP/lc/lc.pdf" > "$TMP/st.txt" 2>&1
check "hyphenation: French patterns (réorga-nisé)" grepq 'réorga-nisé' "$TMP/st.txt"

# a bad tag: an error at the plugin's line, no PDF
for bad in '"fr_FR"' '42' '"é"'; do
    sed "s/s:language(ctx.options.tag)/s:language($bad)/" "$TMP/lc/plugins/francais.lua" > "$TMP/lc/plugins/bad.lua"
    sed -i 's/name = "francais"/name = "bad"/' "$TMP/lc/plugins/bad.lua"
    sed 's/section "francais",/section "bad",/' "$TMP/lc/brief.lua" > "$TMP/lc/bad_brief.lua"
    rm -f "$TMP/lc/bad.pdf"
    (cd "$TMP/lc" && run_briefc 1 build bad_brief.lua -o bad.pdf -q 2> "$TMP/err.txt")
    check "s:language($bad): error at the plugin's line 4" grepq -E 'bad\.lua:4: .*s:language: .*BCP 47' "$TMP/err.txt"
    check "s:language($bad): no PDF" test ! -e "$TMP/lc/bad.pdf"
done

# briefc check: section languages
mkdir -p "$TMP/ck"
cat > "$TMP/ck/brief.lua" <<'LUA'
return {
  title = "Checked languages",
  language = "en-GB",
  sections = {
    section "title_block",
    section "prose" {
      heading = "Mixed",
      paragraphs = { "The ministry wrote وزارت خارجہ on its letterhead." },
    },
    section "prose" {
      heading = "Marked",
      paragraphs = { "The ministry wrote [وزارت خارجہ]{lang=ur} on its letterhead." },
    },
    section "prose" {
      heading = "Broken span",
      paragraphs = { "A span [mot]{lang=fr_FR} whose tag is wrong." },
    },
    section "prose" {
      language = "en-GB",
      heading = "Redundant",
      paragraphs = { "Plain English." },
    },
    section "prose" {
      language = "ur",
      heading = "Urdu declared",
      paragraphs = { "This section is declared Urdu but is written entirely in English words." },
    },
  },
}
LUA
(cd "$TMP/ck" && run_briefc 0 check . > "$TMP/ck.txt" 2>&1)
cat "$TMP/ck.txt" >&3
check "check: Arabic letters in an en-GB section, at the section's line 6" \
    grepq -E "brief\.lua:6: warning: section 'prose': text in Arabic script \('وزارت خارجہ on its letterhead\.'\) .* language is 'en-GB'" "$TMP/ck.txt"
check "check: the same text in a {lang=ur} span is fine (nothing at line 10)" pf "! grep -q 'brief.lua:10:' '$TMP/ck.txt'"
check "check: a span whose tag is not BCP 47, at line 14" \
    grepq -E "brief\.lua:14: warning: section 'prose': 'lang=fr_FR' is not a BCP 47 tag" "$TMP/ck.txt"
check "check: a section language equal to the brief's is a note, at line 18" \
    grepq -E "brief\.lua:18: note: section 'prose': its language 'en-GB' is the brief's already" "$TMP/ck.txt"
check "check: a section declared Urdu whose text is Latin, at line 23" \
    grepq -E "brief\.lua:23: warning: section 'prose': the section's language is 'ur', written in Arabic script, but its text is Latin" "$TMP/ck.txt"
check "check: four findings and nothing else" pf "[ \$(grep -c ': warning: ' '$TMP/ck.txt') -eq 3 ] && [ \$(grep -c ': note: ' '$TMP/ck.txt') -eq 1 ]"

finish
