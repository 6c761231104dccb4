return { name = "bad_cite", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("An unknown source [@nope].")
end }
