return { name = "sbx_require_poison_reader", version = "1", api = 1, render = function(s, ctx)
  local m = require("sbx_shared_mod")
  if m.greet() ~= "hello" then error("the module was poisoned: " .. tostring(m.greet())) end
  if m.extra ~= nil then error("the module carries a field another plugin added") end
  error("the module is intact")
end }
