return { name = "num_fmt_range_nan", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(fmt.range(2001, 0/0, "FY"))
end }
