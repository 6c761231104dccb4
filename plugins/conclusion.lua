-- conclusion: the argument's close, with its factors as a numbered list.
return {
  name = "conclusion",
  version = "1.0.0",
  api = 1,
  description = "A concluding section: opening paragraphs, numbered factors, closing paragraphs.",
  options = {
    heading = { type = "string", default = "Conclusion", description = "Section heading" },
    before = { type = "list", description = "Paragraphs before the factors" },
    factors = { type = "list", description = "The numbered factors" },
    after = { type = "list", description = "Paragraphs after the factors" },
  },

  render = function(s, ctx)
    local opts = ctx.options
    s:heading(opts.heading or "Conclusion")
    for _, p in ipairs(opts.before or {}) do s:paragraph(p) end
    if opts.factors then s:list(opts.factors, { numbered = true }) end
    for _, p in ipairs(opts.after or {}) do s:paragraph(p) end
  end,
}
