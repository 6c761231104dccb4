return { name = "num_fmt_money_nan", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(fmt.money(0/0))
end }
