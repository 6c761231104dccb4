return { name = "num_chart_value_nan", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Gaps", categories = { "a", "b", "c" }, series = { { name = "aid", values = { 1, 0/0, 3 } } } }
end }
