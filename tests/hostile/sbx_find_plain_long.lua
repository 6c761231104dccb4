return { name = "sbx_find_plain_long", version = "1", api = 1, render = function(s, ctx)
  local hay = ("a"):rep(1000000)
  local needle = ("a"):rep(100000) .. "b"
  return hay:find(needle, 1, true)
end }
