-- richer: the chart kinds and options of issue 18 on the sample brief's aid data: a labelled
-- scatter with its trend line, a right-hand axis, annotations with leader lines, small
-- multiples, range and dumbbell charts, decimals per axis, a legend on the right and value
-- labels on chosen bars only. Every figure is from data/us-aid-pakistan.csv (CRS).
local function fy(y) return "FY" .. y end

return {
  name = "richer",
  version = "1.0.0",
  api = 1,
  description = "Scatter, two axes, annotations, small multiples, ranges and dumbbells.",
  options = {
    aid = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
  },

  render = function(s, ctx)
    local crs = "Congressional Research Service (2013, 2014, 2019)."
    local rows, byyear = {}, {}
    for _, r in ipairs(ctx:csv(ctx.options.aid)) do
      if r.status ~= "request" then rows[#rows + 1] = r; byyear[r.fiscal_year] = r end
    end
    local years, sec, eco, csf, total, imet = {}, {}, {}, {}, {}, {}
    for i, r in ipairs(rows) do
      years[i], sec[i], eco[i], csf[i], total[i], imet[i] = fy(r.fiscal_year), r.security_usd_m,
        r.economic_usd_m, r.csf_usd_m, r.total_usd_m, r.imet_usd_m
    end

    s:heading("Scatter, two axes and notes")
    local points = {}
    for i, r in ipairs(rows) do
      points[i] = { x = r.security_usd_m, y = r.economic_usd_m, label = years[i] }
    end
    s:chart { kind = "scatter", points = points, trend = "equation", highlight = { "FY2010" },
      caption = "Scatter: economic against security-related aid, one point a year, with its "
        .. "least-squares trend",
      x_title = "Security-related aid, US$ millions", y_title = "Economic-related aid, US$ millions",
      decimals = { x = 0, y = 0 }, aspect = 0.5, source = crs }

    s:chart { kind = "line", markers = true, categories = years,
      series = { { name = "All aid (left axis)", values = total },
                 { name = "IMET training (right axis)", values = imet, axis = "right" } },
      format = "money", y2_format = "money", y_title = "All aid, US$", y2_title = "IMET, US$",
      caption = "A second value axis: military training (IMET) is a few million dollars a year",
      aspect = 0.4, source = crs }

    s:chart { kind = "bar", categories = years,
      series = { { name = "All aid", values = total } }, format = "money",
      annotations = {
        { x = "FY2010", y = byyear[2010].total_usd_m, text = "Oct 2009: Enhanced Partnership Act" },
        { x = "FY2018", y = byyear[2018].total_usd_m, text = "Jan 2018: security aid suspended" } },
      caption = "Annotations with leader lines, placed clear of the bars",
      y_title = "US$, nominal", aspect = 0.42, source = crs }

    s:heading("Small multiples, ranges and dumbbells")
    s:chart { kind = "bar", facet = "series", categories = years, format = "money",
      series = { { name = "Security-related", values = sec }, { name = "Economic-related", values = eco },
                 { name = "Coalition Support Fund", values = csf } },
      caption = "Small multiples: one panel per kind of aid, on one shared scale",
      y_title = "US$, nominal", aspect = 0.34, source = crs }

    local kinds = { { "Security-related", sec }, { "Economic-related", eco },
                    { "Coalition Support Fund", csf }, { "All aid", total } }
    local names, lo, hi, y10, y16 = {}, {}, {}, {}, {}
    for i, k in ipairs(kinds) do
      names[i] = k[1]
      local a, b = math.huge, -math.huge
      for _, v in pairs(k[2]) do a, b = math.min(a, v), math.max(b, v) end
      lo[i], hi[i] = a, b
    end
    local col = { "security_usd_m", "economic_usd_m", "csf_usd_m", "total_usd_m" }
    for i, c in ipairs(col) do y10[i], y16[i] = byyear[2010][c], byyear[2016][c] end
    s:chart { kind = "range", categories = names, format = "money", value_labels = true,
      series = { { name = "Lowest year", values = lo }, { name = "Highest year", values = hi } },
      caption = "Range: each kind of aid from its lowest to its highest year, FY2008–FY2018 "
        .. "(CSF: FY2008–FY2016)", source = crs }
    s:chart { kind = "dumbbell", categories = names, format = "money", value_labels = true,
      series = { { name = "FY2010", values = y10 }, { name = "FY2016", values = y16 } },
      caption = "Dumbbell: each kind of aid in FY2010 and in FY2016", source = crs }

    local ssh, esh = {}, {}
    for i, r in ipairs(rows) do
      ssh[i], esh[i] = r.security_usd_m / r.total_usd_m, r.economic_usd_m / r.total_usd_m
    end
    s:chart { kind = "bar", categories = years, format = "percent", legend = "right",
      series = { { name = "Security-related", values = ssh }, { name = "Economic-related", values = esh } },
      decimals = { labels = 1, y = 0 }, value_labels = { "FY2010", "FY2018" },
      caption = "Decimals per axis and label, a legend on the right: shares of each year's aid",
      aspect = 0.4, source = crs .. " Shares of the grand total; CSF is the rest." }
  end,
}
