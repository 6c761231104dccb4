return { name = "chart18_note_badpanel", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "F", kind = "line", categories = { "a", "b" }, series = { { name = "A", values = { 1, 2 }, facet = "P" }, { name = "B", values = { 2, 3 }, facet = "Q" } },
    annotations = { { x = "a", y = 1, text = "Note", panel = "R" } } }
end }
