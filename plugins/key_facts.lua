-- key_facts: a shaded box of the figures a reader should leave with.
-- Figures about US aid are computed from the CRS table, so they always match it.
return {
  name = "key_facts",
  version = "1.0.0",
  api = 1,
  description = "A key-facts box: aid figures computed from the CRS data plus listed facts.",
  options = {
    title = { type = "string", default = "Key facts", description = "The box's title" },
    aid_data = { type = "string", description = "CRS aid CSV in the brief's folder; adds computed facts" },
    cumulative = { type = "table", description = "Published FY2002–FY2018 totals {security, economic, csf, total}, US$ m" },
    facts = { type = "list", description = "Further facts, one markup string each" },
  },

  render = function(s, ctx)
    local opts = ctx.options
    local facts = {}

    if opts.aid_data then
      local rows = ctx:csv(opts.aid_data)
      local peak, enacted = nil, {}
      for _, row in ipairs(rows) do
        if row.status ~= "request" then
          enacted[#enacted + 1] = row
          if not peak or row.total_usd_m > peak.total_usd_m then peak = row end
        end
      end
      local last = enacted[#enacted]
      local c = opts.cumulative  -- published FY2002–FY2018 totals (CRS-2019-03)
      facts[#facts + 1] = string.format(
        "**%s** in US aid and military reimbursements to Pakistan, FY2002–FY2018; "
          .. "**%s** of it Coalition Support Fund reimbursements.",
        fmt.money(c.total), fmt.percent(c.csf / c.total))
      facts[#facts + 1] = string.format(
        "Annual aid peaked at **%s** in FY%d and fell to **%s** by FY%d.",
        fmt.money(peak.total_usd_m), peak.fiscal_year, fmt.money(last.total_usd_m),
        last.fiscal_year)
    end

    for _, fact in ipairs(opts.facts or {}) do
      facts[#facts + 1] = fact
    end

    s:callout { title = opts.title or "Key facts", items = facts }
  end,
}
