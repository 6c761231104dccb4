return { name = "chart_log_zero", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Bad log", log = true, categories = { "a", "b" }, series = { { name = "x", values = { 1, 0 } } } }
end }
