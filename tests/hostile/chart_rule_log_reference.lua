return { name = "chart_rule_log_reference", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Ref", log = true, categories = { "a" }, series = { { values = { 1 } } }, references = { { value = 10 }, { value = -2, label = "floor" } } }
end }
