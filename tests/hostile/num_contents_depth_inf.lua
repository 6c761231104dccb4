return { name = "num_contents_depth_inf", version = "1", api = 1, render = function(s, ctx)
  s:contents { depth = math.huge }
end }
