return {
  name = "columns", version = "1.0.0", api = 1,
  description = "Paragraphs, a chart, tables, a list and a callout for the two-column test.",
  render = function(s, ctx)
    local words = { "partnership", "appropriations", "reimbursement", "accountability", "the",
      "of", "and", "security", "assistance", "committee", "Pakistan", "Washington", "strategic",
      "dialogue", "development", "in", "a", "to", "was", "institutional", "disbursement" }
    local seed = 11
    local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
    local function para(p)
      local out = { "Paragraph " .. p .. " begins." }
      for _ = 1, 30 + rnd(90) do out[#out + 1] = words[rnd(#words)] end
      if p % 5 == 0 then out[#out + 1] = "noted^[Column note " .. p .. ": the foot spans the page, across both columns, as "
        .. "wide as the title block at the top of the first page.]" end
      out[#out + 1] = "Paragraph " .. p .. " ends."
      return table.concat(out, " ")
    end
    s:heading("Before the chart")
    for p = 1, 6 do s:paragraph(para(p)) end
    s:callout { title = "Key facts", items = { "A callout sits in its column.", "Its box is as wide as the column." } }
    s:chart { kind = "bar", caption = "A chart across both columns",
      categories = { "FY2008", "FY2009", "FY2010", "FY2011", "FY2012" },
      series = { { name = "Security", values = { 517, 989, 1236, 1277, 849 } },
                 { name = "Economic", values = { 507, 1366, 1769, 1186, 1067 } } } }
    s:heading("After the chart")
    for p = 7, 14 do s:paragraph(para(p)) end
    s:table { caption = "A narrow table in its column", columns = { "Year", "Total" },
      rows = { { "FY2008", 2043 }, { "FY2009", 3040 }, { "FY2010", 4504 } } }
    s:list { "First point in the column.", "Second point, long enough to wrap onto a second line in a narrow column." }
    s:heading("A wide table follows", { level = 2 })
    s:table { caption = "A wide table across both columns",
      columns = { "Fiscal year", "Security-related", "Economic-related", "Coalition Support Fund", "Total" },
      rows = { { "FY2008", 517, 507, 1019, 2043 }, { "FY2009", 989, 1366, 685, 3040 },
               { "FY2010", 1236, 1769, 1499, 4504 } } }
    local codes = {}
    for i = 1, 70 do codes[i] = { "Item " .. i, i * 13 % 97 } end
    s:table { caption = "A long narrow table, split between columns", columns = { "Code", "Count" }, rows = codes }
    s:heading("The rest")
    for p = 15, ctx.params.paragraphs do s:paragraph(para(p)) end
  end,
}
