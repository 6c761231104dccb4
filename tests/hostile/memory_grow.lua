return { name = "memory_grow", version = "1", api = 1, render = function(s, ctx)
  local t = {}
  for i = 1, 1e9 do t[i] = string.rep("y", 1000) .. i end
end }
