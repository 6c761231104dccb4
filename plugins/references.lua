-- references: the works the brief cites, sorted by author, as a numbered list.
return {
  name = "references",
  version = "1.0.0",
  api = 1,
  description = "A reference list, sorted by its entries' text.",
  options = {
    heading = { type = "string", default = "References", description = "Section heading" },
    entries = { type = "list", required = true, description = "One reference per entry (markup allowed); sorted by their text" },
  },

  render = function(s, ctx)
    local entries = {}
    for i, e in ipairs(ctx.options.entries or {}) do entries[i] = e end
    -- Sort by the visible text: markup such as *italics* must not decide the order.
    local function key(e) return (e:gsub("[*_%[%]]", ""):lower()) end
    table.sort(entries, function(a, b) return key(a) < key(b) end)
    s:heading(ctx.options.heading or "References")
    s:list(entries)
  end,
}
