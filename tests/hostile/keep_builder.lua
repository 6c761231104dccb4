local kept
return { name = "keep_builder", version = "1", api = 1, render = function(s, ctx)
  if kept then kept:paragraph("late") end
  kept = s
end }
