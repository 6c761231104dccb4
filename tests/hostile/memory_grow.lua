return { name = "memory_grow", version = "1", api = 1, render = function(s, ctx)
  local t = {}
  for i = 1, 1e9 do t[i] = string.rep("y", 100000) .. i end -- 100 KB a step: the cap, not the clock
end }
