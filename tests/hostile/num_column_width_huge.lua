return { name = "num_column_width_huge", version = "1", api = 1, render = function(s, ctx)
  s:table { columns = { "A", { title = "B", width = 1e308 } }, rows = { { 1, 2 } } }
end }
