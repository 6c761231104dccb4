-- a module required by two hostile plugins (not a plugin itself)
local M = {}
function M.greet() return "hello" end
return M
