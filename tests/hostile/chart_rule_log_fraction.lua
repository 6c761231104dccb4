return { name = "chart_rule_log_fraction", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Tiny", log = true, categories = { "a", "b" }, series = { { name = "x", values = { 1, -0.25 } } } }
end }
