-- The bilingual handout: one page on US aid to Pakistan in one fiscal year, its headline and
-- summary in Urdu (set right to left), the same in English, and the figures in both.
--   briefc build briefs/handout-ur -D year=2010
-- Urdu is set in Noto Naskh Arabic (fonts/); Latin text falls back to Noto Sans (the chain).
return {
  title = "پاکستان کے لیے امریکی امداد",
  subtitle = "US aid to Pakistan: a bilingual fact sheet",
  date = "November 2026",
  language = "ur",
  page = { size = "A4", margins = 20 },
  theme = { body_font = "NotoNaskhArabic", heading_font = "NotoNaskhArabic", body_size = 11,
            justify = false },
  params = { year = 2010 },
  limits = { pages = 1 },
  sections = { section "handout_ur" },
}
