-- The showcase: the authoring features of issue 18 on rendered pages, one section each, in a
-- one-column brief. columns.lua beside it is the same material set in two columns, with
-- charts kept inside a column: briefc build briefs/showcase/columns.lua
-- Every figure comes from data/ and names its source (data/SOURCES.md).
return {
  title = "briefc showcase",
  subtitle = "Richer charts, tables, blocks and pages, drawn from the Pakistan–US aid data",
  series = "BRIEFC  ·  SHOWCASE",
  date = "November 2026",
  authors = { "briefc" },
  language = "en-GB",
  page = { size = "A4", margins = 20 },
  theme = { justify = true },
  sections = {
    section "title_block",
    section "charts_showcase",
    section "showcase_prose",
    section "showcase_tables",
    section "showcase_blocks",
    section "showcase_wide",
    section "showcase_sql",
    section "showcase_back",
  },
}
