-- Tests of aid_totals against the sample brief's data (CRS series).
local sample = { brief = "../briefs/pakistan-us" }

test("the aid table has one row per enacted year, plus the early and cumulative totals", function()
  local out = render("aid_totals", {
    early_total = { label = "FY2002–FY2007", security = 1691, economic = 2728, csf = 5678, total = 10097 },
    cumulative = { security = 8284, economic = 11326, csf = 14573, total = 34183 },
  }, sample)
  local tbl
  for _, b in ipairs(out.blocks) do if b.kind == "table" then tbl = b end end
  expect(tbl, "a table")
  expect_eq(#tbl.rows, 13)                         -- FY2002–07, FY2008–FY2018, FY2002–FY2018
  expect_eq(tbl.rows[1][1], "FY2002–FY2007")
  expect_eq(tbl.rows[2][1], "FY2008")
  expect_eq(tbl.rows[12][1], "FY2018")             -- the FY2020 request is left out
  expect_eq(tbl.rows[13][5], "34,183")
  expect(tbl.rows[13].strong, "the total row is emphasised")
  expect_eq(tbl.rows[11][4], "–")                  -- FY2017 CSF is not itemised
  expect_eq(tbl.align, "ldddd") -- numbers line up on the decimal point
end)

test("the stacked chart has three series over FY2008–FY2018", function()
  local out = render("aid_totals", {}, sample)
  local chart
  for _, b in ipairs(out.blocks) do if b.kind == "chart" then chart = b end end
  expect(chart and chart.stacked, "a stacked bar chart")
  expect_eq(#chart.categories, 11)
  expect_eq(chart.categories[1], "FY2008")
  expect_eq(#chart.series, 3)
  expect_eq(chart.series[3].name, "Coalition Support Fund")
  expect_eq(chart.series[3].values[11], nil)       -- FY2018 CSF is a gap, not zero
  local sum = 0
  for _, s in ipairs(chart.series) do sum = sum + (s.values[3] or 0) end
  expect_eq(sum, 4504)                             -- FY2010 adds up to its total
end)

test("the long-run chart marks only the events it is given", function()
  local out = render("aid_totals", {
    obligations = {
      data = "data/us-obligations-pakistan-1948-2024.csv", caption = "Obligations",
      events = { { at = "1991", label = "Oct 1990: aid cut off" } },
    },
  }, sample)
  local line
  for _, b in ipairs(out.blocks) do if b.kind == "chart" and b.chart == "line" then line = b end end
  expect(line, "a line chart")
  expect_eq(line.categories[1], "1948")
  expect_eq(line.events, 1)
end)

test("a missing data file is an error naming it", function()
  expect_error(function() render("aid_totals", { data = "data/none.csv" }, sample) end, "data/none.csv")
end)
