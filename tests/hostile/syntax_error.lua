return { name = "syntax_error", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("unfinished string)
end }
