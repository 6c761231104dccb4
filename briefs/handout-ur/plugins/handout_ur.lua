-- handout_ur: one fiscal year of US aid to Pakistan (ctx.params.year) for Urdu and English
-- readers: an Urdu headline and summary, the English summary, and a table of the figures with
-- Urdu and English labels.
return {
  name = "handout_ur",
  version = "1.0.0",
  api = 1,
  description = "One fiscal year of US aid to Pakistan, in Urdu and English, on one page.",
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
    -- Urdu writes numbers in Extended Arabic-Indic digits, left to right inside the line
    local digits = { "۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹" }
    local function ur(n, plain) -- plain: a year, no thousands separator
      local t = plain and tostring(n) or fmt.number(n)
      return (t:gsub("%d", function(d) return digits[tonumber(d) + 1] end):gsub(",", "٬"))
    end
    local function yr(n) return ur(n, true) end
    local share = math.floor(this.total_usd_m / total * 100 + 0.5)
    local first, last = rows[1].fiscal_year, rows[#rows].fiscal_year

    s:title { title = string.format("پاکستان کے لیے امریکی امداد، مالی سال %s", yr(year)),
              subtitle = string.format("US aid to Pakistan in FY%d", year),
              meta = "حقائق نامہ  ·  Fact sheet  ·  Congressional Research Service" }

    s:heading("خلاصہ")
    s:paragraph(string.format(
      "مالی سال %s میں امریکہ نے پاکستان کے لیے %s ملین ڈالر کی امداد منظور کی، جو %s سے %s "
        .. "تک کی کل امریکی امداد (%s ملین ڈالر) کا %s فیصد تھی۔ اس میں سلامتی سے متعلق امداد "
        .. "%s ملین ڈالر اور معاشی امداد %s ملین ڈالر تھی۔",
      yr(year), ur(this.total_usd_m), yr(first), yr(last), ur(total), ur(share),
      ur(this.security_usd_m), ur(this.economic_usd_m)))
    s:paragraph("یہ اعداد منظور شدہ رقوم ہیں، ادا شدہ نہیں۔ Coalition Support Fund کی "
      .. "ادائیگیاں الگ دکھائی گئی ہیں۔")

    s:heading("Summary")
    s:paragraph(string.format(
      "In FY%d the United States appropriated %s for Pakistan, %d %% of all US aid from FY%d "
        .. "to FY%d (%s): %s security-related and %s economic-related. Figures are "
        .. "appropriations, not disbursements.",
      year, fmt.money(this.total_usd_m), share, first, last, fmt.money(total),
      fmt.money(this.security_usd_m), fmt.money(this.economic_usd_m)))

    -- An Urdu brief's table reads from the right (briefc mirrors the columns of a right-to-left
    -- brief): the Urdu label first, at the right margin, the English label last, at the left,
    -- so each language reads from its own margin
    local function row(urdu, v, english)
      return { urdu, v and ur(v) or nil, v, english }
    end
    s:table {
      caption = string.format("اعداد و شمار، مالی سال %s / Figures, FY%d (US$ million)", yr(year), year),
      columns = { { title = "مد", align = "right" }, { title = "ملین ڈالر", align = "right" },
                  { title = "US$ m", align = "right" }, "Item" },
      rows = {
        row("سلامتی سے متعلق", this.security_usd_m, "Security-related"),
        row("معاشی", this.economic_usd_m, "Economic-related"),
        row("اتحادی معاونتی فنڈ", this.csf_usd_m, "Coalition Support Fund"),
        { strong = true, "کل", ur(this.total_usd_m), this.total_usd_m, "Total" },
      },
      source = "Congressional Research Service, Direct Overt U.S. Aid Appropriations for and "
        .. "Military Reimbursements to Pakistan (2013, 2014, 2019).",
    }

    -- The series in a chart whose labels are Urdu and English: the chart is mirrored as the
    -- brief is right to left (value axis at the right, the first year at the right, the
    -- legend from the right), its Urdu labels shaped as body text is
    local years, sec, eco = {}, {}, {}
    for i, r in ipairs(rows) do
      years[i], sec[i], eco[i] = tostring(r.fiscal_year), r.security_usd_m, r.economic_usd_m
    end
    s:chart {
      kind = "bar", stacked = true, aspect = 0.32,
      caption = string.format("امریکی امداد، مالی سال %s تا %s / US aid, FY%d–FY%d (US$ million)",
        yr(first), yr(last), first, last),
      y_title = "ملین ڈالر / US$ m",
      categories = years,
      series = { { name = "سلامتی / Security", values = sec },
                 { name = "معاشی / Economic", values = eco } },
      highlight = { tostring(year) },
      source = "Congressional Research Service (2013, 2014, 2019).",
    }
  end,
}
