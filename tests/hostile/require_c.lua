local lfs = require("lfs")
return { name = "require_c", version = "1", api = 1, render = function(s, ctx) end }
