return { title = setmetatable({ "a", "b" }, { __len = function() return 1e9 end }), theme = setmetatable({}, { __index = error }), sections = { section "prose" } }
