return { name = "sbx_patterns_ordinary", version = "1", api = 1, render = function(s, ctx)
  -- the pattern bounds must let ordinary parsing of a megabyte of text through
  local para = "The quick brown fox (jumps) over 12,345.67 lazy dogs; mail: fox@example.org <b>x</b>\n"
  local text = para:rep(12000)
  text:gsub("%s+", " "); text:gsub("%b()", ""); text:gsub("%[(.-)%]", ""); text:gsub("<b>(.-)</b>", "")
  text:match("^%s*(.-)%s*$"); text:find("fox.-dogs"); text:match("BEGIN(.-)END")
  for a, b in text:gmatch("(%d+)%.(%d+)") do end
  for w in text:gmatch("%f[%w]%w+") do end
  for line in text:gmatch("[^\n]+") do
    local t = line:match("^%s*(.-)%s*$")
    local k, v = line:match("^(%w+)%s*:%s*(.*)$")
    for field in line:gmatch("([^,]*),") do end
  end
  local pos, n = 1, 0
  while true do
    local a, b = text:find("<b>(.-)</b>", pos)
    if not a then break end
    n, pos = n + 1, b + 1
  end
  error("ordinary patterns all ran: " .. n)
end }
