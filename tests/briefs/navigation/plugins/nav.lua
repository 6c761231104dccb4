return { name = "nav", version = "1", api = 1, render = function(s, ctx)
  s:contents { title = "Contents", depth = 2 }
  s:heading("Introduction", { label = "intro" })
  s:paragraph("Beta wrote a book [@b], and Alpha an article [@a, p. 4]; both [@a; @b]. "
    .. "The method is in [#method] on page [#method:page]; the data in [#data-table].")
  s:page_break()
  s:heading("Method", { level = 2, label = "method" })
  s:paragraph("See [#intro] on page [#intro:page].")
  s:table { caption = "Data", columns = { "A", "B" }, rows = { { 1, 2 } }, label = "data-table" }
  s:page_break()
  s:heading("Results")
  s:paragraph("Nothing more [@b].")
end }
