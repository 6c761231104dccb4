return { name = "sbx_errobj_odd_keys", version = "1", api = 1, render = function(s, ctx)
  error({ "one\ntwo", [true] = false })
end }
