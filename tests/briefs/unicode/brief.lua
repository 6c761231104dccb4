-- Text outside ASCII must render and extract: Latin-1, punctuation, euro, Latin Extended-A,
-- Greek and Cyrillic, including composite glyphs (Ё ї ў ό) that lose their base letter when
-- libharu subsets on its own.
return {
  title = "Café – résumé “quoted” €",
  authors = { "Ā. Ōtsuka", "Zoë Brontë" },
  date = "1 January 2026",
  params = { year = 2018, label = "default", draft = false },
  sections = {
    section "title_block",
    section "prose" {
      heading = "Unicode coverage",
      paragraphs = {
        "Latin: café, naïve, Ångström; dashes – and —; quotes ‘single’ and “double”; "
          .. "currency €12 and £3; macron Ā ā Ē ē.",
        "Greek: αβγ ΔΕΖ ό ώ. Cyrillic: Ёлка, їжак, ўсё.",
        "A [link to the Congressional Research Service](https://crsreports.congress.gov) "
          .. "in **bold** and *italic* and ***both***.",
        "Run `briefc build --stats` for figures; about 10^6^ people, the 2^nd^ round.",
        "From the fallback font: ☃ snow, ⇒ implies, 😀 smile.",
      },
    },
    section "params_echo",
  },
}
