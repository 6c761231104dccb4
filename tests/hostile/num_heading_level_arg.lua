return { name = "num_heading_level_arg", version = "1", api = 1, render = function(s, ctx)
  s:heading("Level", 2^40 + 1)
end }
