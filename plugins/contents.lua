-- contents: a table of contents, one line per heading with dot leaders and page numbers.
return {
  name = "contents",
  version = "1.0.0",
  api = 1,
  description = "A table of contents: the brief's headings down to a depth, with dot leaders and page numbers.",
  options = {
    heading = { type = "string", description = "The contents' title (default \"Contents\" in the brief's language)" },
    depth = { type = "number", default = 2, description = "Heading levels listed: 1, 2 or 3" },
  },

  render = function(s, ctx)
    s:contents { title = ctx.options.heading, depth = ctx.options.depth }
  end,
}
