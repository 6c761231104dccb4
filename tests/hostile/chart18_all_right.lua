return { name = "chart18_all_right", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "R", kind = "line", categories = { "a" }, series = { { name = "R", values = { 2 }, axis = "right" } } }
end }
