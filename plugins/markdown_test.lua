-- Tests of the markdown plugin and s:markdown / ctx:markdown_file.
local function md(text, brief)
  return render("markdown", { text = text }, brief and { brief = brief } or nil)
end

test("markdown: headings, paragraphs, emphasis, code and links", function()
  local out = md("# Top {#top}\n\nSome *it* and **bold** `code` [a link](https://example.org).\n\n"
    .. "## Second\n\n### Third\n")
  expect_eq(#out.blocks, 4)
  expect_eq(out.blocks[1].kind, "heading")
  expect_eq(out.blocks[1].text, "Top")
  expect_eq(out.blocks[1].label, "top")
  expect_eq(out.blocks[1].number, "1")
  expect_eq(out.blocks[2].text, "Some it and bold code a link.")
  expect_eq(out.blocks[3].number, "1.1")
  expect_eq(out.blocks[4].level, 3)
end)

test("markdown: typography and escapes are briefc's", function()
  local out = md([[He said "yes" -- 30 % \*not emphasis\* and 5 * 3.]])
  expect_eq(out.blocks[1].text, "He said \u{201C}yes\u{201D} \u{2013} 30\u{A0}% *not emphasis* and 5 * 3.")
end)

test("markdown: nested ordered and unordered lists", function()
  local out = md("3. three\n4. four\n   - a\n   - b\n     1. deep\n\n   more of four\n5. five\n")
  local l = out.blocks[1]
  expect_eq(l.kind, "list")
  expect_eq(table.concat(l.items, "|"), "three|four|a|b|deep|more of four|five")
  expect_eq(table.concat(l.depths, ""), "1122311")
  expect_eq(l.marks[1], 3)
  expect_eq(l.marks[3], "bullet")
  expect_eq(l.marks[5], 1)
  expect_eq(l.marks[6], "")
  expect_eq(l.marks[7], 5)
end)

test("markdown: block quotes are quote paragraphs, a last dash line their attribution", function()
  local out = md("> one\n> line\n>\n> two\n>\n> --- Someone, 2011\n\nafter\n\n> --- only a quote")
  expect_eq(out.blocks[1].style, "quote")
  expect_eq(out.blocks[1].text, "one line")
  expect_eq(out.blocks[2].style, "quote")
  expect_eq(out.blocks[3].style, "attribution")
  expect_eq(out.blocks[3].text, "\u{2014} Someone, 2011")
  expect_eq(out.blocks[4].style, "body")
  expect_eq(out.blocks[5].style, "quote")
end)

test("markdown: a GFM table with caption, label and source", function()
  local out = md("Table: Aid by year {#aid}\n\n| Year | US$ m |\n|:-----|------:|\n| 2002 | 1,204 |\n"
    .. "| 2003 | *n/a* |\n\nSource: CRS.\n\nSee [#aid].")
  local t = out.blocks[1]
  expect_eq(t.kind, "table")
  expect_eq(t.caption, "Aid by year")
  expect_eq(t.source, "CRS.")
  expect_eq(out.blocks[2].text, "See Table 1.")
end)

test("markdown: briefc's footnotes and citations survive cmark", function()
  local out = md("Aid fell.^[After *2011*.] As shown [@crs2019], see [@crs2019; @gao2008].\n\n"
    .. "[@crs2019]: not a link definition\n", "../briefs/pakistan-us")
  expect(out.blocks[1].text:find("As shown", 1, true), "text kept")
  expect(not out.blocks[1].text:find("[@", 1, true), "citations resolved: " .. out.blocks[1].text)
  expect(out.blocks[2].text:find("not a link definition", 1, true), "a paragraph, not a definition")
end)

test("markdown: GitHub footnotes become briefc's notes", function()
  local out = md("Aid fell.[^a] It rose.\n\n[^a]: After *2011*, see [@crs2019].\n", "../briefs/pakistan-us")
  expect_eq(#out.blocks, 1, "the definition is no paragraph of its own")
  expect_eq(out.blocks[1].text, "Aid fell. It rose.")
end)

test("markdown: the sample brief's background file", function()
  local out = render("markdown", { file = "text/background.md" }, { brief = "../briefs/pakistan-us" })
  expect_eq(out.blocks[1].text, "Background")
  expect_eq(#out.blocks, 3)
end)

test("markdown: raw HTML is refused at its line", function()
  expect_error(function() md("ok\n\nfine <b>bold</b>\n") end,
    "Markdown line 3: raw HTML (<b>) is not allowed in Markdown prose")
  expect_error(function() md("ok\n\n<div>\nx\n</div>\n") end, "Markdown line 3: raw HTML (<div>)")
end)

test("markdown: what a brief cannot show is refused", function()
  expect_error(function() md("#### four") end, "a level-4 heading")
  expect_error(function() md("- a\n  - b\n    - c\n      - d") end, "Markdown line 4: lists nest at most three levels deep")
  expect_error(function() md("![x](y.png)") end, "an image in Markdown prose")
  expect_error(function() md("text\n\n    indented code") end, "Markdown line 3: a code block")
  expect_error(function() md("# A {#x}\n\n# B {#x}") end, "label 'x'")
end)

test("markdown: a file outside the brief or missing", function()
  expect_error(function() render("markdown", { file = "../README.md" }, { brief = "../briefs/pakistan-us" }) end,
    "'../README.md' is outside the brief folder")
  expect_error(function() render("markdown", { file = "text/nothing.md" }, { brief = "../briefs/pakistan-us" }) end,
    "cannot open 'text/nothing.md'")
  expect_error(function() render("markdown", {}) end, "the markdown section needs file")
end)
