return { name = "num_chart_value_inf", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Huge", categories = { "a", "b" }, series = { { name = "aid", values = { 1 }, }, { name = "loans", values = { 2, -math.huge } } } }
end }
