return { name = "chart_rule_log_stacked", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Stacked log", log = true, stacked = true, categories = { "a" }, series = { { values = { 1 } } } }
end }
