return { name = "num_fmt_percent_inf", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(fmt.percent(math.huge))
end }
