-- The showcase in two columns: charts set inside one column (span = false) beside the text,
-- and one across the page, on a custom 190 x 260 mm page in the showcase's house style.
--   briefc build briefs/showcase/columns.lua
return {
  title = "briefc showcase, two columns",
  subtitle = "Charts inside a column and across the page",
  series = "BRIEFC  ·  SHOWCASE",
  date = "November 2026",
  authors = { "briefc" },
  language = "en-GB",
  page = { size = { 190, 260 }, margins = 16 },
  theme = require_theme("showcase", { columns = 2, column_gap = 7 }),
  sections = {
    section "title_block",
    section "charts_in_columns",
  },
}
