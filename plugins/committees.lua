-- committees: the bodies that ran the partnership, as a table and a short summary of each.
return {
  name = "committees",
  version = "1.0.0",
  api = 1,
  description = "Committees and channels of the partnership: a table and a summary of each.",
  options = {
    data = { type = "string", default = "data/committees.csv", description = "CSV: body, established, purpose, status, summary, source" },
    heading = { type = "string", default = "Committees and channels", description = "Section heading" },
    intro = { type = "string", description = "Paragraph before the table" },
    caption = { type = "string", default = "The bodies of the partnership", description = "Table caption" },
    source = { type = "string", description = "Source note under the table" },
  },

  render = function(s, ctx)
    local opts = ctx.options
    local bodies = ctx:csv(opts.data or "data/committees.csv")

    s:heading(opts.heading or "Committees and channels")
    if opts.intro then s:paragraph(opts.intro) end

    local rows = {}
    for i, body in ipairs(bodies) do
      rows[i] = { body.body, body.established, body.purpose, body.status }
    end
    s:table {
      caption = opts.caption or "The bodies of the partnership",
      columns = {
        { title = "Body", width = 2.3 },
        { title = "Established", width = 2 },
        { title = "Purpose", width = 3.2 },
        { title = "Status", width = 2.5 },
      },
      rows = rows,
      source = opts.source,
    }

    for _, body in ipairs(bodies) do
      s:heading(body.body, { level = 2 })
      -- the source before the closing full stop: "… reimbursements (GAO 2008)."
      s:paragraph(body.summary:gsub("%.%s*$", "") .. " " .. body.source .. ".")
    end
  end,
}
