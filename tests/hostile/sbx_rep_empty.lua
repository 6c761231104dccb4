return { name = "sbx_rep_empty", version = "1", api = 1, render = function(s, ctx)
  local x = string.rep("", math.maxinteger) .. ("x"):rep(0, "y") .. (""):rep(math.maxinteger, "")
  error("string.rep gave " .. #x .. " bytes")
end }
