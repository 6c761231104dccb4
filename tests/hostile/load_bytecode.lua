return { name = "load_bytecode", version = "1", api = 1, render = function(s, ctx)
  local f = assert(load("\27Lua\84\0\25\147\13\10\26\10", "x", "b"))
end }
