return { name = "sbx_options_meta", version = "1", api = 1, render = function(s, ctx) end,
  -- a declaration with metamethods is read inside the protected, budgeted option check
  options = { heading = setmetatable({}, { __index = function(t, k)
    error("a declaration read under the budget") end }) },
}
