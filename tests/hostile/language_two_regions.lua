return { name = "language_two_regions", version = "1", api = 1, render = function(s, ctx)
  s:language("de-419-DE")
  s:paragraph("hallo")
end }
