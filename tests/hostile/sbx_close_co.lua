return { name = "sbx_close_co", version = "1", api = 1, render = function(s, ctx)
  -- the hook stops the coroutine, which Lua leaves with hooks off: its __close must not run
  local co = coroutine.create(function()
    local x <close> = setmetatable({}, {__close = function() while true do end end})
    while true do end
  end)
  coroutine.resume(co)
  coroutine.close(co)
end }
