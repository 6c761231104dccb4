-- handout: a one-page fact sheet on US aid to Pakistan in one fiscal year (ctx.params.year),
-- with the year highlighted in the FY2008–FY2018 series.
return {
  name = "handout",
  version = "1.0.0",
  api = 1,
  description = "One fiscal year of US aid to Pakistan on one printable page.",
  options = {
    data = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
  },

  render = function(s, ctx)
    local year = ctx.params.year
    local rows, this, total = {}, nil, 0
    for _, r in ipairs(ctx:csv(ctx.options.data)) do
      if r.status ~= "request" then
        rows[#rows + 1] = r
        total = total + r.total_usd_m
        if r.fiscal_year == year then this = r end
      end
    end
    if not this then
      error(string.format("no CRS figures for FY%s: the series covers FY%d–FY%d", tostring(year),
        rows[1].fiscal_year, rows[#rows].fiscal_year), 0)
    end
    local fy = "FY" .. year
    s:title { title = "US aid to Pakistan in " .. fy,
              subtitle = "What the United States appropriated, and how it compares",
              meta = "Fact sheet  ·  Congressional Research Service data" }
    local csf = this.csf_usd_m
    s:callout { title = fy .. " at a glance", items = {
      string.format("Total: **%s**, %s of all US aid FY2008–FY2018 (%s).",
        fmt.money(this.total_usd_m), fmt.percent(this.total_usd_m / total), fmt.money(total)),
      string.format("Security-related: **%s**; economic-related: **%s**.",
        fmt.money(this.security_usd_m), fmt.money(this.economic_usd_m)),
      csf and string.format("Coalition Support Fund reimbursements: **%s**%s.", fmt.money(csf),
        this.status == "enacted_csf_estimate" and " (an estimate in the source)" or "")
        or "Coalition Support Fund reimbursements are not itemised for this year in the source.",
    } }
    local cats, sec, eco, c = {}, {}, {}, {}
    for i, r in ipairs(rows) do
      cats[i] = "FY" .. r.fiscal_year
      sec[i], eco[i], c[i] = r.security_usd_m, r.economic_usd_m, r.csf_usd_m
    end
    s:chart { kind = "bar", stacked = true, format = "money", highlight = { fy },
      caption = string.format("%s in the series of US aid to Pakistan, FY2008–FY2018", fy),
      categories = cats,
      series = { { name = "Security-related", values = sec }, { name = "Economic-related", values = eco },
                 { name = "Coalition Support Fund", values = c } },
      aspect = 0.45,
      source = "Congressional Research Service, Direct Overt U.S. Aid Appropriations for and "
        .. "Military Reimbursements to Pakistan (2013, 2014, 2019). Appropriations, not disbursements." }
  end,
}
