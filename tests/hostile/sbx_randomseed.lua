return { name = "sbx_randomseed", version = "1", api = 1, render = function(s, ctx)
  -- seeding would fix what every later plugin draws
  math.randomseed(42)
end }
