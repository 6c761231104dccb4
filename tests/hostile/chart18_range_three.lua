return { name = "chart18_range_three", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "G", kind = "range", categories = { "a" }, series = { { values = { 1 } }, { values = { 2 } }, { values = { 3 } } } }
end }
