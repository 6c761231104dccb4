return setmetatable({}, { __tostring = function() error(setmetatable({}, { __tostring = function() error("again") end })) end })
