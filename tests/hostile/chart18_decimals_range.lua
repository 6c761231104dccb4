return { name = "chart18_decimals_range", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "D", kind = "bar", decimals = { y = 11 }, categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
