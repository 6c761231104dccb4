-- liga: one bar chart whose category, series and axis labels hold ligatures.
return {
  name = "liga", version = "1.0.0", api = 1,
  description = "A chart whose Latin labels hold the font's ligatures.",
  render = function(s)
    s:paragraph("The Office of fiscal affairs.")
    s:chart { kind = "bar", caption = "Aid by office",
      categories = { "Office", "fiscal", "AVATAR" },
      series = { { name = "Staff affairs", values = { 3, 5, 2 } } },
      y_title = "Difficult figures", aspect = 0.4 }
  end,
}
