-- Tests of key_facts: computed figures match the CRS table.
test("computed facts come from the data", function()
  local out = render("key_facts", {
    aid_data = "data/us-aid-pakistan.csv",
    cumulative = { security = 8284, economic = 11326, csf = 14573, total = 34183 },
    facts = { "A listed fact." },
  }, { brief = "../briefs/pakistan-us" })
  local box = out.blocks[1]
  expect_eq(box.kind, "callout")
  expect_eq(box.title, "Key facts")
  expect_eq(#box.items, 3)
  expect(box.items[1]:find("$34.2", 1, true), "cumulative total: " .. box.items[1])
  expect(box.items[1]:find("42.6", 1, true), "CSF share: " .. box.items[1])
  expect(box.items[2]:find("FY2010", 1, true), "the peak year: " .. box.items[2])
  expect_eq(box.items[3], "A listed fact.")
end)

test("listed facts alone", function()
  local out = render("key_facts", { title = "At a glance", facts = { "One", "Two" } })
  expect_eq(out.blocks[1].title, "At a glance")
  expect_eq(#out.blocks[1].items, 2)
end)
