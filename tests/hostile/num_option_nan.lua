return { name = "num_option_nan", version = "1", api = 1,
  options = { year = { type = "number", default = 2018, description = "The fiscal year" } },
  render = function(s, ctx) s:paragraph("FY" .. ctx.options.year) end }
