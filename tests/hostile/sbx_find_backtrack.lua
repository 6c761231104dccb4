return { name = "sbx_find_backtrack", version = "1", api = 1, render = function(s, ctx)
  local text = string.rep("a", 100000)
  local at = string.find(text, ".-.-.-b")
end }
