return { name = "para_style_word", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("Text", { style = "pull" })
end }
