return { name = "chart_rule_direct_legend", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Direct bars", kind = "bar", legend = "direct", categories = { "a" }, series = { { values = { 1 } } } }
end }
