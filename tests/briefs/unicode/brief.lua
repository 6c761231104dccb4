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
    -- Issue 15: every script a Pakistan-US brief meets, with the default fonts
    section "prose" {
      heading = "Scripts: اردو، پښتو، العربية، हिन्दी، 中文",
      paragraphs = {
        "Urdu: [پاکستان اور امریکہ کے تعلقات]{lang=ur} in a Latin sentence.",
        "Pashto: [د خیبر پښتونخوا ولایت]{lang=ps} and [ګډون او ښځې]{lang=ps}.",
        "Arabic with vowel marks: [بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ]{lang=ar}.",
        "Hindi conjuncts: [क्षत्रिय राष्ट्रपति प्रधानमंत्री]{lang=hi}.",
        "Chinese: [中巴经济走廊（CPEC）是“一带一路”的旗舰项目。]{lang=zh}",
        "A slogan, then a full stop: پاکستان زندہ باد. A conjunct, then one: राष्ट्रपति.",
      },
    },
  },
}
