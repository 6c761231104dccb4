return { name = "chart_rule_donut_negative", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Owed", kind = "donut", categories = { "a", "b" }, series = { { name = "debt", values = { 1, -3 } } } }
end }
