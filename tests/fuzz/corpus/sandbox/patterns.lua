local t = ("(a[b]c)%%d "):rep(2000) return t:gsub("%b()", ""), t:find("a.-c"), t:match("^(.-)%s*$"), t:gmatch("[%]^-]+")(), t:find("[^%a%d]*x"), t:find("%f[%w]%w+"), t:find("(%w)%1")
