return { name = "bad_ref", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("fine")
  s:paragraph("See [#nowhere].")
end }
