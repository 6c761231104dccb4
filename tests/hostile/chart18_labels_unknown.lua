return { name = "chart18_labels_unknown", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "V", kind = "bar", value_labels = { "a", "z" }, categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
