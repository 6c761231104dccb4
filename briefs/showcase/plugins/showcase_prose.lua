-- showcase_prose: a section written in Markdown (text/aid-story.md): a block quote with its
-- attribution, nested and mixed lists, a GitHub table with a caption and a source.
return {
  name = "showcase_prose",
  version = "1.0.0",
  api = 1,
  description = "Markdown prose: block quote, nested lists, a GFM table.",
  options = {
    file = { type = "string", default = "text/aid-story.md", description = "Markdown file" },
  },
  render = function(s, ctx)
    s:markdown(ctx:markdown_file(ctx.options.file))
  end,
}
