-- showcase_stata: the CRS aid series read from a Stata file (data/us-aid-pakistan.dta, written
-- from the CSV beside it by tests/stat/aiddta.c with ReadStat; data/README.md says how), in a
-- table whose first column spans the rows each CRS report gives. Subscripts and small capitals
-- in the prose; the status column is the file's value label, CSF's missing years are nil.
-- A bar-and-line chart of the same rows closes it.
return {
  name = "showcase_stata",
  version = "1.0.0",
  api = 1,
  description = "Data from a Stata file with ctx:stat_file, in a table with row spans.",
  options = {
    file = { type = "string", default = "data/us-aid-pakistan.dta", description = "Stata file" },
  },
  render = function(s, ctx)
    local rows = ctx:stat_file(ctx.options.file)
    local reports = {
      ["CRS-2013-10"] = "CRS-2013-10, 24 Oct 2013",
      ["CRS-2014-03"] = "CRS-2014-03, 6 Mar 2014",
      ["CRS-2019-03"] = "CRS-2019-03, 12 Mar 2019",
    }
    local t, missing, off = {}, 0, {}
    for i, r in ipairs(rows) do
      local parts = r.security_usd_m + r.economic_usd_m + (r.csf_usd_m or 0)
      if r.csf_usd_m == nil then missing = missing + 1 end
      -- cells by position: a missing CSF is a nil in its place (an en dash), not a gap
      local row, k = {}, 0
      if i == 1 or rows[i - 1].source ~= r.source then
        local n = 1
        while rows[i + n] and rows[i + n].source == r.source do n = n + 1 end
        row[1], k = { reports[r.source] or r.source, rowspan = n }, 1
      end
      row[k + 1], row[k + 2], row[k + 3] = "FY" .. r.fiscal_year, r.status, r.imet_usd_m
      row[k + 4], row[k + 5], row[k + 6] = r.csf_usd_m, r.total_usd_m, r.total_usd_m - parts
      if r.total_usd_m ~= parts then off[#off + 1] = "FY" .. r.fiscal_year end
      t[#t + 1] = row
    end

    s:heading("Data from a Stata file")
    s:paragraph(string.format("Analysts often keep a series as a Stata file. This table reads "
      .. "`data/us-aid-pakistan.dta` with `ctx:stat_file`: %d fiscal years with their types, "
      .. "the file's value label for each year's status in place of its code, and %d years "
      .. "whose [csf]{.smallcaps} figure is missing in the file (shown as a dash). Its first "
      .. "column spans the years each [crs]{.smallcaps} report supplies.", #rows, missing))
    s:paragraph("Each year's total T~t~ is the sum of its parts, S~t~ + E~t~ + C~t~ (security, "
      .. "economic and [csf]{.smallcaps}); the last column checks it. It is zero in every year "
      .. "but " .. table.concat(off, ", ") .. ", where the source's rounding leaves "
      .. "US$1 m.")
    s:table {
      caption = "The CRS series by report, read from a Stata file (US$ millions)",
      columns = { "CRS report", "Fiscal year", "Status", "IMET", "CSF", "Total",
                  "T~t~ − (S~t~ + E~t~ + C~t~)" },
      rows = t,
      source = "Congressional Research Service, \"Direct Overt U.S. Aid Appropriations for and "
        .. "Military Reimbursements to Pakistan\", three editions, via data/us-aid-pakistan.dta. "
        .. "IMET: " .. rows.column_labels.imet_usd_m .. ". FY2020 is the request.",
    }

    -- the same rows as a bar-and-line chart: totals as bars, CSF's share as a line on the
    -- right-hand axis (no point where the file has no CSF figure)
    local years, totals, shares = {}, {}, {}
    for _, r in ipairs(rows) do
      if r.status ~= "requested" then
        years[#years + 1] = "FY" .. r.fiscal_year
        totals[#years] = r.total_usd_m
        shares[#years] = r.csf_usd_m and 100 * r.csf_usd_m / r.total_usd_m
      end
    end
    s:paragraph("Bars and a line share one chart when one measure explains the other: the "
      .. "totals as bars on the left axis, the Coalition Support Fund's share of each as a line "
      .. "on the right, broken where the file has no [csf]{.smallcaps} figure.")
    s:chart {
      kind = "bar",
      caption = "Total aid and the Coalition Support Fund's share of it, FY2008–FY2018",
      categories = years,
      series = {
        { name = "Total, US$ millions", values = totals },
        { name = "CSF share of the total, %", values = shares, mark = "line", axis = "right" },
      },
      y_title = "US$ millions",
      y2_title = "CSF share, %",
      decimals = { y2 = 0 },
      value_labels = false,
      aspect = 0.42,
      source = "Congressional Research Service (2013, 2014, 2019), via data/us-aid-pakistan.dta.",
    }
  end,
}
