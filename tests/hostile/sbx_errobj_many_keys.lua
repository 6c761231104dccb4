return { name = "sbx_errobj_many_keys", version = "1", api = 1, render = function(s, ctx)
  local t = {}
  for i = 1, 2000 do t[("k"):rep(300) .. i] = ("v"):rep(5000) end
  error(t)
end }
