local t = {} for i = 1, 300 do t[("k"):rep(200) .. i] = ("v"):rep(300) end return t
