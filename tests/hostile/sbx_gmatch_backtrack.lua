return { name = "sbx_gmatch_backtrack", version = "1", api = 1, render = function(s, ctx)
  local text = ("ab"):rep(50000)
  for a in text:gmatch("(.*)(.*)(.*)!") do end
end }
