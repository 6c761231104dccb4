-- showcase_wide: a wide table on a landscape page of its own, in the portrait brief: every
-- fiscal year of the CRS series as a column (data/us-aid-pakistan.csv).
return {
  name = "showcase_wide",
  version = "1.0.0",
  api = 1,
  description = "A wide table on its own landscape page.",
  options = {
    aid = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
  },
  render = function(s, ctx)
    local data = ctx:csv(ctx.options.aid)
    local cols = { "US$ millions" }
    for _, r in ipairs(data) do
      cols[#cols + 1] = "FY" .. r.fiscal_year .. (r.status == "request" and "*" or "")
    end
    local lines = {
      { "Security-related", "security_usd_m" },
      { "Economic-related", "economic_usd_m" },
      { "Coalition Support Fund", "csf_usd_m" },
      { "Grand total", "total_usd_m", strong = true },
      { "of which IMET", "imet_usd_m" },
    }
    local rows = {}
    for _, l in ipairs(lines) do
      local row = { l[1], strong = l.strong }
      for _, r in ipairs(data) do row[#row + 1] = r[l[2]] end
      rows[#rows + 1] = row
    end
    s:landscape()
    s:heading("A wide table on a landscape page")
    s:paragraph("Twelve fiscal years do not fit across a portrait page. This section turns its "
      .. "page to landscape; the running header turns with it, and the brief goes back to "
      .. "portrait after it. An en dash marks a year the source gives no figure for.")
    s:table {
      caption = "US aid and reimbursements to Pakistan, FY2008–FY2018 and the FY2020 request",
      columns = cols,
      rows = rows,
      width = "full",
      source = "Congressional Research Service, CRS-2013-10, CRS-2014-03 and CRS-2019-03. "
        .. "* FY2020 is the administration's request; FY2019 has no figures in the source. "
        .. "IMET is part of security-related aid.",
    }
    s:portrait()
  end,
}
