-- charts_showcase: the richer charts of issue 18 in a brief: notes with leader lines on a long
-- line, small multiples grouping series into panels with a note in each, a scatter of three series (the phases of
-- the relationship) with its trend, a dumbbell with a highlighted row, and a legend below bars
-- labelled on chosen years only.
local function fy(y) return "FY" .. y end

return {
  name = "charts_showcase",
  version = "1.0.0",
  api = 1,
  description = "Richer charts: notes, small multiples, scatter, dumbbell, chosen labels.",
  options = {
    aid = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
    obligations = { type = "string", default = "data/us-obligations-pakistan-1948-2024.csv",
                    description = "ForeignAssistance.gov obligations CSV" },
  },

  render = function(s, ctx)
    local crs = "Congressional Research Service (2013, 2014, 2019)."
    local rows, byyear = {}, {}
    for _, r in ipairs(ctx:csv(ctx.options.aid)) do
      if r.status ~= "request" then rows[#rows + 1] = r; byyear[r.fiscal_year] = r end
    end
    local years, sec, eco, csf, total = {}, {}, {}, {}, {}
    for i, r in ipairs(rows) do
      years[i], sec[i], eco[i], csf[i], total[i] =
        fy(r.fiscal_year), r.security_usd_m, r.economic_usd_m, r.csf_usd_m, r.total_usd_m
    end

    s:heading("Charts")
    s:paragraph("The charts below are drawn from two published series: the Congressional "
      .. "Research Service's tables of aid appropriations and military reimbursements, and "
      .. "ForeignAssistance.gov's obligations since 1948. Each names its source under it.")

    local cats, oblig, at = {}, {}, {}
    for i, r in ipairs(ctx:csv(ctx.options.obligations)) do
      cats[i] = tostring(r.fiscal_year)
      oblig[i] = r.obligations_constant_fy2022_usd_m
      at[cats[i]] = oblig[i]
    end
    s:chart { kind = "line", categories = cats, series = { { name = "Obligations", values = oblig } },
      format = "money",
      annotations = {
        { x = "1991", y = at["1991"], text = "Oct 1990: aid cut off" },
        { x = "2010", y = at["2010"], text = "Oct 2009: Enhanced Partnership Act" } },
      caption = "US obligations to Pakistan, 1948–2024, with notes on the turning points",
      y_title = "US$, FY2022 dollars", aspect = 0.4, source = "ForeignAssistance.gov." }

    s:chart { kind = "line", markers = true, categories = years, format = "money",
      series = { { name = "Security-related", values = sec, facet = "Military" },
                 { name = "Coalition Support Fund", values = csf, facet = "Military" },
                 { name = "Economic-related", values = eco, facet = "Civilian" } },
      facet_columns = 2, y_title = "US$, nominal",
      annotations = {
        { panel = "Military", x = "FY2018", y = byyear[2018].security_usd_m,
          text = "Jan 2018: security aid suspended" },
        { panel = "Civilian", x = "FY2010", y = byyear[2010].economic_usd_m,
          text = "Enhanced Partnership Act" } },
      caption = "Small multiples: military and civilian aid in panels of their own, one scale, "
        .. "a note in each",
      aspect = 0.36, source = crs }

    local points = {}
    local function phase(y)
      return y <= 2009 and "Front-line partner, FY2008–09" or y <= 2014
        and "Enhanced Partnership, FY2010–14" or "Decline, FY2015–16"
    end
    for i, r in ipairs(rows) do
      if r.csf_usd_m then
        points[#points + 1] = { x = r.security_usd_m, y = r.csf_usd_m, label = years[i],
                                series = phase(r.fiscal_year) }
      end
    end
    s:chart { kind = "scatter", points = points, trend = true,
      caption = "Coalition Support Fund reimbursements against security-related aid, FY2008–FY2016",
      x_title = "Security-related aid, US$ millions", y_title = "CSF, US$ millions",
      decimals = { x = 0, y = 0 }, aspect = 0.45, source = crs }

    local names = { "Security-related", "Economic-related", "Coalition Support Fund", "All aid" }
    local col = { "security_usd_m", "economic_usd_m", "csf_usd_m", "total_usd_m" }
    local a, b = {}, {}
    for i, c in ipairs(col) do a[i], b[i] = byyear[2009][c], byyear[2015][c] end
    s:chart { kind = "dumbbell", categories = names, format = "money", value_labels = true,
      highlight = { "Coalition Support Fund" }, legend = "bottom",
      series = { { name = "FY2009", values = a }, { name = "FY2015", values = b } },
      caption = "FY2009 against FY2015: only the Coalition Support Fund held up", source = crs }

    s:chart { kind = "bar", stacked = true, categories = years, format = "money", legend = "bottom",
      series = { { name = "Security-related", values = sec }, { name = "Economic-related", values = eco },
                 { name = "Coalition Support Fund", values = csf } },
      value_labels = { "FY2010", "FY2018" },
      caption = "Stacked aid, labelled at its peak and at its end only, the legend below",
      aspect = 0.4, source = crs }
  end,
}
