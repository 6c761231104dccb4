-- scripts: one paragraph per script, then a table and a chart labelled in each.
return {
  name = "scripts",
  version = "1.0.0",
  api = 1,
  description = "Urdu, Arabic, Devanagari, Chinese and Latin in body, table and chart.",
  render = function(s, ctx)
    s:heading("Pakistan پاکستان पाकिस्तान 巴基斯坦")
    s:paragraph("Urdu: پاکستان زندہ باد and Latin together.")
    s:paragraph("Arabic: جمهورية باكستان الإسلامية in a Latin sentence.")
    s:paragraph("Hindi: भारत और पाकिस्तान के बीच संबंध in a Latin sentence.")
    s:paragraph("Chinese: 中巴经济走廊 is the China–Pakistan Economic Corridor.")
    s:paragraph("**Bold: پاکستان पाकिस्तान 巴基斯坦 Pakistan.**")
    s:table { caption = "Names in five scripts",
      columns = { "Script", "Name" },
      rows = { { "Urdu", "پاکستان" }, { "Arabic", "باكستان" }, { "Hindi", "पाकिस्तान" },
               { "Chinese", "巴基斯坦" }, { "Latin", "Pakistan" } } }
    s:chart { kind = "bar", caption = "Labels in five scripts",
      categories = { "پاکستان", "باكستان", "पाकिस्तान", "巴基斯坦", "Pakistan" },
      series = { { name = "Value", values = { 1, 2, 3, 4, 5 } } }, aspect = 0.4 }
  end,
}
