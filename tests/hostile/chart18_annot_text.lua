return { name = "chart18_annot_text", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "A", kind = "bar", annotations = { { x = "a", y = 1 } }, categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
