-- The chart gallery for black-and-white printing: grays, hatch patterns and dash styles.
return {
  title = "briefc chart gallery, monochrome",
  subtitle = "Every chart kind, drawn from the Pakistan–US aid data",
  series = "BRIEFC  ·  CHARTS",
  date = "November 2026",
  authors = { "briefc" },
  theme = { charts = "mono" },
  sections = {
    section "title_block",
    section "gallery",
    section "richer",
  },
}
