return { name = "link_scheme_javascript", version = "1", api = 1, render = function(s, ctx)
  s:paragraph("Read [the report](javascript:app.alert(1)) today.")
end }
