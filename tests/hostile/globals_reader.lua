return { name = "globals_reader", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(tostring(42))     -- still the real tostring
  s:paragraph(leaked)
end }
