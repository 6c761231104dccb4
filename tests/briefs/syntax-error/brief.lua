return {
  title = "Syntax error fixture",
  sections = {
    section "prose" { paragraphs = { "Fine." } },
    section "broken_syntax",
  },
}
