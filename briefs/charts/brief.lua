-- The chart gallery: every kind of chart briefc draws, in colour. mono.lua beside it is the
-- same gallery for black-and-white printing (theme.charts = "mono": grays, hatch patterns and
-- dash styles): briefc build briefs/charts/mono.lua
return {
  title = "briefc chart gallery",
  subtitle = "Every chart kind, drawn from the Pakistan–US aid data",
  series = "BRIEFC  ·  CHARTS",
  date = "November 2026",
  authors = { "briefc" },
  theme = { charts = "colour" },
  sections = {
    section "title_block",
    section "gallery",
    section "pictures",
    section "maps",
    section "richer",
  },
}
