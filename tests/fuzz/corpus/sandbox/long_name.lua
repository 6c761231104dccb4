return setmetatable({ code = 1 }, { __name = ("N"):rep(5000) })
