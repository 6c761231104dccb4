return { name = "chart18_note_panel_plain", version = "1", api = 1, render = function(s, ctx)
  s:chart { caption = "F", kind = "line", categories = { "a", "b" }, series = { { name = "A", values = { 1, 2 } } },
    annotations = { { x = "a", y = 1, text = "Note", panel = "P" } } }
end }
