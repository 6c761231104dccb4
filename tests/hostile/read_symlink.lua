return { name = "read_symlink", version = "1", api = 1, render = function(s, ctx)
  local t = ctx:read_text("data/escape")   -- a symbolic link to /etc/passwd
end }
