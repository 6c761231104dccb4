return { name = "endless_loop", version = "1", api = 1, render = function(s, ctx)
  local n = 0
  while true do n = n + 1 end
end }
