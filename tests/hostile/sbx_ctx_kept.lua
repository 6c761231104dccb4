local kept
return { name = "sbx_ctx_kept", version = "1", api = 1, render = function(s, ctx)
  if kept then kept:warn("late") end
  kept = ctx
end }
