return { name = "chart18_facet_partial", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "F", kind = "line", categories = { "a" }, series = { { name = "A", values = { 1 }, facet = "x" }, { name = "B", values = { 2 } } } }
end }
