-- fy_summary: one fiscal year of US aid to Pakistan: a summary, a table and a chart, styled
-- only by the brief's house style.
return {
  name = "fy_summary",
  version = "1.0.0",
  api = 1,
  description = "One fiscal year of US aid to Pakistan, with its table and chart.",
  options = {
    data = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
  },

  render = function(s, ctx)
    local year = ctx.params.year
    local rows, this = {}, nil
    for _, r in ipairs(ctx:csv(ctx.options.data)) do
      if r.status ~= "request" then
        rows[#rows + 1] = r
        if r.fiscal_year == year then this = r end
      end
    end
    if not this then error("no CRS figures for FY" .. tostring(year), 0) end
    s:heading("Summary")
    s:paragraph(string.format("In FY%d the United States appropriated **%s** for Pakistan: "
      .. "%s for security and %s for economic programmes [@crs2019]. [#fy] sets the year "
      .. "beside the one before it, and [#series] shows it in the series.",
      year, fmt.money(this.total_usd_m), fmt.money(this.security_usd_m),
      fmt.money(this.economic_usd_m)))
    s:heading("The year in figures")
    local prev
    for _, r in ipairs(rows) do if r.fiscal_year == year - 1 then prev = r end end
    local trows = {}
    for _, r in ipairs({ prev, this }) do
      trows[#trows + 1] = { "FY" .. r.fiscal_year, r.security_usd_m, r.economic_usd_m, r.total_usd_m }
    end
    s:table { caption = string.format("US aid to Pakistan, FY%d and the year before (US$ m)", year),
      label = "fy",
      columns = { "Fiscal year", { title = "Security", align = "right" },
                  { title = "Economic", align = "right" }, { title = "Total", align = "right" } },
      rows = trows, source = "Congressional Research Service (2019)" }
    s:paragraph("Security-related aid includes Foreign Military Financing and the "
      .. "International Military Education and Training programme; economic-related aid "
      .. "includes the Economic Support Fund and food aid.")
    s:heading("The series")
    local cats, tot = {}, {}
    for i, r in ipairs(rows) do cats[i], tot[i] = "FY" .. r.fiscal_year, r.total_usd_m end
    s:chart { kind = "bar", format = "money", highlight = { "FY" .. year }, label = "series",
      caption = string.format("FY%d in the series of US aid to Pakistan, FY2008–FY2018", year),
      categories = cats, series = { { name = "Total", values = tot } }, aspect = 0.42,
      source = "Congressional Research Service (2013, 2014, 2019)" }
    s:heading("Where the money went")
    s:paragraph("Most economic aid after 2009 flowed through the Enhanced Partnership with "
      .. "Pakistan Act, which tripled civilian assistance for five years.")
  end,
}
