-- charts_dense.lua: the dense charts of charts_more.sh (a plugin it copies into a brief).
return { name = "dense", version = "1", api = 1, render = function(s, ctx)
  local pts = {}
  for i = 1, 10000 do pts[i] = { x = (i * 7919) % 1000, y = (i * 104729) % 997, label = "P" .. i } end
  s:chart { kind = "scatter", caption = "Big", points = pts, trend = "equation" }
  local cats, ser = {}, {}
  for i = 1, 10000 do cats[i] = "c" .. i end
  for k = 1, 8 do local v = {} for i = 1, 10000 do v[i] = (i * k * 31) % 100 end ser[k] = { name = "s" .. k, values = v } end
  local an = {}
  for i = 1, 50 do an[i] = { x = "c" .. (i * 199), y = 50, text = "note number " .. i } end
  s:chart { kind = "line", caption = "Line", categories = cats, series = ser, annotations = an }
end }
