return { name = "chart18_mark_all", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "M", kind = "bar", categories = { "a", "b" }, series = { { name = "A", values = { 1, 2 }, mark = "line" } } }
end }
