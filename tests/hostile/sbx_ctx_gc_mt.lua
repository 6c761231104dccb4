return { name = "sbx_ctx_gc_mt", version = "1", api = 1, render = function(s, ctx)
  -- borrow a host-made metatable, add a finalizer, and set it on a new object
  local mt = getmetatable(ctx)
  mt.__gc = function() while true do end end
  local x = setmetatable({}, mt)
end }
