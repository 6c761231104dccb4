return setmetatable({ name = "sbx_plugin_index_loop", version = "1", api = 1,
  render = function(s, ctx) end }, { __index = function() while true do end end,
  __len = function() while true do end end, __pairs = function() while true do end end })
