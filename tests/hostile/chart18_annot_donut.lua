return { name = "chart18_annot_donut", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "A", kind = "donut", annotations = { { x = "a", y = 1, text = "n" } }, categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
