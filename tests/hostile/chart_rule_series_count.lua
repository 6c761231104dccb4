return { name = "chart_rule_series_count", version = "1", api = 1, render = function(s, ctx)
  local ser = {} for i = 1, 33 do ser[i] = { values = { i } } end
  s:chart { caption = "Crowded", categories = { "a" }, series = ser }
end }
