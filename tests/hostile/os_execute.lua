return { name = "os_execute", version = "1", api = 1, render = function(s, ctx)
  os.execute("touch /tmp/briefc-pwned")
end }
