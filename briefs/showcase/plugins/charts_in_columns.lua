-- charts_in_columns: charts in a two-column brief, two kept inside a column beside the text
-- (span = false) and one across the page.
local function fy(y) return "FY" .. y end

return {
  name = "charts_in_columns",
  version = "1.0.0",
  api = 1,
  description = "Charts inside one column and across the page of a two-column brief.",
  options = {
    aid = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
  },

  render = function(s, ctx)
    local crs = "CRS (2013, 2014, 2019)."
    local rows, byyear = {}, {}
    for _, r in ipairs(ctx:csv(ctx.options.aid)) do
      if r.status ~= "request" then rows[#rows + 1] = r; byyear[r.fiscal_year] = r end
    end
    local years, total = {}, {}
    for i, r in ipairs(rows) do years[i], total[i] = fy(r.fiscal_year), r.total_usd_m end

    s:heading("A decade of aid")
    s:paragraph("US appropriations and military reimbursements for Pakistan rose steeply after "
      .. "2008. The Enhanced Partnership with Pakistan Act of October 2009 authorised up to "
      .. "$1.5 bn a year of civilian aid for five years, and FY2010 was the peak of the series.")
    s:chart { kind = "hbar", span = false, categories = years,
      series = { { name = "All aid", values = total } }, format = "money",
      value_labels = { "FY2010", "FY2018" },
      caption = "All aid by year, in one column", source = crs }
    s:paragraph("From FY2011 the totals fell almost every year. Economic aid shrank with the "
      .. "civilian programme, and Coalition Support Fund reimbursements, paid from the "
      .. "Pentagon's budget, were itemised in the source only up to FY2016.")
    s:paragraph("In January 2018 the United States suspended security assistance, and in "
      .. "August 2018 Pakistan was removed from the International Military Education and "
      .. "Training programme. FY2018's total was a small fraction of FY2010's.")

    local names = { "Security", "Economic", "CSF" }
    local col = { "security_usd_m", "economic_usd_m", "csf_usd_m" }
    local a, b = {}, {}
    for i, c in ipairs(col) do a[i], b[i] = byyear[2010][c], byyear[2016][c] end
    s:chart { kind = "dumbbell", span = false, categories = names, format = "money",
      value_labels = true, legend = "bottom",
      series = { { name = "FY2010", values = a }, { name = "FY2016", values = b } },
      caption = "Each kind of aid, FY2010 and FY2016", source = crs }
    s:paragraph("A chart kept in its column takes the column's measure: its labels, legend and "
      .. "value labels are set for the narrower width, and it moves to the next column, "
      .. "whole, when the one it is in has no room left.")

    local points = {}
    for i, r in ipairs(rows) do
      points[i] = { x = r.security_usd_m, y = r.economic_usd_m, label = years[i] }
    end
    s:chart { kind = "scatter", points = points, trend = "equation",
      caption = "Across the page: economic against security-related aid, one point a year",
      x_title = "Security-related, US$ millions", y_title = "Economic-related, US$ millions",
      aspect = 0.3, source = crs }
    s:paragraph("Across the whole period the two kinds of aid moved together: years of high "
      .. "security-related aid were also years of high economic aid, as the trend line shows.")
  end,
}
