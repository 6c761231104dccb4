return { name = "sbx_load_loop", version = "1", api = 1, render = function(s, ctx)
  local src = ("local x = 1\n"):rep(1e6)
  while true do load(src) end
end }
