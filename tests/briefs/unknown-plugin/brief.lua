return {
  title = "Unknown plugin fixture",
  sections = {
    section "prose" { paragraphs = { "Fine." } },
    section "no_such_plugin" { },
  },
}
