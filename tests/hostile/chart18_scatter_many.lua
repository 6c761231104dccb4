return { name = "chart18_scatter_many", version = "1", api = 1, render = function(s, ctx)
  local pts = {}
  for i = 1, 40 do pts[i] = { x = i, y = i, series = "S" .. i } end
  s:chart { caption = "P", kind = "scatter", points = pts }
end }
