return { name = "chart18_trend_one_x", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", trend = "equation", points = { { x = 1, y = 2 }, { x = 1, y = 3 } } }
end }
