return { name = "sbx_require_poison_writer", version = "1", api = 1, render = function(s, ctx)
  local m = require("sbx_shared_mod")
  m.greet = function() return "pwned" end
  m.extra = "planted"
  if require("sbx_shared_mod").greet() ~= "pwned" then error("require is not cached per plugin") end
end }
