return { name = "chart_rule_donut_series", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Two rings", kind = "donut", categories = { "a", "b" }, series = { { values = { 1, 2 } }, { values = { 3, 4 } } } }
end }
