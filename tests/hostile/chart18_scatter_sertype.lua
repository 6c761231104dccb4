return { name = "chart18_scatter_sertype", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", points = { { x = 1, y = 2, series = {} }, { x = 2, y = 3, series = "A" } } }
end }
