return { name = "chart18_trend_value", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", trend = "yes", points = { { x = 1, y = 2 }, { x = 2, y = 3 } } }
end }
