return { name = "sbx_table_move", version = "1", api = 1, render = function(s, ctx)
  table.move({}, 1, 1 << 62, 2)
end }
