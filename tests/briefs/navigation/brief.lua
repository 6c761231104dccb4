-- Navigation: contents with page numbers, numbered citations, cross-references to pages.
return {
  title = "Navigation test",
  bibliography = "data/refs.json",
  citations = "numeric",
  sections = {
    section "prose" { paragraphs = { "Opening." } },
    section "nav",
    section "references",
  },
}
