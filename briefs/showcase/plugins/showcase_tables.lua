-- showcase_tables: one table with the richer parts of s:table: a two-level column header,
-- row groups with subtotals, a cell spanning two columns and two rows, column decimals and
-- units, and a footnote inside a cell. Figures: CRS aid tables (data/us-aid-pakistan.csv).
return {
  name = "showcase_tables",
  version = "1.0.0",
  api = 1,
  description = "A rich table: spans, two-level header, groups, subtotals, units, a footnote.",
  options = {
    aid = { type = "string", default = "data/us-aid-pakistan.csv", description = "CRS aid CSV" },
  },
  render = function(s, ctx)
    local groups = {
      { "Front-line partner", 2008, 2009 },
      { "Enhanced Partnership Act", 2010, 2014 },
      { "Decline and suspension", 2015, 2018 },
    }
    local by = {}
    for _, r in ipairs(ctx:csv(ctx.options.aid)) do by[r.fiscal_year] = r end

    local rows = {}
    for _, g in ipairs(groups) do
      rows[#rows + 1] = { group = g[1] .. ", FY" .. g[2] .. "–FY" .. g[3] }
      local ts, tc, te, tt = 0, 0, 0, 0
      for y = g[2], g[3] do
        local r = by[y]
        local label = "FY" .. y
        if r.status == "enacted_csf_estimate" then
          label = label .. "^[CRS-2014-03 marks FY2013's CSF figure as an estimate.]"
        end
        local row = { label, r.security_usd_m }
        if r.csf_usd_m then
          row[#row + 1] = r.csf_usd_m
          row[#row + 1] = 100 * r.csf_usd_m / r.total_usd_m
          tc = tc + r.csf_usd_m
        elseif not (by[y - 1] and by[y - 1].csf_usd_m == nil) then
          -- the source prints a footnote, not a figure: say so once, in one cell across CSF
          -- and its share and down every year in a row without it (FY2017 and FY2018)
          local n = 1
          while by[y + n] and y + n <= g[3] and by[y + n].csf_usd_m == nil do n = n + 1 end
          row[#row + 1] = { "no figure in the source^[For FY2017 and FY2018 the CRS table "
            .. "prints a footnote in place of the CSF figure.]", colspan = 2, rowspan = n }
        end
        row[#row + 1] = r.economic_usd_m
        row[#row + 1] = r.total_usd_m
        rows[#rows + 1] = row
        ts, te, tt = ts + r.security_usd_m, te + r.economic_usd_m, tt + r.total_usd_m
      end
      rows[#rows + 1] = { "Subtotal", ts, tc, 100 * tc / tt, te, tt, subtotal = true }
    end

    s:heading("Tables")
    s:paragraph("One table shows the richer parts of `s:table`: military aid under a header "
      .. "spanning its two columns, fiscal years grouped by the phases of the relationship "
      .. "with a subtotal for each, the Coalition Support Fund's share of each year's total "
      .. "to one decimal with its unit, and one cell spanning two columns and two years where "
      .. "the source gives no figure, its reason in a footnote.")
    s:table {
      caption = "US aid and reimbursements to Pakistan by phase, FY2008–FY2018 (US$ millions)",
      headers = { { "", { "Military", colspan = 3 }, { "Civilian", colspan = 1 }, "" } },
      columns = { "Fiscal year", "Security-related", { title = "CSF", align = "right" },
                  { title = "CSF share", decimals = 1, unit = "%" },
                  "Economic-related", "Total" },
      rows = rows,
      source = "Congressional Research Service, CRS-2013-10, CRS-2014-03 and CRS-2019-03. "
        .. "Appropriations, nominal; CSF share is CSF over the year's total. FY2018's total "
        .. "differs from the sum of its parts by 1 (rounding in the source).",
    }
  end,
}
