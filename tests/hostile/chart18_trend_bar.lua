return { name = "chart18_trend_bar", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "T", kind = "bar", trend = true, categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
