return { name = "json_proc", version = "1", api = 1, render = function(s, ctx)
  local t = ctx:json("/proc/self/environ")   -- outside by its path, whatever it holds
end }
