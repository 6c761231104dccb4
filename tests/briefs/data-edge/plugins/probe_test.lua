-- Data readers on edge cases: RFC 4180 CSV, JSON, UTF-8 checks, confinement.
local here = { brief = ".." }

test("CSV: BOM, CRLF, quotes, doubled quotes, embedded newline, typed numbers, empty cells", function()
  local out = render("probe", { csv = "data/edge.csv" }, here)
  expect_eq(out.blocks[1].text, "name|amount|note")
  expect_eq(out.blocks[2].text, 'Smith, J./12/integer/said “hi”') -- typographic quotes
  expect_eq(out.blocks[3].text, "Lee/-3.5/float/two\nlines")
  expect_eq(out.blocks[4].text, "No amount/nil/nil/nil")
end)

test("CSV: invalid UTF-8 names file, line and byte", function()
  expect_error(function() render("probe", { csv = "data/bad-utf8.csv" }, here) end,
    "data/bad-utf8.csv:3: invalid UTF-8 at byte offset 11")
end)

test("CSV: a row with too many fields names its line", function()
  expect_error(function() render("probe", { csv = "data/bad-fields.csv" }, here) end,
    "data/bad-fields.csv:3: row has more than the header's 2 fields")
end)

test("CSV: an unterminated quote names where it opened", function()
  expect_error(function() render("probe", { csv = "data/unterminated.csv" }, here) end,
    "data/unterminated.csv:2: unterminated quoted field")
end)

test("JSON: objects, arrays with nulls, numbers, booleans, escapes", function()
  local out = render("probe", { json = "data/ok.json" }, here)
  expect_eq(out.blocks[1].text, "Aid 4 nil 34183.5 true café")
end)

test("JSON: a syntax error names line and column", function()
  expect_error(function() render("probe", { json = "data/bad.json" }, here) end,
    "data/bad.json:3: invalid JSON at column 1")
end)

test("files outside the brief cannot be read, by path or by link", function()
  expect_error(function() render("probe", { text = "../../../etc/hostname" }, here) end,
    "is outside the brief folder")
  expect_error(function() render("probe", { text = "data/outside" }, here) end,
    "'data/outside' is outside the brief folder")
end)

test("options are typed", function()
  expect_error(function() render("probe", { csv = 12 }, here) end, "option 'csv' must be a string, got integer")
  expect_error(function() render("probe", { cvs = "x" }, here) end, "unknown option 'cvs' (did you mean 'csv'?)")
end)

test("fmt helpers", function()
  expect_eq(fmt.range(2008, 2018, "FY"), "FY2008–FY2018")
  expect_eq(fmt.range(2018, 2018, "FY"), "FY2018")
  expect_eq(fmt.date("2026-11-28"), "28 November 2026")
  expect_eq(fmt.date("2026-11-28", "short"), "28 Nov 2026")
  expect_eq(fmt.date("2026-11"), "November 2026")
  expect_eq(fmt.percent(0.426), "42.6\u{A0}%")
  expect_eq(fmt.money(34183), "$34.2\u{A0}bn")
  expect_error(function() fmt.date("28/11/2026") end, "a date like")
end)
