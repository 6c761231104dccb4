return { name = "sbx_gsub_backtrack", version = "1", api = 1, render = function(s, ctx)
  local text = ("a"):rep(20000) .. "b"
  local out = text:gsub("a*a*a*a*c", "")
end }
