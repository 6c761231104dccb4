return { name = "option_unknown", version = "1", api = 1,
  options = {
    year = { type = "number", default = 2018, description = "The fiscal year to show" },
    title = { type = "string", required = true, description = "The section title" },
  },
  render = function(s, ctx) s:paragraph(ctx.options.title .. " " .. ctx.options.year) end }
