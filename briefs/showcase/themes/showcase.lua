-- The showcase's house style: one file both of its briefs share (brief.lua and columns.lua,
-- `theme = require_theme("showcase")`). Fonts are named by family, as a designer names them,
-- and found by the name table of the fonts shipped with briefc, whatever their files are
-- called; tables take booktabs rules; headings of every level take the heading colour.
local ink, teal = "#1b2a4a", "#0f5e6e"

return {
  body_font = "Noto Serif",
  heading_font = "Noto Sans",
  body_size = 9.6,
  justify = true,
  title_size = 22,
  heading_sizes = { 14, 11.5, 10 },
  heading_numbers = "1.1",
  unnumbered = { "Contact" },
  accent = ink,
  heading_colour = teal,
  table_style = "booktabs",

  -- the running header: series at the outer edge, title at the inner (a bound brief swaps
  -- left and right on odd pages); none on the first page. The footer on every page.
  header = { left = "{series}", right = "{title}", first = false, rule = true },
  footer = { left = "Page {page} of {pages}", right = "{date}", first = true },

  caption_position = "above",
  caption_numbers = true,
  table_header_text = ink,
}
