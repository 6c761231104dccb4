-- The stress brief: over a hundred pages of long paragraphs, a table of params.rows rows, a
-- row taller than a page, a 300-character URL, characters no font has, and footnotes on every
-- page.
return {
  title = "Stress test",
  date = "November 2026",
  language = "en-GB",
  params = { rows = 10000, paragraphs = 320 },
  limits = { pages = 2000, instructions = 1e10 },
  sections = { section "stress" },
}
