-- prose: a heading and paragraphs written in the brief itself.
return {
  name = "prose",
  version = "1.0.0",
  api = 1,
  description = "Free text: an optional heading and a list of paragraphs (inline markup allowed).",

  render = function(s, ctx)
    local opts = ctx.options
    if opts.heading then s:heading(opts.heading, { level = opts.level or 1 }) end
    for _, p in ipairs(opts.paragraphs or {}) do s:paragraph(p) end
    if opts.bullets then s:list(opts.bullets) end
  end,
}
