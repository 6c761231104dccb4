return { name = "chart18_point_key", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", points = { { x = 1, y = 2 }, { x = 2, why = 3 } } }
end }
