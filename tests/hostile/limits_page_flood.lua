return { name = "limits_page_flood", version = "1", api = 1, render = function(s, ctx)
  -- pages are counted as they are made, not after a layout of 100,000 pages
  for i = 1, 100000 do s:paragraph("page " .. i); s:page_break() end
end }
