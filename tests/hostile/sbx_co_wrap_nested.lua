return { name = "sbx_co_wrap_nested", version = "1", api = 1, render = function(s, ctx)
  -- loops two coroutines deep, each swallowing the errors of the one below
  local inner = coroutine.wrap(function()
    local deeper = coroutine.wrap(function() while true do end end)
    while true do pcall(deeper) end
  end)
  while true do pcall(inner) end
end }
