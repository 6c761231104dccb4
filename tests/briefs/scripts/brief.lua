-- Every script of issue 15 with the default fonts: Urdu, Arabic, Devanagari, Chinese and
-- Latin in body text, a heading, a table and chart labels. The fallback chain must find a font
-- for each character (tests/e2e/fonts.sh: no "no glyph" warning, every font embedded).
return {
  title = "Scripts: پاکستان, باكستان, पाकिस्तान, 巴基斯坦",
  date = "1 January 2026",
  sections = {
    section "scripts",
  },
}
