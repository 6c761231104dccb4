return { name = "para_style_table", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("Text", { style = { "lead" } })
end }
