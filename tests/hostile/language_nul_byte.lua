return { name = "language_nul_byte", version = "1", api = 1, render = function(s, ctx)
  s:language("en\0fr")
  s:paragraph("hello")
end }
