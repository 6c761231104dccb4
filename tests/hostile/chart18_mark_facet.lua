return { name = "chart18_mark_facet", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "M", kind = "bar", categories = { "a", "b" }, series = { { name = "A", values = { 1, 2 }, facet = "P" }, { name = "B", values = { 2, 3 }, mark = "line", facet = "Q" } } }
end }
