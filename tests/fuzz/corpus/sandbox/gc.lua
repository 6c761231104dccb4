return setmetatable({}, { __gc = function() end })
