return { name = "change_string_mt", version = "1", api = 1, render = function(s, ctx)
  local mt = getmetatable("")
  mt.__index = {}
end }
