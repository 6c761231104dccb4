return { name = "link_scheme_bare_path", version = "1", api = 1, render = function(s, ctx)
  s:table { columns = { "A" }, rows = { { "[calc](C:/Windows/System32/calc.exe)" } } }
end }
