-- aid_totals: US aid to Pakistan by year, as a table and a stacked bar chart, from the
-- CRS series; optionally the long-run obligations series as a line chart with dated events.
local function fy(year) return "FY" .. year end

return {
  name = "aid_totals",
  version = "1.0.0",
  api = 1,
  description = "Annual US aid (security, economic, CSF) as a table and a stacked bar chart.",
  options = {
    data = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV in the brief's folder" },
    heading = { type = "string", default = "What the United States gave", description = "Section heading" },
    intro = { type = "string", description = "Paragraph before the table" },
    early_total = { type = "table", description = "A row for years published only as one total {label, security, economic, csf, total}" },
    cumulative = { type = "table", description = "A closing total row {security, economic, csf, total}" },
    table_source = { type = "string", description = "Source note under the table" },
    chart_source = { type = "string", description = "Source note under the chart" },
    after = { type = "string", description = "Paragraph after the chart" },
    obligations = { type = "table", description = "Long-run line chart {data, intro, caption, events, source}" },
    label = { type = "string", default = "aid", description = "Cross-reference labels: <label>-table, <label>-chart, <label>-obligations" },
  },

  render = function(s, ctx)
    local opts = ctx.options
    local rows = ctx:csv(opts.data or "data/us-aid-pakistan.csv")

    -- Enacted years only: the FY2020 figure is a budget request, not an appropriation.
    local years = {}
    for _, row in ipairs(rows) do
      if row.status ~= "request" then years[#years + 1] = row end
    end
    local first, last = years[1], years[#years]

    s:heading(opts.heading or "What the United States gave")
    if opts.intro then s:paragraph(opts.intro) end

    -- The table: the published FY2002–FY2007 total, then one row per year.
    local table_rows = {}
    local early = opts.early_total
    if early then
      table_rows[#table_rows + 1] = {
        early.label, early.security, early.economic, early.csf, early.total,
      }
    end
    for _, row in ipairs(years) do
      local note = row.status == "enacted_csf_estimate" and "*" or ""
      table_rows[#table_rows + 1] = {
        fy(row.fiscal_year) .. note, row.security_usd_m, row.economic_usd_m, row.csf_usd_m,
        row.total_usd_m,
      }
    end
    if opts.cumulative then
      local c = opts.cumulative
      table_rows[#table_rows + 1] = {
        "FY2002–FY2018", c.security, c.economic, c.csf, c.total, strong = true,
      }
    end

    s:table {
      caption = string.format("US aid appropriations and military reimbursements to Pakistan, "
        .. "FY2002–%s (US$ millions, nominal)", fy(last.fiscal_year)),
      columns = {
        "Fiscal year", "Security-related", "Economic-related", "Coalition Support Fund",
        "Total",
      },
      rows = table_rows,
      source = opts.table_source,
      label = opts.label .. "-table",
    }

    -- The chart: one stacked bar per enacted year.
    local categories, security, economic, csf = {}, {}, {}, {}
    for i, row in ipairs(years) do
      categories[i] = fy(row.fiscal_year)
      security[i] = row.security_usd_m
      economic[i] = row.economic_usd_m
      csf[i] = row.csf_usd_m -- nil where the source prints only a footnote
    end
    s:chart {
      kind = "bar",
      stacked = true,
      caption = string.format("US aid to Pakistan by type, %s–%s", fy(first.fiscal_year),
        fy(last.fiscal_year)),
      categories = categories,
      series = {
        { name = "Security-related", values = security },
        { name = "Economic-related", values = economic },
        { name = "Coalition Support Fund", values = csf },
      },
      y_title = "US$ millions, nominal",
      aspect = 0.42,
      source = opts.chart_source,
      label = opts.label .. "-chart",
    }

    if opts.after then s:paragraph(opts.after) end

    -- The long view: obligations since 1948 in constant dollars, with sourced events.
    if opts.obligations then
      local o = opts.obligations
      local data = ctx:csv(o.data)
      local cats, values = {}, {}
      for i, row in ipairs(data) do
        cats[i] = tostring(row.fiscal_year)
        values[i] = row.obligations_constant_fy2022_usd_m
      end
      if o.intro then s:paragraph(o.intro) end
      s:chart {
        kind = "line",
        caption = o.caption,
        categories = cats,
        series = { { name = "Obligations", values = values } },
        y_title = "US$ millions, constant FY2022 dollars",
        aspect = 0.38,
        events = o.events,
        source = o.source,
        label = opts.label .. "-obligations",
      }
    end
  end,
}
