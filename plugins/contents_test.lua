-- Tests of the contents plugin.
test("contents: one block with its title and depth", function()
  local out = render("contents", { heading = "In this brief", depth = 1 })
  expect_eq(#out.blocks, 1)
  expect_eq(out.blocks[1].kind, "contents")
  expect_eq(out.blocks[1].title, "In this brief")
  expect_eq(out.blocks[1].depth, 1)
end)

test("contents: the depth is checked", function()
  expect_error(function() render("contents", { depth = 4 }) end, "depth")
end)

test("contents: Contents, two levels, by default", function()
  local out = render("contents", {})
  expect_eq(out.blocks[1].title, "Contents")
  expect_eq(out.blocks[1].depth, 2)
end)
