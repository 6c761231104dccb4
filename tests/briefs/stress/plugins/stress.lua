return {
  name = "stress", version = "1.0.0", api = 1, description = "Generates a long document.",
  render = function(s, ctx)
    local words = { "partnership", "appropriations", "reimbursement", "accountability",
      "the", "of", "and", "security", "assistance", "committee", "Pakistan", "Washington",
      "strategic", "dialogue", "counter-terrorism", "development", "in", "a", "to", "was",
      "institutional", "co-operation", "disbursement", "infrastructure", "notwithstanding" }
    local seed = 7
    local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
    s:heading("Long paragraphs")
    for p = 1, ctx.params.paragraphs do
      local out = { "Paragraph " .. p .. " begins.^[Source note for paragraph " .. p .. ": "
        .. string.rep("the figures come from the appropriations tables ", p % 3 + 1) .. "of that year.]" }
      for i = 1, 40 + rnd(160) do out[#out + 1] = words[rnd(#words)] end
      out[#out + 1] = "Paragraph " .. p .. " ends."
      s:paragraph(table.concat(out, " "))
      if p % 40 == 0 then s:heading("Part " .. (p // 40), { level = 2 }) end
    end
    s:paragraph("A long address^[Source note for the address.]: [the source](https://example.org/" .. string.rep("segment-", 36) .. "end) "
      .. "and in the text: https://example.org/" .. string.rep("abcdefghij", 30) .. " ends here.")
    s:paragraph("Characters from the fallback font: ☃ snowman, 😀 emoji, 𝔸 double-struck. "
      .. "Characters no font has: 中 zhong, 𐍈 hwair.")
    local facts = {}
    for i = 1, 150 do
      facts[i] = "Key fact " .. i .. ": a callout far taller than a page."
        .. (i % 25 == 0 and "^[Source note in the callout.]" or "")
    end
    s:callout { title = "A callout taller than a page", items = facts }
    s:chart { kind = "bar", aspect = 2, caption = "A chart as tall as a chart may be^[Source note for the chart.]",
      categories = { "Alpha-cat", "Omega-cat" }, series = { { name = "v", values = { 1, 2 } } } }
    local rows = {}
    for i = 1, ctx.params.rows do
      local note = i % 16 == 0 and "^[Source note for row " .. i .. ".]" or ""
      rows[i] = { "Row " .. i, i * 37 % 1000, (i * 13 % 100) / 4, "note " .. words[i % #words + 1] .. note }
    end
    rows[5] = { "Tall row", 1, 2, string.rep(string.rep("A cell long enough to be taller than any page. ", 20)
      .. "Noted.^[Source note in the tall row.] ", 20) }
    s:table { caption = "A long table^[Source note for the table.]", columns = { "Name", "Amount", "Share", "Note" }, rows = rows }
  end,
}
