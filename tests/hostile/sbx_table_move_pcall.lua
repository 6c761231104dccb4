return { name = "sbx_table_move_pcall", version = "1", api = 1, render = function(s, ctx)
  -- the refusal cannot be swallowed: the budget is spent
  while true do pcall(table.move, {}, 1, 1 << 62, 2) end
end }
