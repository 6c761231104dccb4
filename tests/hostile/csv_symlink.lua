return { name = "csv_symlink", version = "1", api = 1, render = function(s, ctx)
  local t = ctx:csv("data/escape")   -- a symbolic link to /etc/passwd: no line of it shown
end }
