-- The showcase: the authoring features of issue 18 on rendered pages, one section each, in a
-- one-column brief. columns.lua beside it is the same material set in two columns, with
-- charts kept inside a column: briefc build briefs/showcase/columns.lua
-- Its house style is themes/showcase.lua (fonts by family name, booktabs tables); its pages are
-- bound: inner and outer margins mirrored on even pages, a deeper top margin on the first.
-- Every figure comes from data/ and names its source (data/SOURCES.md).
return {
  title = "briefc showcase",
  subtitle = "Richer charts, tables, blocks and pages, drawn from the Pakistan–US aid data",
  series = "BRIEFC  ·  SHOWCASE",
  date = "November 2026",
  authors = { "briefc" },
  language = "en-GB",
  page = { size = "A4", margins = { top = 20, bottom = 20, inner = 24, outer = 17 },
           first = { top = 28 } },
  theme = require_theme("showcase"),
  sections = {
    section "title_block",
    section "charts_showcase",
    section "showcase_prose",
    section "showcase_wide",
    section "showcase_tables",
    section "showcase_blocks",
    section "showcase_sql",
    section "showcase_stata",
    section "showcase_back",
  },
}
