return { name = "num_chart_aspect_nan", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Tall", aspect = 0/0, categories = { "a" }, series = { { name = "aid", values = { 1 } } } }
end }
