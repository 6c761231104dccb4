return { name = "chart18_facet_donut", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "F", kind = "dot", facet = "series", categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
