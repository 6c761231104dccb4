-- A two-column body: full-width title block, a chart and a wide table across the page, body
-- text, a narrow table, a list and a callout in the columns, footnotes across the foot.
return {
  title = "Two columns",
  subtitle = "A brief set in two columns, with what is wide across both",
  series = "BRIEFC  ·  TEST",
  date = "November 2026",
  language = "en-GB",
  page = { size = "A4", margins = 20 },
  theme = { columns = 2, column_gap = 7, justify = true },
  params = { paragraphs = 24 },
  sections = {
    section "title_block" { summary = "Everything below the title is set in two columns, "
      .. "balanced above each chart and wide table, which run across the page." },
    section "columns",
  },
}
