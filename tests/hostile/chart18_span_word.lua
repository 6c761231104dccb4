return { name = "chart18_span_word", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "S", kind = "bar", span = "no", categories = { "a", "b" }, series = { { name = "S", values = { 1, 2 } } } }
end }
