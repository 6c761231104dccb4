return { name = "chart18_axis_word", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "R", kind = "line", categories = { "a" }, series = { { name = "R", values = { 2 }, axis = "top" } } }
end }
