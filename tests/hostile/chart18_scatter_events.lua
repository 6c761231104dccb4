return { name = "chart18_scatter_events", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", events = { { at = "a", label = "e" } }, points = { { x = 1, y = 2 }, { x = 2, y = 3 } } }
end }
