-- The house style of a (fictional) policy institute: one file every brief of the institute
-- shares with `theme = require_theme("institute")`. It runs in the same sandbox as brief.lua,
-- so it may compute values, but it can read no file and must return plain settings.
local navy, teal = "#1b2a4a", "#0f766e"

return {
  body_font = "NotoSerif",
  heading_font = "NotoSans",
  body_size = 9.8,
  title_size = 24,
  heading_sizes = { 13, 11, 10 },
  heading_numbers = "1.1",
  unnumbered = { "Summary", "References" },  -- never numbered, and take no number
  accent = navy,
  heading_colour = teal,
  rule = "#9aa5b1",

  -- running header and footer: three slots each, with {title}, {subtitle}, {date}, {series},
  -- {authors}, {page}, {pages} and the brief's params such as {year}
  header = { left = "{series}", right = "{title}", first = false, rule = true },
  footer = { left = "South Asia Programme", centre = "{date}", right = "Page {page} of {pages}",
             first = true },

  caption_position = "below",
  caption_numbers = true,
  table_font = "heading",
  table_size = 8.6,
  table_header_fill = "#e3ecef",
  table_header_text = navy,
  table_zebra = false,
}
