return { name = "sbx_table_unpack_huge", version = "1", api = 1, render = function(s, ctx)
  return table.unpack({}, 1, math.maxinteger)
end }
