return { name = "read_passwd", version = "1", api = 1, render = function(s, ctx)
  local t = ctx:read_text("../../../../../../etc/passwd")
end }
