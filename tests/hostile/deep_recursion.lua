local function f(n) return f(n + 1) + 1 end
return { name = "deep_recursion", version = "1", api = 1, render = function(s, ctx) f(1) end }
