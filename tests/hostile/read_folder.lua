return { name = "read_folder", version = "1", api = 1, render = function(s, ctx)
  local t = ctx:read_text("data")   -- a folder: refused by the file door, not read as empty
end }
