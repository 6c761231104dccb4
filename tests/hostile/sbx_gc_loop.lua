local kept
return { name = "sbx_gc_loop", version = "1", api = 1, render = function(s, ctx)
  kept = setmetatable({}, { __gc = function() while true do end end })
end }
