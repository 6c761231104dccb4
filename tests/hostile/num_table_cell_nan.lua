return { name = "num_table_cell_nan", version = "1", api = 1, render = function(s, ctx)
  s:table { columns = { "A", "B" }, rows = { { 1, 2 }, { 3, 0/0 } } }
end }
