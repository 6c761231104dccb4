return { name = "sbx_errobj_long_name", version = "1", api = 1, render = function(s, ctx)
  local mt = { __name = ("N"):rep(5000) }
  error(setmetatable({ code = 7 }, mt))
end }
