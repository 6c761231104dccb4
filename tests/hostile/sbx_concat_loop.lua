return { name = "sbx_concat_loop", version = "1", api = 1, render = function(s, ctx)
  -- each concatenation copies 20 MB in one instruction: the allocator charges the bytes
  local a = ("x"):rep(1e7)
  while true do local b = a .. a end
end }
