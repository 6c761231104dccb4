local kept
return { name = "sbx_gc_late", version = "1", api = 1, render = function(s, ctx)
  -- a __gc added after setmetatable does not mark the object: nothing runs at close
  local mt = {}
  kept = setmetatable({}, mt)
  mt.__gc = function() while true do end end
  error("the finalizer was added too late to count")
end }
