return { name = "globals_writer", version = "1", api = 1, render = function(s, ctx)
  leaked = "from the writer"      -- a global of its own environment only
  tostring = function() return "pwned" end
end }
