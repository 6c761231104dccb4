-- Tests of committees: a table row and a summary per body.
test("six bodies, each with a row and a subsection", function()
  local out = render("committees", {}, { brief = "../briefs/pakistan-us" })
  local headings, tbl = 0, nil
  for _, b in ipairs(out.blocks) do
    if b.kind == "table" then tbl = b end
    if b.kind == "heading" and b.level == 2 then headings = headings + 1 end
  end
  expect_eq(#tbl.rows, 6)
  expect_eq(headings, 6)
  expect_eq(tbl.rows[1][1], "Defence Consultative Group")
end)
