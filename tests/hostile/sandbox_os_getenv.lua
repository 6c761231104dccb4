return { name = "sandbox_os_getenv", version = "1", api = 1, render = function(s, ctx)
  s:paragraph(os.getenv("HOME"))
end }
