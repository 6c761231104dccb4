return { name = "sbx_match_quadratic", version = "1", api = 1, render = function(s, ctx)
  local text = ("x"):rep(1000000)
  return text:match("x-y")
end }
