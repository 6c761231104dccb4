return { name = "memory_bomb", version = "1", api = 1, render = function(s, ctx)
  local x = string.rep("x", 1e10)
  s:paragraph(x)
end }
