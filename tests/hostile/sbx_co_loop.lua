return { name = "sbx_co_loop", version = "1", api = 1, render = function(s, ctx)
  -- every coroutine's endless loop is swallowed by resume; the plugin keeps making more
  while true do
    local co = coroutine.create(function() while true do end end)
    coroutine.resume(co)
  end
end }
