return { name = "num_event_offset_huge", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "Events", categories = { "2001", "2002" }, series = { { name = "aid", values = { 1, 2 } } }, events = { { at = "2002", label = "cut", offset = 1e308 } } }
end }
