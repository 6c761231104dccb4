return { name = "sbx_errobj_tostring_loop", version = "1", api = 1, render = function(s, ctx)
  local mt = { __tostring = function() while true do end end }
  error(setmetatable({ code = 9 }, mt))
end }
