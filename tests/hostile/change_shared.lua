return { name = "change_shared", version = "1", api = 1, render = function(s, ctx)
  string.upper = function() return "pwned" end
end }
