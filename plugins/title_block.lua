-- title_block: the brief's title, subtitle, authors and date, and an optional summary.
return {
  name = "title_block",
  version = "1.0.0",
  api = 1,
  description = "Title, subtitle, authors and date from the brief, with an optional lead summary.",
  options = {
    summary = { type = "string", description = "A lead paragraph under the title (markup allowed)" },
  },

  render = function(s, ctx)
    s:title()
    if ctx.options.summary then
      s:paragraph(ctx.options.summary, { style = "lead" })
    end
  end,
}
