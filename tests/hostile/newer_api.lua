return { name = "newer_api", version = "1", api = 99, render = function(s, ctx) end }
