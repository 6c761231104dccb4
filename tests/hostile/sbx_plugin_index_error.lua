return setmetatable({}, { __index = function(t, k) error("boom reading " .. k) end })
