return { name = "chart18_scatter_nan", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", points = { { x = 1, y = 2 }, { x = 0/0, y = 3 } } }
end }
