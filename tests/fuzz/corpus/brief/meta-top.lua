return setmetatable({ title = "t", sections = { section "prose" } }, { __index = function() while true do end end })
