return { name = "chart18_y2_alone", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "R", kind = "line", y2_title = "IMET", categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
