return { name = "chart_bad_kind", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Pie", kind = "pie", categories = { "a" }, series = { { values = { 1 } } } }
end }
