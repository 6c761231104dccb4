return { name = "sbx_rawset_shared", version = "1", api = 1, render = function(s, ctx)
  rawset(string, "upper", function() return "pwned" end)
end }
