return { name = "sbx_errobj_tostring", version = "1", api = 1, render = function(s, ctx)
  local mt = { __tostring = function(e) return "a described " .. e.what end }
  error(setmetatable({ what = "failure" }, mt))
end }
