return { name = "load_bytecode_text", version = "1", api = 1, render = function(s, ctx)
  local f, err = load("\27Lua\84\0\25\147\13\10\26\10")
  error(err)
end }
