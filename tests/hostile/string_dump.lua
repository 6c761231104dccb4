return { name = "string_dump", version = "1", api = 1, render = function(s, ctx)
  local b = string.dump(function() end)
end }
