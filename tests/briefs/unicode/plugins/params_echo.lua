return {
  name = "params_echo", version = "1.0.0", api = 1,
  description = "Prints the brief's params, to test -D overrides, and a chart whose labels "
    .. "need the fallback font.",
  render = function(s, ctx)
    local p = ctx.params
    s:paragraph(string.format("year=%s (%s) label=%s draft=%s", p.year, math.type(p.year),
      p.label, tostring(p.draft)))
    s:chart {
      kind = "bar", caption = "Labels from the fallback font",
      categories = { "☃ winter", "⇒ next", "plain" },
      series = { { name = "Mood ☺", values = { 3, 5, 4 } }, { name = "Hope", values = { 2, 1, 3 } } },
    }
  end,
}
