return { name = "num_category_inf", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Years", categories = { 2001, math.huge }, series = { { name = "aid", values = { 1, 2 } } } }
end }
