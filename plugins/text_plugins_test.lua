-- Tests of the text plugins: title_block, prose, conclusion, references.
test("title_block uses the brief's metadata and adds the summary", function()
  local out = render("title_block", { summary = "In short." })
  expect_eq(out.blocks[1].kind, "title")
  expect_eq(out.blocks[1].text, "Plugin test")
  expect_eq(out.blocks[2].style, "lead")
end)

test("prose: heading level, paragraphs and bullets", function()
  local out = render("prose", { heading = "H", level = 2, paragraphs = { "a", "b" }, bullets = { "x" } })
  expect_eq(out.blocks[1].level, 2)
  expect_eq(#out.blocks, 4)
  expect_eq(out.blocks[4].kind, "list")
end)

test("conclusion numbers its factors", function()
  local out = render("conclusion", { factors = { "one", "two" } })
  expect_eq(out.blocks[1].text, "Conclusion")
  expect(out.blocks[2].numbered, "a numbered list")
end)

test("references are sorted by their visible text", function()
  local out = render("references", { entries = { "*Zeta* 2001", "Alpha 1999", "*Dawn* 2002" } })
  local items = out.blocks[2].items
  expect_eq(items[1], "Alpha 1999")
  expect_eq(items[2], "Dawn 2002")
  expect_eq(items[3], "Zeta 2001")
end)

test("without entries, references need the brief's bibliography", function()
  expect_error(function() render("references", {}) end, "the brief names no bibliography")
end)

test("with a bibliography, only cited entries are listed", function()
  local out = render("references", {}, { brief = "../briefs/pakistan-us" })
  expect_eq(out.blocks[1].kind, "bibliography")
end)
