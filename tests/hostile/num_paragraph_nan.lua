return { name = "num_paragraph_nan", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(0/0)
end }
