return { name = "chart18_right_hbar", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "R", kind = "hbar", categories = { "a" }, series = { { name = "L", values = { 1 } }, { name = "R", values = { 2 }, axis = "right" } } }
end }
