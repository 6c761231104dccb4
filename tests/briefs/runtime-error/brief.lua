return {
  title = "Runtime error fixture",
  sections = {
    section "prose" { paragraphs = { "Fine." } },
    section "broken_runtime" { year = 2018 },
  },
}
