return { name = "package_loadlib", version = "1", api = 1, render = function(s, ctx)
  package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")
end }
