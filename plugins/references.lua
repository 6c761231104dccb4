-- references: the works the brief cites, sorted by author, as a numbered list.
return {
  name = "references",
  version = "1.0.0",
  api = 1,
  description = "The reference list: the brief's cited sources, or entries written out.",
  options = {
    heading = { type = "string", default = "References", description = "Section heading" },
    entries = { type = "list", description = "References written out, one per entry (markup allowed), sorted by their text; without them, the cited entries of the brief's bibliography" },
  },

  render = function(s, ctx)
    if not ctx.options.entries then
      s:bibliography { title = ctx.options.heading }
      return
    end
    local entries = {}
    for i, e in ipairs(ctx.options.entries or {}) do entries[i] = e end
    -- Sort by the visible text: markup such as *italics* must not decide the order.
    local function key(e) return (e:gsub("[*_%[%]]", ""):lower()) end
    table.sort(entries, function(a, b) return key(a) < key(b) end)
    s:heading(ctx.options.heading or "References")
    s:list(entries)
  end,
}
