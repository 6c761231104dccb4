return { name = "chart18_scatter_categories", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "P", kind = "scatter", categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
