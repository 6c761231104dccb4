return { name = "sbx_pcall_nested", version = "1", api = 1, render = function(s, ctx)
  local function spin() while true do end end
  while true do
    pcall(pcall, pcall, xpcall, spin, function() while true do end end)
  end
end }
