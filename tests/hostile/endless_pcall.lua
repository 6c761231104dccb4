return { name = "endless_pcall", version = "1", api = 1, render = function(s, ctx)
  -- a plugin that tries to swallow the limit error with pcall
  while true do pcall(function() while true do end end) end
end }
