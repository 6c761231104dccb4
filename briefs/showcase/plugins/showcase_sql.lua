-- showcase_sql: data read with one SQL query from data/aid.sqlite, a copy of the CRS aid CSV
-- made with the sqlite3 command line (data/README.md says how), summed by the query itself.
return {
  name = "showcase_sql",
  version = "1.0.0",
  api = 1,
  description = "Data from an SQLite file with ctx:sql.",
  options = {
    db = { type = "string", default = "data/aid.sqlite", description = "SQLite file" },
    from = { type = "integer", default = 2010, description = "first fiscal year" },
  },
  render = function(s, ctx)
    local rows = ctx:sql(ctx.options.db, [[
      select case when fiscal_year <= 2014 then 'FY2010–FY2014, Enhanced Partnership'
                  else 'FY2015–FY2018, decline' end as period,
             count(*) as years, sum(security_usd_m) as security, sum(economic_usd_m) as economic,
             sum(total_usd_m) as total, round(avg(total_usd_m), 1) as average
      from aid where fiscal_year >= ? and status <> 'request'
      group by period order by min(fiscal_year)]], ctx.options.from)
    local t = {}
    for i, r in ipairs(rows) do
      t[i] = { r.period, r.years, r.security, r.economic, r.total, r.average }
    end
    s:heading("Data from a database")
    s:paragraph(string.format("The figures below are not read from a CSV: one SQL query "
      .. "(`ctx:sql`) sums the fiscal years from FY%d on in `data/aid.sqlite`, opened "
      .. "read-only. Economic aid fell from %s in the five years of the Enhanced Partnership "
      .. "to %s in the four after.", ctx.options.from,
      fmt.money(rows[1].economic), fmt.money(rows[2].economic)))
    s:table {
      caption = "Aid to Pakistan in two periods, summed in SQL (US$ millions)",
      columns = { "Period", "Years", "Security-related", "Economic-related", "Total",
                  { title = "Average a year", decimals = 1 } },
      rows = t,
      source = "Congressional Research Service, CRS-2014-03 and CRS-2019-03, via data/aid.sqlite. "
        .. "Totals are the source's grand totals, CSF included.",
    }
  end,
}
