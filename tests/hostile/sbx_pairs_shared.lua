return { name = "sbx_pairs_shared", version = "1", api = 1, render = function(s, ctx)
  -- pairs on a shared library must not hand out the table behind it
  local iter, state = pairs(string)
  local n = 0
  for k, v in pairs(string) do n = n + 1 end
  if n < 10 then error("pairs lists " .. n .. " string functions") end
  state.upper = function() return "pwned" end
end }
