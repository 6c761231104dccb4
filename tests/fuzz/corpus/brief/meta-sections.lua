return { title = "t", sections = setmetatable({ section "prose" }, { __len = function() error("len") end, __index = function() while true do end end }) }
