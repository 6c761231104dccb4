return { name = "language_bare_x", version = "1", api = 1, render = function(s, ctx)
  s:language("x")
  s:paragraph("hello")
end }
