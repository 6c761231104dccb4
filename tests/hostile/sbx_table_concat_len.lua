return { name = "sbx_table_concat_len", version = "1", api = 1, render = function(s, ctx)
  local t = setmetatable({}, { __len = function() return math.maxinteger end, __index = function() return "" end })
  local x = table.concat(t)
end }
