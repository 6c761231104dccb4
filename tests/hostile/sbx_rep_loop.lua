return { name = "sbx_rep_loop", version = "1", api = 1, render = function(s, ctx)
  -- each string.rep is one instruction to the count hook; its copies count against the budget
  while true do local x = ("x"):rep(2e7) end
end }
