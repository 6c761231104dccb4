return { name = "chart18_mark_kind", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "M", kind = "line", categories = { "a", "b" }, series = { { name = "A", values = { 1, 2 } }, { name = "B", values = { 2, 3 }, mark = "line" } } }
end }
