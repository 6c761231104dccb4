return { name = "num_list_len_negative", version = "1", api = 1, render = function(s, ctx)
  s:list(setmetatable({}, { __len = function() return -5 end }))
end }
