return { name = "sbx_xpcall_handler_loop", version = "1", api = 1, render = function(s, ctx)
  -- the handler runs for the limit error itself, when Lua has hooks off
  xpcall(function() while true do end end, function() while true do end end)
end }
