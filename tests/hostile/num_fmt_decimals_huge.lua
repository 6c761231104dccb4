return { name = "num_fmt_decimals_huge", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(fmt.number(1.5, 1e308))
end }
