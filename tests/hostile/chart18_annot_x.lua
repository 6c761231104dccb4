return { name = "chart18_annot_x", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "A", kind = "bar", annotations = { { x = "c", y = 1, text = "note" } }, categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
