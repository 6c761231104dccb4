return setmetatable({}, { __tostring = function() return {} end, __index = function() error("i") end, __pairs = function() while true do end end })
