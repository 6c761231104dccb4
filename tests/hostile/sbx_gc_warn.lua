local kept
return { name = "sbx_gc_warn", version = "1", api = 1, render = function(s, ctx)
  -- a finalizer that would call ctx:warn while the state closes, after the PDF
  kept = setmetatable({}, { __gc = function() ctx:warn("from the grave") end })
end }
