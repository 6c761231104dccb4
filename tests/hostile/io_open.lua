return { name = "io_open", version = "1", api = 1, render = function(s, ctx)
  local f = io.open("/etc/passwd")
end }
