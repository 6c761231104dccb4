return { name = "num_space_nan", version = "1", api = 1, render = function(s, ctx)
  s:space(0/0)
end }
