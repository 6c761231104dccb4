-- A brief in an institute's house style (themes/institute.lua), one handout per fiscal year:
--   briefc build examples/house -D year=2012
--   briefc batch examples/house --rows examples/house/manifest.csv --out 'out/house/FY{year}.pdf'
-- Each handout's title, its PDF /Title and XMP title name its own year.
return {
  title = "US aid to Pakistan, FY{year}",
  subtitle = "Appropriations in fiscal year {year}, against the FY2008–FY2018 series",
  series = "South Asia brief no. {number}",
  date = "November 2026",
  authors = { "South Asia Programme" },
  language = "en-GB",
  bibliography = "data/references.json",
  citations = "numeric",
  page = { size = "A4", margins = { top = 24, bottom = 22, left = 24, right = 24 } },
  -- the house style, with one key changed for this brief: the two sources it draws on are
  -- listed in the references though no sentence cites them
  theme = require_theme("institute", { nocite = { "crs2014", "crs2013" } }),
  params = { year = 2010, number = 7 },
  sections = {
    section "title_block",
    section "fy_summary",
    section "references",
  },
}
