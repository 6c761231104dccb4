return { name = "num_heading_level_nan", version = "1", api = 1, render = function(s, ctx)
  s:heading("Level", { level = 0/0 })
end }
