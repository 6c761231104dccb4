return { name = "limits_doc_flood", version = "1", api = 1, render = function(s, ctx)
  -- each call adds a little to the document, none to the Lua heap: the document is charged
  for i = 1, 1e8 do s:page_break() end
end }
