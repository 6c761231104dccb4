-- markdown: a section written in Markdown, from a .md file in the brief's folder (or inline).
return {
  name = "markdown",
  version = "1.0.0",
  api = 1,
  description = "Prose in Markdown: headings (#, ##, ###), paragraphs, emphasis, links, block "
    .. "quotes, nested lists and tables, with footnotes ^[…], citations [@key] and "
    .. "cross-references [#label].",
  options = {
    file = { type = "string", description = "Markdown file in the brief's folder, e.g. text/background.md" },
    text = { type = "string", description = "Markdown written in brief.lua itself (instead of file)" },
  },

  render = function(s, ctx)
    local opts = ctx.options
    if opts.file and opts.text then
      error("give the markdown section a file or a text, not both", 0)
    elseif opts.file then
      -- a file that cannot be read is the brief's fault: say so at its section, not here
      local ok, source = pcall(ctx.markdown_file, ctx, opts.file)
      if not ok then error((tostring(source):gsub("^[^\n]-%.lua:%d+: ", "")), 0) end
      s:markdown(source)
    elseif opts.text then
      s:markdown(opts.text)
    else
      error("the markdown section needs file = \"text/….md\" (or text = [[…]])", 0)
    end
  end,
}
