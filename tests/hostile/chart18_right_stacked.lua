return { name = "chart18_right_stacked", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "R", kind = "bar", stacked = true, categories = { "a" }, series = { { name = "L", values = { 1 } }, { name = "R", values = { 2 }, axis = "right" } } }
end }
