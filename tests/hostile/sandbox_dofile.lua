return { name = "sandbox_dofile", version = "1", api = 1, render = function(s, ctx)
  dofile("/etc/passwd")
end }
