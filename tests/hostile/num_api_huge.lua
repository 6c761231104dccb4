return { name = "num_api_huge", version = "1", api = 1 << 40, render = function(s, ctx) end }
