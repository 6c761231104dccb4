return { name = "chart_rule_no_categories", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Empty", categories = {}, series = { { values = {} } } }
end }
