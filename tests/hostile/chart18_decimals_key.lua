return { name = "chart18_decimals_key", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "D", kind = "bar", decimals = { yy = 1 }, categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
