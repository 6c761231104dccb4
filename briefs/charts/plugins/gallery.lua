-- gallery: every chart kind briefc draws, on the sample brief's aid data.
local function fy(y) return "FY" .. y end

return {
  name = "gallery",
  version = "1.0.0",
  api = 1,
  description = "A gallery of every chart kind, for reviewing chart design.",
  options = {
    aid = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
    obligations = { type = "string", default = "data/us-obligations-pakistan-1948-2024.csv",
                    description = "ForeignAssistance.gov obligations CSV" },
    by_country = { type = "string", default = "data/us-obligations-by-country-fy2022.csv",
                   description = "ForeignAssistance.gov obligations by recipient country, one year" },
  },

  render = function(s, ctx)
    local crs = "Congressional Research Service (2013, 2014, 2019)."
    local rows = {}
    for _, r in ipairs(ctx:csv(ctx.options.aid)) do
      if r.status ~= "request" then rows[#rows + 1] = r end
    end
    local years, sec, eco, csf, total = {}, {}, {}, {}, {}
    for i, r in ipairs(rows) do
      years[i], sec[i], eco[i], csf[i], total[i] =
        fy(r.fiscal_year), r.security_usd_m, r.economic_usd_m, r.csf_usd_m, r.total_usd_m
    end
    local three = {
      { name = "Security-related", values = sec },
      { name = "Economic-related", values = eco },
      { name = "Coalition Support Fund", values = csf },
    }

    s:heading("Bars")
    s:chart { kind = "bar", stacked = true, caption = "Stacked bars, money format, value labels",
      categories = years, series = three, format = "money", value_labels = true,
      y_title = "US$, nominal", aspect = 0.42, source = crs }
    s:chart { kind = "bar", caption = "Grouped bars with a highlighted year and a reference line",
      categories = { years[1], years[2], years[3], years[4], years[5], years[6] },
      series = { three[1], three[2] }, highlight = { "FY2010" },
      references = { { value = 1000, label = "$1 bn" } }, format = "money", aspect = 0.4, source = crs }
    s:chart { kind = "bar", stacked = "percent", caption = "100 % stacked bars: the mix of aid",
      categories = years, series = three, legend = "bottom", aspect = 0.4, source = crs }
    s:chart { kind = "hbar", caption = "Horizontal bars: total aid by year, sorted as published",
      categories = years, series = { { name = "Total", values = total } }, format = "money",
      value_labels = true, aspect = 0.55, source = crs }

    s:heading("Lines and areas")
    local oblig, ocats = {}, {}
    for i, r in ipairs(ctx:csv(ctx.options.obligations)) do
      ocats[i] = tostring(r.fiscal_year)
      oblig[i] = r.obligations_constant_fy2022_usd_m
    end
    s:chart { kind = "line", caption = "A long line with dated events and a log scale",
      categories = ocats, series = { { name = "Obligations", values = oblig } }, log = true,
      events = { { at = "1991", label = "Oct 1990: aid cut off" },
                 { at = "2018", label = "Jan 2018: aid suspended" } },
      y_title = "US$ millions, FY2022 dollars (log scale)", aspect = 0.38,
      source = "ForeignAssistance.gov." }
    s:chart { kind = "line", markers = true, legend = "direct",
      caption = "Several lines with markers, labelled at their ends (FY2017–18 CSF missing)",
      categories = years, series = three, format = "money", aspect = 0.42, source = crs }
    s:chart { kind = "area", caption = "Stacked areas (a gap where CSF is not itemised)",
      categories = years, series = three, format = "money", aspect = 0.4, source = crs }

    s:heading("Parts of a whole and comparisons")
    local c = ctx.options
    s:chart { kind = "donut", caption = "Donut: FY2002–FY2018 aid by type",
      alt = "Donut chart: of FY2002–FY2018 aid, Coalition Support Fund reimbursements are the largest part",
      categories = { "Security-related", "Economic-related", "Coalition Support Fund" },
      series = { { name = "FY2002–FY2018", values = { 8284, 11326, 14573 } } }, format = "money",
      source = "CRS-2019-03 (cumulative totals)." }
    s:chart { kind = "dot", caption = "Dot plot: security against economic aid, by year",
      categories = years, series = { three[1], three[2] }, format = "money", aspect = 0.55,
      source = crs }
    s:chart { kind = "bar", caption = "Negative values and gaps are drawn, not dropped",
      categories = { "A", "B", "C", "D", "E" },
      series = { { name = "Change", values = { 12, -8, nil, 30, -4 } },
                 { name = "Other", values = { -3, 5, 7, nil, 2 } } },
      x_title = "Illustrative values", aspect = 0.35 }

    s:heading("Maps")
    local fa = "ForeignAssistance.gov, U.S. Foreign Assistance by Country, obligations, FY2022, "
      .. "current US$ (data/MAPS.md). Borders: Natural Earth (de facto)."
    local aid = ctx:csv(ctx.options.by_country)
    s:chart { kind = "map", map = "world", projection = "natural-earth", extent = { -180, -58, 180, 84 },
      data = aid, key = "country", value = "usd_m", title = "US$ millions",
      breaks = { 0, 10, 100, 500, 1000, 12500 }, aspect = 0.52,
      caption = "Choropleth: US foreign assistance obligated in FY2022, by recipient country "
        .. "(hatched: no country figure; regional programmes left out)",
      source = fa }
    s:chart { kind = "map", map = "world", projection = "albers", extent = { 44, 5, 100, 44 },
      data = aid, key = "country", value = "usd_m", title = "US$ millions",
      breaks = "quantile", classes = 4, labels = true, aspect = 0.7,
      caption = "The same figures framed on South and Central Asia: quantile classes, labels "
        .. "where they fit, neighbours outside the frame cut at its edge",
      source = fa }
    s:chart { kind = "map", geojson = "data/pakistan-schematic.geojson", labels = true, aspect = 0.62,
      caption = "A map from a GeoJSON file of one's own: a hand-made schematic of Pakistan's "
        .. "provinces and territories (blocks, not real borders), drawn without values",
      source = "Hand-made schematic (data/pakistan-schematic.geojson); no figures." }
  end,
}
