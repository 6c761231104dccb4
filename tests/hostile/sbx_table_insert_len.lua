return { name = "sbx_table_insert_len", version = "1", api = 1, render = function(s, ctx)
  local t = setmetatable({}, { __len = function() return math.maxinteger - 1 end })
  table.insert(t, 1, "x")
end }
