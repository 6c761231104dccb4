return {
  name = "params_echo", version = "1.0.0", api = 1,
  description = "Prints the brief's params, to test -D overrides.",
  render = function(s, ctx)
    local p = ctx.params
    s:paragraph(string.format("year=%s (%s) label=%s draft=%s", p.year, math.type(p.year),
      p.label, tostring(p.draft)))
  end,
}
