-- The showcase in two columns: charts set inside one column (span = false) beside the text,
-- and one across the page. briefc build briefs/showcase/columns.lua
return {
  title = "briefc showcase, two columns",
  subtitle = "Charts inside a column and across the page",
  series = "BRIEFC  ·  SHOWCASE",
  date = "November 2026",
  authors = { "briefc" },
  language = "en-GB",
  page = { size = "A4", margins = 18 },
  theme = { columns = 2, column_gap = 7, justify = true },
  sections = {
    section "title_block",
    section "charts_in_columns",
  },
}
