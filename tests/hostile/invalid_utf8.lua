return { name = "invalid_utf8", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("bad \255 byte")
end }
