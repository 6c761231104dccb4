return { name = "chart18_scatter_mixed", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", points = { { x = 1, y = 2, series = "A" }, { x = 2, y = 3 } } }
end }
