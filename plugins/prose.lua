-- prose: a heading and paragraphs written in the brief itself.
return {
  name = "prose",
  version = "1.0.0",
  api = 1,
  description = "Free text: an optional heading and a list of paragraphs (inline markup allowed).",
  options = {
    heading = { type = "string", description = "Heading above the text" },
    level = { type = "integer", default = 1, description = "Heading level, 1 to 3" },
    paragraphs = { type = "list", description = "Paragraphs (markup allowed)" },
    bullets = { type = "list", description = "A bulleted list after the paragraphs" },
  },

  render = function(s, ctx)
    local opts = ctx.options
    if opts.heading then s:heading(opts.heading, { level = opts.level or 1 }) end
    for _, p in ipairs(opts.paragraphs or {}) do s:paragraph(p) end
    if opts.bullets then s:list(opts.bullets) end
  end,
}
