return { name = "bad_argument", version = "1", api = 1, render = function(s, ctx)
  s:table { columns = { "A" }, rows = { "not a row" } }
end }
