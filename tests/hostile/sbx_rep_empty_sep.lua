return { name = "sbx_rep_empty_sep", version = "1", api = 1, render = function(s, ctx)
  local x = string.rep("", math.maxinteger, ",")
end }
