-- probe: reads the file named in its options and reports what it found, for tests.
return {
  name = "probe", version = "1", api = 1, description = "Test helper: reads data files.",
  options = {
    csv = { type = "string", description = "A CSV file to read" },
    json = { type = "string", description = "A JSON file to read" },
    text = { type = "string", description = "A text file to read" },
  },
  render = function(s, ctx)
    local o = ctx.options
    if o.csv then
      local rows = ctx:csv(o.csv)
      s:paragraph(table.concat(rows.columns, "|"))
      for _, r in ipairs(rows) do
        s:paragraph(string.format("%s/%s/%s/%s", r.name, tostring(r.amount), math.type(r.amount), tostring(r.note)))
      end
    end
    if o.json then
      local v = ctx:json(o.json)
      s:paragraph(string.format("%s %d %s %s %s %s", v.title, v.years.n, tostring(v.years[3]),
        tostring(v.total), tostring(v.ok), v.nested.x))
    end
    if o.text then s:paragraph(ctx:read_text(o.text)) end
  end,
}
