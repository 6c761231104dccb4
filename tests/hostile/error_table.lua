return { name = "error_table", version = "1", api = 1, render = function(s, ctx)
  error({ code = 42 })
end }
