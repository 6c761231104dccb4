return { name = "section_language_nul", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("hello")
end }
