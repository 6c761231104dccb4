-- title_block: the brief's title, subtitle, authors and date, an optional logo and summary.
return {
  name = "title_block",
  version = "1.0.0",
  api = 1,
  description = "Title, subtitle, authors and date from the brief, with an optional lead summary.",
  options = {
    summary = { type = "string", description = "A lead paragraph under the title (markup allowed)" },
    logo = { type = "table", description = "The logo at the top right: a table with file (a PNG or JPEG in the brief folder) and width (mm, default 30)" },
  },

  render = function(s, ctx)
    s:title(ctx.options.logo and { logo = ctx.options.logo } or nil)
    if ctx.options.summary then
      s:paragraph(ctx.options.summary, { style = "lead" })
    end
  end,
}
