return { name = "num_chart_log_denormal", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Tiny", log = true, categories = { "a", "b" }, series = { { name = "aid", values = { 1, 5e-324 } } } }
end }
