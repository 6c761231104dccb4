return { name = "sbx_find_unclosed_set", version = "1", api = 1, render = function(s, ctx)
  -- the matcher only finds the unclosed '[' once it gets there, after the backtracking prefix
  return ("a"):rep(50000):find(".-oooo[oo")
end }
