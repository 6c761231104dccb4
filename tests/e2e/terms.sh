#!/bin/bash
# terms.sh — the words briefc writes itself follow the language: a French brief's table caption
# reads "Tableau 1 —", its source "Source :" (French spacing), its cross-references "Tableau 1"
# and "Section 1", its contents "Table des matières"; a German section in it "Abbildung 2" and
# "Quelle:"; an English brief keeps "Table 1"; a language with no terms of its own (Swahili)
# gets English (core/doc/terms.c).
. "$(dirname "$0")/lib.sh"

brief() { # brief DIR LANG
    mkdir -p "$TMP/$1/plugins"
    cat > "$TMP/$1/plugins/figs.lua" <<'LUA'
return {
  name = "figs", version = "1.0.0", api = 1,
  options = { n = { type = "number" } },
  render = function(s, ctx)
    local n = ctx.options.n
    s:heading("Aid " .. n, { label = "h" .. n })
    s:paragraph(string.format("See [#t%d], [#f%d] and [#h%d].", n, n, n))
    s:table { label = "t" .. n, caption = "Aid by year", columns = { "Year", "US$ m" },
              rows = { { "2010", 4504 } }, source = "CRS (2019)." }
    s:chart { label = "f" .. n, kind = "bar", caption = "Aid", categories = { "2010", "2011" },
              series = { { name = "Aid", values = { 4504, 3500 } } }, source = "CRS (2019)." }
  end,
}
LUA
    cat > "$TMP/$1/brief.lua" <<LUA
return {
  title = "Terms", language = "$2",
  sections = {
    section "contents",
    section "figs" { n = 1 },
    section "figs" { n = 2, language = "de" },
  },
}
LUA
    run_briefc 0 build "$TMP/$1" -o "$TMP/$1.pdf" -q
    pdftotext -enc UTF-8 "$TMP/$1.pdf" - | tr -s ' \n' ' ' > "$TMP/$1.txt"
}

brief fr fr
check "fr: contents" contains "$TMP/fr.txt" "Table des matières"
check "fr: cross-references" contains "$TMP/fr.txt" "See Tableau 1, Figure 1 and Section 1."
check "fr: table caption" contains "$TMP/fr.txt" "Tableau 1 — Aid by year"
check "fr: source, French spacing" contains "$TMP/fr.txt" "Source : CRS (2019)."
check "de section: cross-references" contains "$TMP/fr.txt" "See Tabelle 2, Abbildung 2 and Abschnitt 2."
check "de section: caption" contains "$TMP/fr.txt" "Abbildung 2 — Aid"
check "de section: source" contains "$TMP/fr.txt" "Quelle: CRS (2019)."
check "fr: no English label" pf "! grepq -E 'Table [0-9]|Figure 2|Source: ' '$TMP/fr.txt'"
check "fr: five readers" bash "$TESTS/pdfcheck.sh" "$TMP/fr.pdf"

brief en en-GB
check "en: Table 1 and its source" contains "$TMP/en.txt" "Table 1 — Aid by year"
check "en: Contents" contains "$TMP/en.txt" "Contents"
check "en: cross-references" contains "$TMP/en.txt" "See Table 1, Figure 1 and Section 1."
brief sw sw
check "sw: English terms" contains "$TMP/sw.txt" "See Table 1, Figure 1 and Section 1."
brief urpk ur-Arab-PK
check "ur-Arab-PK: the Urdu terms by its primary subtag" pf "grepq -F 'جدول' '$TMP/urpk.txt'"

# a language is never a format: a tag with % in it is refused before any term is looked up
mkdir -p "$TMP/fmt"
printf 'return { title = "t", language = "fr-%%n%%s", sections = { section "prose" { paragraphs = { "x" } } } }\n' > "$TMP/fmt/brief.lua"
out=$(run_briefc 1 build "$TMP/fmt" -o "$TMP/fmt.pdf" 2>&1); rc=$?
check "a language tag with %n%s: a brief error (exit 1), no PDF" \
    pf "test $rc -eq 1 && test ! -e '$TMP/fmt.pdf' && echo \"\$1\" | grepq 'brief.lua'" _ "$out"
finish
