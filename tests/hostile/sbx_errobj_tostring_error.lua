return { name = "sbx_errobj_tostring_error", version = "1", api = 1, render = function(s, ctx)
  local mt = { __tostring = function() error("inside __tostring") end, __name = ("N"):rep(5000) }
  error(setmetatable({ code = 8 }, mt))
end }
