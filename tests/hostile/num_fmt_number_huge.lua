return { name = "num_fmt_number_huge", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(fmt.number(1e308))
end }
