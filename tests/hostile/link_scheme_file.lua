return { name = "link_scheme_file", version = "1", api = 1, render = function(s, ctx)
  s:markdown("Read <file:///etc/passwd> and [x](FILE:///etc/shadow).")
end }
