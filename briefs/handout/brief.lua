-- The handout: one page per fiscal year of the CRS series. Build one with
--   briefc build briefs/handout -D year=2010
-- or all of them with
--   briefc batch briefs/handout --rows briefs/handout/manifest.csv --out 'out/handouts/FY{year}.pdf'
return {
  title = "US aid to Pakistan: fiscal-year fact sheets",
  date = "November 2026",
  language = "en-GB",
  page = { size = "A4", margins = 20 },
  params = { year = 2010 },
  limits = { pages = 1 },
  sections = { section "handout" },
}
